/**
 * `npm run build`: fetches tracking data with the token in one process, then renders the site in
 * another whose environment holds no token (see docs/security.md).
 *
 * 1. With GITHUB_TOKEN (or GH_TOKEN) set: `node scripts/sync.ts --out <tracking cache>` in a child
 *    process, the only one that ever sees the token.
 * 2. Always: `astro build` in a child process whose environment has the token and every other
 *    secret-looking variable removed. Its tracking loader only reads the cache or the committed
 *    snapshot (src/lib/github/loader.ts).
 * 3. The output is checked (src/lib/cache/published-output.ts): a bad page or image, which can only
 *    come from Astro's own caches, makes it delete Astro's cache folder and build once more from
 *    scratch; bad files after that are a build error naming them, and are never left in the output.
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { astroFolders, checkPublishedOutput } from '../src/lib/cache/published-output.ts';
import { toOutputLine } from '../src/lib/cep/diagnostics.ts';
import { readTrackingConfig } from '../src/lib/github/config.ts';
import { cacheFilePath } from '../src/lib/github/cache.ts';
import { githubTokenOf, scrubEnvironment } from '../src/lib/security/environment.ts';
import { runCli, UsageError } from './cli.ts';

const usage = `
Usage: npm run build -- [--sync-only | --no-sync] [astro build options]

Builds the site into dist/ (OUT_DIR). With GITHUB_TOKEN set, the tracking issues are first fetched
by \`npm run sync\` in a process of their own, into the tracking cache (TRACKING_CACHE_DIR, default
node_modules/.astro/tracking); \`astro build\` then runs without GITHUB_TOKEN, GH_TOKEN or any other
variable whose name or value looks like a secret, and reads the tracking state from that cache, else
from content/tracking.snapshot.json.

Options:
  --sync-only   only fetch the tracking data into the cache (the deploy workflow's step with the token)
  --no-sync     build without fetching, even when a token is set
  -h, --help    show this help

The output is checked before it is published: a page cut off or an image that is not one (which
can only come from Astro's caches) makes the build delete Astro's cache folder (ASTRO_CACHE_DIR)
and build once more from scratch.

Exit codes: the sync's or astro's exit code when one fails; 1 when a build from scratch still
writes bad files; 2 on a usage error.
`;

const projectRoot = path.resolve(import.meta.dirname, '..');

/** Runs a child process with the given environment and this process's output streams. */
function run(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: process.cwd(), env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

runCli('build', async () => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage.trim()}\n`);
    return 0;
  }
  const syncOnly = argv.includes('--sync-only');
  const noSync = argv.includes('--no-sync');
  if (syncOnly && noSync) throw new UsageError(`--sync-only and --no-sync exclude each other\n\n${usage.trim()}`);
  const astroArguments = argv.filter((argument) => argument !== '--sync-only' && argument !== '--no-sync');

  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  const token = githubTokenOf(env);
  if (token !== undefined && !noSync) {
    const cacheFile = cacheFilePath(readTrackingConfig(env).cacheDir);
    process.stdout.write(
      `build: fetching tracking data into ${path.relative(process.cwd(), cacheFile) || cacheFile} (npm run sync, the only step with the token)\n`,
    );
    const code = await run([path.join(projectRoot, 'scripts/sync.ts'), '--out', cacheFile], env);
    if (code !== 0) {
      // Strict builds stop; others go on with the last tracking data that was really fetched (the
      // cache or the committed snapshot, unchanged by the failed sync), whose pages say how old it is.
      if (readTrackingConfig(env).strict) {
        process.stderr.write(
          `build: stopped: fetching the tracking data failed (sync exit code ${code}) and TRACKING_STRICT is set; nothing was built\n`,
        );
        return code;
      }
      process.stderr.write(
        `build: fetching the tracking data failed (sync exit code ${code}); building with the last tracking data fetched, as the pages' "as of" time says\n`,
      );
    }
  } else if (syncOnly) {
    process.stderr.write('build: --sync-only needs GITHUB_TOKEN (or GH_TOKEN) to fetch the tracking data\n');
    return 2;
  }
  if (syncOnly) return 0;

  const { env: renderEnv, removed } = scrubEnvironment(env);
  if (removed.length > 0) process.stdout.write(`build: rendering without ${removed.join(', ')} (removed from astro's environment)\n`);
  const astroBuild = () => run([path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'build', ...astroArguments], renderEnv);
  const code = await astroBuild();
  if (code !== 0) return code;

  // Pages kept by the incremental build and optimised images come from Astro's caches: checked
  // before anything is published (src/lib/cache/published-output.ts).
  const root = path.resolve(rootArgument(astroArguments) ?? process.cwd());
  const folders = astroFolders(env);
  const outDir = path.resolve(root, folders.outDir);
  const cacheDir = path.resolve(root, folders.cacheDir);
  const bad = checkPublishedOutput(outDir);
  if (bad.length === 0) return 0;
  // A file's name comes from a proposal's folder name: one line, never a workflow command.
  for (const { file, reason } of bad)
    process.stderr.write(`${toOutputLine(`build: ${file} in the output is bad (${reason}); it is not published`)}\n`);
  process.stdout.write(`build: deleting Astro's cache folder ${cacheDir} and building once more from scratch\n`);
  clearCacheFolder(cacheDir, [readTrackingConfig(env).cacheDir]);
  for (const { file } of bad) rmSync(path.join(outDir, file), { force: true });
  const again = await astroBuild();
  if (again !== 0) return again;
  const stillBad = checkPublishedOutput(outDir);
  if (stillBad.length === 0) return 0;
  for (const { file } of stillBad) rmSync(path.join(outDir, file), { force: true });
  process.stderr.write(
    `${toOutputLine(`build: failed: a build from scratch wrote bad files too, removed from the output: ${stillBad.map(({ file, reason }) => `${file} (${reason})`).join(', ')}`)}\n`,
  );
  return 1;
});

/** The project root given to `astro build` (`--root <folder>` or `--root=<folder>`), if any. */
function rootArgument(args: readonly string[]): string | undefined {
  const index = args.indexOf('--root');
  if (index >= 0) return args[index + 1];
  return args.find((argument) => argument.startsWith('--root='))?.slice('--root='.length);
}

/**
 * Deletes what is in Astro's cache folder (a public setting, a cache: always safe to delete), but
 * `keep`: the tracking data fetched by this run's sync may be kept inside it.
 */
function clearCacheFolder(cacheDir: string, keep: readonly string[]): void {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const name of names) {
    const entry = path.join(cacheDir, name);
    if (keep.some((kept) => kept === entry || kept.startsWith(entry + path.sep))) continue;
    rmSync(entry, { recursive: true, force: true });
  }
}
