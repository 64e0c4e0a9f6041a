/**
 * Builds the Pagefind search index at the end of `astro build`, over the proposal pages only
 * (`ceps/**` or `veps/**`, see proposalPagesGlob: each proposal and its supporting documents), and
 * writes it to `<outDir>/pagefind/`.
 * The build fails when indexing reports an error or indexes no page, so a site never ships with a
 * search page that finds nothing.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, globSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

export interface PagefindIntegrationOptions {
  /** Files to index, relative to the output folder: the proposal pages, `proposalPagesGlob(catalogue)`. */
  glob: string;
}

/** Pages Pagefind indexed, from the `pagefind-entry.json` it wrote (one count per language). */
export async function indexedPageCount(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages?: Record<string, { page_count?: number }>;
  };
  return Object.values(entry.languages ?? {}).reduce((total, language) => total + (language.page_count ?? 0), 0);
}

/** Hash of what the index is built from: the indexed files (names and contents), the glob and Pagefind's version. */
function inputKey(siteDir: string, glob: string, root: string): string {
  const hash = createHash('sha256').update(`${glob}\0`);
  try {
    hash.update(
      `${(JSON.parse(readFileSync(path.join(root, 'node_modules/pagefind/package.json'), 'utf8')) as { version?: string }).version}\0`,
    );
  } catch {
    hash.update('unknown\0');
  }
  for (const file of globSync(glob, { cwd: siteDir }).sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(siteDir, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

function readKey(cacheDir: string): string | undefined {
  try {
    return readFileSync(path.join(cacheDir, 'key'), 'utf8');
  } catch {
    return undefined;
  }
}

/** Where the last index and the key of its inputs are kept (`<cacheDir>/pagefind/`), and the project root. */
interface IndexCache {
  dir: string;
  root: string;
}

/** Builds (or reuses) the index of `siteDir`; resolves to the line to log. */
async function buildIndex(siteDir: string, glob: string, cache: IndexCache | undefined): Promise<string> {
  const bundleDir = path.join(siteDir, 'pagefind');
  const started = performance.now();
  // Pagefind cannot update an index, and indexing a thousand pages takes seconds: when no indexed
  // page changed since the last build (incremental builds keep pages as they were), the last index
  // is reused.
  const key = cache && inputKey(siteDir, glob, cache.root);
  const cachedBundle = cache && path.join(cache.dir, 'bundle');
  if (cache && cachedBundle && key && readKey(cache.dir) === key && existsSync(cachedBundle)) {
    cpSync(cachedBundle, bundleDir, { recursive: true });
    return `no indexed page changed: reused the search index (${await indexedPageCount(bundleDir)} pages) in ${Math.round(performance.now() - started)} ms`;
  }
  try {
    const created = await pagefind.createIndex({});
    if (!created.index || created.errors.length > 0) {
      throw new SearchIndexError(`could not start Pagefind: ${created.errors.join('; ') || 'no index returned'}`);
    }
    const added = await created.index.addDirectory({ path: siteDir, glob });
    if (added.errors.length > 0) throw new SearchIndexError(`indexing failed: ${added.errors.join('; ')}`);
    const written = await created.index.writeFiles({ outputPath: bundleDir });
    if (written.errors.length > 0) throw new SearchIndexError(`writing the index failed: ${written.errors.join('; ')}`);
    const pages = await indexedPageCount(bundleDir);
    if (pages === 0) {
      throw new SearchIndexError(`indexed 0 pages out of ${added.page_count} files matching ${glob} (is data-pagefind-body missing?)`);
    }
    if (cache && cachedBundle && key) {
      rmSync(cache.dir, { recursive: true, force: true });
      cpSync(bundleDir, cachedBundle, { recursive: true });
      writeFileSync(path.join(cache.dir, 'key'), key);
    }
    return `indexed ${pages} pages (${added.page_count} files read) in ${Math.round(performance.now() - started)} ms`;
  } finally {
    await pagefind.close();
  }
}

export function pagefindIntegration(options: PagefindIntegrationOptions): AstroIntegration {
  const { glob } = options;
  let cache: IndexCache | undefined;
  /** The index being built since the pages were generated. */
  let building: Promise<string> | undefined;
  return {
    name: 'cep-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        cache = { dir: path.join(fileURLToPath(config.cacheDir), 'pagefind'), root: fileURLToPath(config.root) };
      },
      // Indexing starts as soon as every page is written, so that Pagefind's process works while
      // this one finishes the build (the sitemap): it reads only what is inside
      // data-pagefind-body, which the later steps do not touch.
      'astro:build:generated': ({ dir }) => {
        building = buildIndex(fileURLToPath(dir), glob, cache);
        // Failures are reported by astro:build:done; until then they must not count as unhandled.
        building.catch(() => undefined);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const index = building ?? buildIndex(fileURLToPath(dir), glob, cache);
        building = undefined;
        logger.info(await index);
      },
    },
  };
}
