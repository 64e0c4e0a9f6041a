/** When and from which commit the site was built, for the footer ("is this page current?"). */
import { execFileSync } from 'node:child_process';

export interface BuildInfo {
  builtAt: string;
  commit?: string;
  commitUrl?: string;
}

/**
 * Where the build's info is kept: on `globalThis`, because pages run from Astro's bundle, a second
 * copy of this module in the same process, and the pages and the build-stamp step must agree.
 */
const PROCESS_BUILD_INFO = Symbol.for('cep-catalogue.build-info');

/**
 * Reads the commit from GitHub Actions' `GITHUB_SHA`, else from git; `BUILD_TIME` pins the time for tests.
 * For the process environment it is read once per build: every page's footer shows it, and asking
 * git for each of thousands of pages cost more than rendering them (and gave each page its own time).
 */
export function readBuildInfo(env: NodeJS.ProcessEnv = process.env): BuildInfo {
  if (env !== process.env) return readBuildInfoFrom(env);
  const shared = globalThis as { [PROCESS_BUILD_INFO]?: BuildInfo };
  shared[PROCESS_BUILD_INFO] ??= readBuildInfoFrom(env);
  return shared[PROCESS_BUILD_INFO];
}

function readBuildInfoFrom(env: NodeJS.ProcessEnv): BuildInfo {
  let commit = env['GITHUB_SHA'];
  if (!commit) {
    try {
      commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      commit = undefined;
    }
  }
  const repository = env['GITHUB_REPOSITORY'];
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  return {
    builtAt: env['BUILD_TIME'] ?? new Date().toISOString(),
    ...(commit ? { commit } : {}),
    ...(commit && repository ? { commitUrl: `${server}/${repository}/commit/${commit}` } : {}),
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The footer's build stamp as HTML (no `<span>` inside, so the stamp can be found and replaced). */
export function buildStampHtml(build: BuildInfo): string {
  const time = `<time datetime="${escapeHtml(build.builtAt)}">${escapeHtml(build.builtAt.replace('T', ' ').slice(0, 16))} UTC</time>`;
  if (!build.commit) return `Last built ${time}`;
  const code = `<code>${escapeHtml(build.commit.slice(0, 7))}</code>`;
  return `Last built ${time} from commit ${build.commitUrl ? `<a href="${escapeHtml(build.commitUrl)}">${code}</a>` : code}`;
}

const stampPattern = /(<span data-build-info>)[\s\S]*?(<\/span>)/;

/** Puts the current stamp into a page's HTML, replacing whichever build's stamp it holds. */
export function restampHtml(html: string, build: BuildInfo): string {
  return html.replace(stampPattern, (_match, open: string, close: string) => `${open}${buildStampHtml(build)}${close}`);
}
