/**
 * Runs the real build (`npm run build`: scripts/build.ts, then `astro build`) into a temporary folder, the way a
 * user or CI would, and reads what it wrote.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
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

/**
 * Where test builds go: inside the project, because Astro keeps its prerender bundle in the output
 * folder only when that folder is inside the working directory, and otherwise in one shared
 * `<cwd>/.astro/.prerender/`, where builds running side by side would delete each other's.
 * Each build also gets a project root of its own (see {@link projectCopy}).
 */
export const testBuildsRoot = path.join(projectRoot, '.test-builds');

/** A new empty folder for one test build (or its content, caches). */
export function testBuildDir(prefix = 'site-'): string {
  mkdirSync(testBuildsRoot, { recursive: true });
  return mkdtempSync(path.join(testBuildsRoot, prefix));
}

/** What a build reads of the project itself (content comes from the environment's folders). */
const projectFiles = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/**
 * A copy of the project's code beside the output folder, used as the build's root. Astro keeps
 * generated modules (the content module map, collection types) in `<root>/.astro/`, which no
 * setting moves; builds of different content from one root overwrite each other's there. The copy
 * is made afresh for every build (a second build into the same folder reuses its path, so the
 * incremental build sees the same code); `node_modules` is linked, not copied.
 */
function projectCopy(outDir: string): string {
  const root = `${outDir}-root`;
  mkdirSync(root, { recursive: true });
  for (const file of projectFiles) cpSync(path.join(projectRoot, file), path.join(root, file), { recursive: true, force: true });
  if (!existsSync(path.join(root, 'node_modules')))
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

/** Builds the site with `env` on top of the test environment; resolves when the build exits. */
export function buildSite(env: NodeJS.ProcessEnv = {}, outDir = testBuildDir()): Promise<BuildResult> {
  if (!path.resolve(outDir).startsWith(`${testBuildsRoot}${path.sep}`)) {
    throw new Error(`test builds must write inside ${testBuildsRoot} (use testBuildDir()), so that they can run side by side: ${outDir}`);
  }
  // Each build has its own tracking cache too: a cache left by a developer's token build would otherwise be read.
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...testBuildEnvironment,
    OUT_DIR: outDir,
    ASTRO_CACHE_DIR: `${outDir}-cache`,
    TRACKING_CACHE_DIR: `${outDir}-tracking`,
    ...env,
  };
  // A token in the developer's shell must not turn a test build into a live GitHub fetch.
  if (!('GITHUB_TOKEN' in env)) delete childEnv['GITHUB_TOKEN'];
  return new Promise((resolve, reject) => {
    // As `npm run build`: scripts/build.ts syncs with the token (if any) and runs astro build without it.
    const child = spawn(process.execPath, [path.join(projectRoot, 'scripts/build.ts'), '--root', projectCopy(outDir)], {
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
