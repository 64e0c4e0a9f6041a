/**
 * Content-layer loaders for proposals, their supporting pages and release schedules, on Astro's
 * public loader API only.
 *
 * Front matter is read once, by the catalogue's own reader: a proposal's data is the build
 * session's parse (lib/corpus/session.ts, the same parse the linter reports on), a supporting
 * page's is lib/corpus/extra-page.ts. Astro is handed that data and the body after the front
 * matter as our reader found it, and renders the body with `renderMarkdown` (Sätteri and our
 * plugins, which get the file's URL). Its own front matter parser never sees the document: the
 * body is given behind an empty front matter block, so a body that starts with `---` is not read
 * as YAML either.
 *
 * The one remaining second reading: an `.mdx` file must be compiled by Astro's MDX integration,
 * which reads the file itself, front matter included (its own YAML parser). Its entry is stored
 * with `deferredRender`, as Astro's glob loader stores it, and its data is still ours. The YAML
 * reader refuses everything two parsers could read differently (custom tags, aliases past a
 * limit, duplicate and prototype keys), so both readings agree on what is left.
 *
 * As Astro's glob loader does, an entry whose digest (of its data and body) is unchanged is kept
 * (its images are announced again), entries gone from the corpus are deleted, and under
 * `astro dev` a changed or deleted file is loaded again (a new proposal folder needs a restart,
 * since discovery decides which files belong). Rendered HTML is kept in cache files beside the
 * data store (rendered-html.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { CatalogueConfig } from '../config.ts';
import { readExtraPage } from '../corpus/extra-page.ts';
import { parseFileUncached } from '../corpus/parse-cache.ts';
import type { ServedCorpus, ServedDocument } from '../corpus/session.ts';
import { displayPath } from './corpus.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { readFolder } from './parse.ts';
import { keepHtmlInFile, keptHtmlProblem, pruneHtmlFiles, renderedHtmlFolder } from './rendered-html.ts';

const toPosix = (file: string) => file.split(path.sep).join('/');

/**
 * Put before every body handed to `renderMarkdown`, which strips a front matter block itself: it
 * strips this empty one, never a `---` block that is part of the body.
 */
const EMPTY_FRONT_MATTER = '---\n---\n';

/** A file of a collection as our readers read it. */
interface ReadFile {
  data: Record<string, unknown>;
  /** The markdown after the front matter. */
  body: string;
}

/** One file of a collection: its id, its absolute path and how to read it now. */
interface CollectionFile {
  id: string;
  filePath: string;
  /** @throws Error with the linter's findings when the file cannot be read as a page */
  read(): ReadFile;
}

/** Loads `files()` into the store: kept when unchanged, rendered when new or changed, deleted when gone. */
function fileCollectionLoader(name: string, files: () => CollectionFile[]): Loader {
  return {
    name,
    load: async (context) => {
      const folder = renderedHtmlFolder(context);
      const byPath = new Map(files().map((file) => [file.filePath, file]));
      // Ten at a time, as Astro's glob loader: rendering waits on highlighting and the file system.
      const queue = [...byPath.values()];
      const worker = async () => {
        for (let file = queue.shift(); file; file = queue.shift()) await syncFile(context, folder, file);
      };
      await Promise.all(Array.from({ length: 10 }, worker));
      const ids = new Set([...byPath.values()].map((file) => file.id));
      for (const id of context.store.keys()) if (!ids.has(id)) context.store.delete(id);
      pruneHtmlFiles(folder, context.store.values());
      if (context.watcher) watchFiles(context, folder, byPath);
    },
  };
}

async function syncFile(context: LoaderContext, folder: string, file: CollectionFile): Promise<void> {
  const { store } = context;
  const { data, body } = file.read();
  const digest = context.generateDigest(`${JSON.stringify(data)}\0${body}`);
  const filePath = toPosix(path.relative(fileURLToPath(context.config.root), file.filePath));
  const existing = store.get(file.id);
  if (existing?.digest === digest && existing.filePath === filePath) {
    const problem = keptHtmlProblem(existing);
    if (!problem) {
      // What Astro's glob loader does for an entry it keeps: its module and images are still needed.
      // The public store announces images only in `set`, which ignores an unchanged digest: set again.
      if (existing.deferredRender) store.addModuleImport(filePath);
      if (existing.assetImports?.length) {
        store.delete(file.id);
        store.set(existing);
      }
      return;
    }
    if (problem.reason !== 'missing')
      context.logger.warn(`rendered HTML of "${file.id}" is unusable (${problem.detail}); rendering it again`);
  }
  if (existing) store.delete(file.id);
  const parsed = await context.parseData({ id: file.id, data, filePath: file.filePath });
  if (file.filePath.endsWith('.mdx')) {
    store.set({ id: file.id, data: parsed, filePath, digest, deferredRender: true });
    return;
  }
  const rendered = await context.renderMarkdown(EMPTY_FRONT_MATTER + body, { fileURL: pathToFileURL(file.filePath) });
  const imagePaths = rendered.metadata?.imagePaths ?? [];
  store.set({
    id: file.id,
    data: parsed,
    filePath,
    digest,
    rendered: keepHtmlInFile(folder, rendered),
    ...(imagePaths.length > 0 ? { assetImports: imagePaths } : {}),
  });
}

