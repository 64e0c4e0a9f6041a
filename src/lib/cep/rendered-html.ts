/**
 * Keeps proposals' rendered HTML out of Astro's data store, in files beside it.
 *
 * Astro serialises the whole data store, bundles it into every build as one JavaScript module and
 * parses it again at the first `getCollection()`, whether anything changed or not. Rendered HTML
 * was three quarters of that store (30 of 40 MB at 1000 proposals); with it in files, the bundle
 * step of a 1000-proposal build went from 10 s to 2 s and its peak memory down by 0.6 GB (see
 * docs/performance.md). An entry keeps everything else in the store (data, digest, headings), so
 * Astro's caching by digest still decides what is rendered again.
 *
 * Entries whose HTML refers to images Astro must still process (`metadata.imagePaths`) and MDX
 * entries (rendered by Astro at build time, not stored) are left as they are.
 *
 * The files are cache files (lib/cache): written atomically and checksummed. An entry whose file
 * is cut off or altered is rendered again, with one line in the build log; its HTML is never
 * published.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
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

/** Writes `html` to a file named by its hash (so equal HTML is written once) and returns the path. */
function writeHtml(folder: string, html: string): string {
  const file = path.join(folder, `${createHash('sha256').update(html).digest('hex').slice(0, 32)}.html`);
  if (!readCacheFile(file, keyOf(file)).ok) writeCacheFile(file, html, keyOf(file));
  return file;
}

/** The entry as stored: its HTML replaced by the name of the file that holds it. */
function withHtmlInFile(entry: DataEntry, folder: string): DataEntry {
  const rendered = entry.rendered;
  if (!rendered?.html || (rendered.metadata?.imagePaths?.length ?? 0) > 0) return entry;
  return { ...entry, rendered: { html: '', metadata: { ...rendered.metadata, [HTML_FILE]: writeHtml(folder, rendered.html) } } };
}

/**
 * Wraps a loader so that the HTML of the entries it renders is kept in files under
 * `<cacheDir>/rendered-html/<collection>/` rather than in the data store. Entries whose file has
 * gone (a cleared or moved cache folder) are dropped from the store first, so they are rendered
 * again; files no entry refers to any more are deleted afterwards.
 */
export function withRenderedHtmlInFiles(loader: Loader): Loader {
  return {
    ...loader,
    load: async (context) => {
      const folder = path.join(fileURLToPath(context.config.cacheDir), 'rendered-html', context.collection);
      mkdirSync(folder, { recursive: true });
      for (const [id, entry] of context.store.entries()) {
        const file = htmlFileOf(entry);
        if (file === undefined) continue;
        const kept = readCacheFile(file, keyOf(file));
        if (kept.ok) continue;
        // A missing file is a cleared cache, rendered again without a word; anything else is worth a line.
        if (kept.reason !== 'missing') context.logger.warn(`rendered HTML of "${id}" is unusable (${kept.detail}); rendering it again`);
        context.store.delete(id);
      }
      const set: DataStore['set'] = (entry) => context.store.set(withHtmlInFile(entry, folder));
      const store = new Proxy(context.store, {
        get: (target, property) => {
          if (property === 'set') return set;
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      await loader.load({ ...context, store });
      const kept = new Set(context.store.values().map(htmlFileOf));
      for (const name of readdirSync(folder)) {
        if (!kept.has(path.join(folder, name))) rmSync(path.join(folder, name), { force: true });
      }
    },
  };
}

/** An entry's HTML and headings, when its HTML was kept in a file. */
export interface RenderedHtml {
  html: string;
  headings: Heading[];
}

/**
 * Reads the HTML {@link withRenderedHtmlInFiles} kept for an entry; `undefined` when the entry's
 * HTML is not in a file (MDX, images), for `render()` to handle.
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
