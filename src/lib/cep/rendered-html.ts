/**
 * Keeps proposals' rendered HTML out of Astro's data store, in files beside it.
 *
 * Astro serialises the whole data store, bundles it into every build as one JavaScript module and
 * parses it again at the first `getCollection()`, whether anything changed or not. Rendered HTML
 * was three quarters of that store (30 of 40 MB at 1000 proposals); with it in files, the bundle
 * step of a 1000-proposal build went from 10 s to 2 s and its peak memory down by 0.6 GB (see
 * docs/performance.md). An entry keeps everything else in the store (data, digest, headings).
 *
 * The content loader (loader.ts) writes the files as it renders ({@link keepHtmlInFile}), checks
 * the file of every entry it keeps from the last build ({@link keptHtmlProblem}) and deletes the
 * files no entry refers to ({@link pruneHtmlFiles}). Entries whose HTML refers to images Astro must
 * still process (`metadata.imagePaths`) and MDX entries (rendered by Astro at build time, not
 * stored) keep no file.
 *
 * The files are cache files (lib/cache): written atomically and checksummed. An entry whose file
 * is cut off or altered is rendered again, with one line in the build log; its HTML is never
 * published.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { readCacheFile, writeCacheFile } from '../cache/cache-file.ts';

type DataStore = LoaderContext['store'];
type DataEntry = Parameters<DataStore['set']>[0];
type RenderedContent = NonNullable<DataEntry['rendered']>;
type Heading = NonNullable<NonNullable<RenderedContent['metadata']>['headings']>[number];

/** Key, in an entry's `rendered.metadata`, of the file that holds its HTML. */
const HTML_FILE = 'htmlFile';

export class RenderedHtmlMissingError extends Error {
  override name = 'RenderedHtmlMissingError';
}

/** The file an entry's HTML was moved to, if it was. */
function htmlFileOf(entry: Pick<DataEntry, 'rendered'>): string | undefined {
  const file = entry.rendered?.metadata?.[HTML_FILE];
  return typeof file === 'string' ? file : undefined;
}

/** What a rendered-HTML cache file must have been written for: its own name. */
const keyOf = (file: string) => `rendered-html ${path.basename(file)}`;

/** The folder a collection's HTML files are kept in: `<cacheDir>/rendered-html/<collection>/`. */
export function renderedHtmlFolder(context: Pick<LoaderContext, 'config' | 'collection'>): string {
  const folder = path.join(fileURLToPath(context.config.cacheDir), 'rendered-html', context.collection);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/**
 * What to store of a rendering: its HTML replaced by the name of the file that now holds it (named
 * by the HTML's hash, so equal HTML is written once); as rendered when Astro must still process
 * its images.
 */
export function keepHtmlInFile(folder: string, rendered: RenderedContent): RenderedContent {
  if (!rendered.html || (rendered.metadata?.imagePaths?.length ?? 0) > 0) return rendered;
  const file = path.join(folder, `${createHash('sha256').update(rendered.html).digest('hex').slice(0, 32)}.html`);
  if (!readCacheFile(file, keyOf(file)).ok) writeCacheFile(file, rendered.html, keyOf(file));
  return { html: '', metadata: { ...rendered.metadata, [HTML_FILE]: file } };
}

/**
 * Why an entry kept from the last build cannot be used as it is: its HTML file is gone (a cleared
 * cache: `missing`, rendered again without a word) or damaged (a line for the build log).
 * `undefined` when it is usable (or keeps no file).
 */
export function keptHtmlProblem(entry: Pick<DataEntry, 'rendered'>): { reason: string; detail: string } | undefined {
  const file = htmlFileOf(entry);
  if (file === undefined) return undefined;
  const kept = readCacheFile(file, keyOf(file));
  return kept.ok ? undefined : { reason: kept.reason, detail: kept.detail };
}

/** Deletes the files in `folder` that none of `entries` refers to (removed or changed proposals). */
export function pruneHtmlFiles(folder: string, entries: Iterable<Pick<DataEntry, 'rendered'>>): void {
  const kept = new Set([...entries].map(htmlFileOf));
  for (const name of readdirSync(folder)) {
    if (!kept.has(path.join(folder, name))) rmSync(path.join(folder, name), { force: true });
  }
}

/** An entry's HTML and headings, when its HTML was kept in a file. */
export interface RenderedHtml {
  html: string;
  headings: Heading[];
}

/**
 * Reads the HTML the loader kept for an entry; `undefined` when the entry's HTML is not in a file
 * (MDX, images), for `render()` to handle.
 *
 * @throws RenderedHtmlMissingError when the file is gone or damaged (after the content was loaded)
 */
export function readRenderedHtml(entry: Pick<DataEntry, 'id' | 'rendered'>): RenderedHtml | undefined {
  const file = htmlFileOf(entry);
  if (file === undefined) return undefined;
  const kept = readCacheFile(file, keyOf(file));
  if (kept.ok) return { html: kept.content, headings: entry.rendered?.metadata?.headings ?? [] };
  throw new RenderedHtmlMissingError(
    `the rendered HTML of "${entry.id}" is ${kept.reason === 'missing' ? 'missing' : 'unusable'} (${file}: ${kept.detail}); build again, or delete the cache folder for a full build`,
  );
}
