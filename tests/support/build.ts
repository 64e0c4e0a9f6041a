/**
 * Runs the real build (`npm run build`: scripts/build.ts, then `astro build`) into a temporary folder, the way a
 * user or CI would, and reads what it wrote.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

export interface BuildResult {
  outDir: string;
  code: number | null;
  output: string;
}

/** Environment every test build shares: fixed dates so pages are reproducible, no live GitHub. */
export const testBuildEnvironment: NodeJS.ProcessEnv = {
  SITE_URL: 'https://catalogue.example.test',
  BASE_PATH: '/cep-catalogue/',
  CATALOGUE_TODAY: '2026-12-01',
  BUILD_TIME: '2026-12-01T08:00:00.000Z',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  ASTRO_TELEMETRY_DISABLED: '1',
  // Plain log lines for the tests to read, also where CI=true turns colours on.
  NO_COLOR: '1',
};

/** Builds the site with `env` on top of the test environment; resolves when the build exits. */
export function buildSite(env: NodeJS.ProcessEnv = {}, outDir = mkdtempSync(path.join(tmpdir(), 'cep-site-'))): Promise<BuildResult> {
  // Each build has its own tracking cache too: a cache left by a developer's token build would otherwise be read.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...testBuildEnvironment, OUT_DIR: outDir, ASTRO_CACHE_DIR: `${outDir}-cache`, TRACKING_CACHE_DIR: `${outDir}-tracking`, ...env };
  // A token in the developer's shell must not turn a test build into a live GitHub fetch.
  if (!('GITHUB_TOKEN' in env)) delete childEnv['GITHUB_TOKEN'];
  return new Promise((resolve, reject) => {
    // As `npm run build`: scripts/build.ts syncs with the token (if any) and runs astro build without it.
    const child = spawn(process.execPath, [path.join(projectRoot, 'scripts/build.ts')], {
      cwd: projectRoot,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ outDir, code, output }));
  });
}

/** Reads a built file, e.g. `ceps/4101-arm64-e2e-lanes/index.html`. */
export function readBuilt(outDir: string, file: string): string {
  return readFileSync(path.join(outDir, file), 'utf8');
}
