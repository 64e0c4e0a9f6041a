/**
 * Builds the Pagefind search index at the end of `astro build`, over the proposal pages only
 * (`ceps/**`: each proposal and its supporting documents), and writes it to `<outDir>/pagefind/`.
 * The build fails when indexing reports an error or indexes no page, so a site never ships with a
 * search page that finds nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

export interface PagefindIntegrationOptions {
  /** Files to index, relative to the output folder (default: the proposal pages). */
  glob?: string;
}

/** Pages Pagefind indexed, from the `pagefind-entry.json` it wrote (one count per language). */
export async function indexedPageCount(bundleDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages?: Record<string, { page_count?: number }>;
  };
  return Object.values(entry.languages ?? {}).reduce((total, language) => total + (language.page_count ?? 0), 0);
}

export function pagefindIntegration(options: PagefindIntegrationOptions = {}): AstroIntegration {
  const glob = options.glob ?? 'ceps/**/*.html';
  return {
    name: 'cep-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const siteDir = fileURLToPath(dir);
        const bundleDir = path.join(siteDir, 'pagefind');
        const started = performance.now();
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
          logger.info(`indexed ${pages} pages (${added.page_count} files read) in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
