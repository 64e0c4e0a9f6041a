/**
 * Where the benchmark's builds run: a folder of their own, so that nothing they write lands in the
 * repository and concurrent builds there (tests, other benchmarks) cannot disturb them.
 *
 * Astro writes more than `outDir` and `cacheDir`: `<root>/.astro/` (content module lists, and the
 * prerender bundle whenever `outDir` is outside the working directory) and Vite's dependency
 * cache `<root>/node_modules/.vite/`. So each build gets its own root: a copy of the project's
 * source (or the bare project), with a `node_modules` folder of symlinks to this repository's
 * packages. Nothing is downloaded, the packages are the very same files, and `.vite` and `.astro`
 * stay inside the temporary folder.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/** Fills `target/node_modules` with a symlink per entry of `sourceNodeModules` (except caches). */
export function linkNodeModules(sourceNodeModules: string, target: string): void {
  const folder = path.join(target, 'node_modules');
  mkdirSync(folder, { recursive: true });
  for (const entry of readdirSync(sourceNodeModules)) {
    // Caches of builds run in the repository; this root gets its own.
    if (entry === '.vite' || entry === '.astro' || entry === '.cache') continue;
    symlinkSync(path.join(sourceNodeModules, entry), path.join(folder, entry));
  }
}

/** What of the project a build needs: config, source, static files, and the lockfile (part of Astro's incremental-build key). */
export const PROJECT_FILES = [
  'astro.config.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'src',
  'public',
  'scripts',
] as const;

/** Copies the project into `target` and links its packages; returns `target`. */
export function stageProject(projectRoot: string, target: string): string {
  mkdirSync(target, { recursive: true });
  for (const name of PROJECT_FILES) {
    const source = path.join(projectRoot, name);
    if (existsSync(source)) cpSync(source, path.join(target, name), { recursive: true });
  }
  linkNodeModules(path.join(projectRoot, 'node_modules'), target);
  return target;
}