/** `astro dev`: a changed or re-created file is loaded again, a deleted one leaves the store. */
function watchFiles(context: LoaderContext, folder: string, byPath: ReadonlyMap<string, CollectionFile>): void {
  const watcher = context.watcher;
  if (!watcher) return;
  const reload = async (changed: string) => {
    const file = byPath.get(path.resolve(changed));
    if (!file) return;
    try {
      await syncFile(context, folder, file);
      context.logger.info(`reloaded ${displayPath(file.filePath)}`);
    } catch (error) {
      context.logger.error(`failed to reload ${displayPath(file.filePath)}: ${(error as Error).message}`);
    }
  };
  watcher.add([...byPath.keys()]);
  watcher.on('change', reload);
  watcher.on('add', reload);
  watcher.on('unlink', (deleted) => {
    const file = byPath.get(path.resolve(deleted));
    if (file) context.store.delete(file.id);
  });
}

/** The body of `source` from `offset` on: the bytes after the front matter. */
const bodyOf = (source: Buffer, offset: number) => source.subarray(offset).toString('utf8');

/** Loads every proposal document as a {@link CepRecord}, with id = folder name. */
export function proposalLoader(config: CatalogueConfig, served: ServedCorpus): Loader {
  const file = (document: ServedDocument): CollectionFile => {
    const filePath = path.join(config.contentDir, document.relativePath);
    return {
      id: readFolder(document.relativePath).slug,
      filePath,
      read: () => {
        const source = readFileSync(filePath);
        // The session's parse; parsed again only when the file changed since (`astro dev`).
        const parsed =
          createHash('sha1').update(source).digest('hex') === document.hash
            ? document
            : parseFileUncached(filePath, { kind: config.kind, relativePath: document.relativePath, displayPath: displayPath(filePath) });
        if (!parsed.record) {
          // The build lints first and stops on errors, so this is reached only in `astro dev`.
          throw new Error(parsed.diagnostics.map(formatDiagnostic).join('\n'));
        }
        // `tracking` joins the CEP to its tracking issue's entry in the tracking collection.
        const data = { ...parsed.record, tracking: String(parsed.record.trackingIssue.number) };
        return { data, body: bodyOf(source, parsed.bodyOffset) };
      },
    };
  };
  return fileCollectionLoader('cep-proposal-loader', () => served.documents.map(file));
}

/** Loads the supporting pages beside proposals, with id = `<folder>/<name>`. */
export function extraPageLoader(config: CatalogueConfig, served: ServedCorpus): Loader {
  const file = (relativePath: string): CollectionFile => {
    const filePath = path.join(config.contentDir, relativePath);
    return {
      id: `${readFolder(relativePath).slug}/${path.posix.basename(relativePath).replace(/\.mdx?$/, '')}`,
      filePath,
      read: () => {
        const source = readFileSync(filePath);
        const page = readExtraPage(source, displayPath(filePath));
        if (page.diagnostics.length > 0) throw new Error(page.diagnostics.map(formatDiagnostic).join('\n'));
        return { data: page.data, body: bodyOf(source, page.bodyOffset) };
      },
    };
  };
  return fileCollectionLoader('cep-page-loader', () => served.extraPages.map(file));
}

/** Loads the session's release schedules (`vX.Y/schedule.yaml`) as releases, with id = version; their findings were reported with the lint step's. */
export function releaseLoader(served: ServedCorpus): Loader {
  return {
    name: 'cep-release-loader',
    load: async ({ store, parseData, generateDigest }) => {
      store.clear();
      for (const release of served.releases) {
        const data = await parseData({ id: release.version, data: release });
        store.set({ id: release.version, data, digest: generateDigest(data) });
      }
    },
  };
}
