/**
 * When and from which commit the site was built, and how fresh its tracking data is: the facts of
 * "is this page current?". They change on every build, so no proposal page carries them (that
 * would stop the incremental build from keeping any page); `/build/` and `/build.json`, rendered
 * on every build, do, and the footer of every page shows them from `build.json`.
 */
import { execFileSync } from 'node:child_process';
import { readEnvironment } from './config/environment.ts';

export interface BuildInfo {
  builtAt: string;
  commit?: string;
  commitUrl?: string;
  /** When the tracking data was fetched from GitHub, and where the build read it from. */
  tracking?: { generatedAt: string; source: 'snapshot' | 'live' };
}

/** Reads the commit from GitHub Actions' `GITHUB_SHA`, else from git; `BUILD_TIME` pins the time for tests. */
export function readBuildInfo(env: NodeJS.ProcessEnv = process.env): BuildInfo {
  const variables = readEnvironment(env);
  let commit = variables.GITHUB_SHA;
  if (!commit) {
    try {
      commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      commit = undefined;
    }
  }
  const repository = variables.GITHUB_REPOSITORY;
  const server = (variables.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  return {
    builtAt: variables.BUILD_TIME ?? new Date().toISOString(),
    ...(commit ? { commit } : {}),
    ...(commit && repository ? { commitUrl: `${server}/${repository}/commit/${commit}` } : {}),
  };
}
