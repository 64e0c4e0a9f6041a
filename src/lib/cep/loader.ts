/**
 * Content-layer loaders for proposals and release schedules. They wrap Astro's glob loader (which
 * brings caching by digest, MDX support and rendering) and replace only how an entry's data is
 * read: through {@link parseCepSource}, the one parser the linter uses too, and where rendered HTML
 * is kept (in files beside the data store, see rendered-html.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob, type Loader } from 'astro/loaders';
import { escapePath } from 'tinyglobby';
import type { CatalogueConfig } from '../config.ts';
import { parseFileUncached, type ParsedDocument } from '../corpus/parse-cache.ts';
import type { ServedCorpus } from '../corpus/session.ts';
import { displayPath } from './corpus.ts';
import { readFolder } from './parse.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { withRenderedHtmlInFiles } from './rendered-html.ts';

const toPosix = (file: string) => file.split(path.sep).join('/');

/**
 * The glob loader's pattern for exactly the files discovery found (lib/corpus/discovery.ts): lint
 * and build read the same files, and a file discovery refused (a symlink out of the content
 * folder) is never loaded.
 */
const exactly = (files: readonly string[]) => files.map(escapePath);

/** Loads every proposal document as a {@link CepRecord}, with id = folder name. */
export function proposalLoader(config: CatalogueConfig, served: ServedCorpus): Loader {
  const byPath = new Map(served.documents.map((document) => [document.relativePath, document]));
  /** The session's parse of the file; parsed again only when the file changed since (`astro dev`). */
  const parse = (filePath: string, relativePath: string): Pick<ParsedDocument, 'record' | 'diagnostics'> => {
    const known = byPath.get(relativePath);
    if (known && known.hash === createHash('sha1').update(readFileSync(filePath)).digest('hex')) return known;
    return parseFileUncached(filePath, { kind: config.kind, relativePath, displayPath: displayPath(filePath) });
  };
  const inner = glob({
    pattern: exactly(served.documents.map((document) => document.relativePath)),
    base: config.contentDir,
    generateId: ({ entry }) => readFolder(toPosix(entry)).slug,
    // Pages render the stored HTML; the markdown source would only make the data store (written,
    // bundled and loaded on every build) a third bigger.
    retainBody: false,
  });
  return withRenderedHtmlInFiles({
    name: 'cep-proposal-loader',
    load: (context) =>
      inner.load({
        ...context,
        parseData: async (props) => {
          const filePath = props.filePath ?? '';
          const relativePath = toPosix(path.relative(config.contentDir, filePath));
          // The same parse as the lint step's: the build session's.
          const parsed = parse(filePath, relativePath);
          if (!parsed.record) {
            // The build lints first and stops on errors, so this is reached only in `astro dev`.
            throw new Error(parsed.diagnostics.map(formatDiagnostic).join('\n'));
          }
          // `tracking` joins the CEP to its tracking issue's entry in the tracking collection.
          const data = { ...parsed.record, tracking: String(parsed.record.trackingIssue.number) };
          return context.parseData({ ...props, data: data as unknown as typeof props.data });
        },
      }),
  });
}

/** Loads extra markdown pages that sit beside proposals, with id = `<folder>/<name>`. */
export function extraPageLoader(config: CatalogueConfig, served: ServedCorpus): Loader {
  return withRenderedHtmlInFiles(
    glob({
      pattern: exactly(served.extraPages),
      base: config.contentDir,
      retainBody: false,
      generateId: ({ entry }) => {
        const posix = toPosix(entry);
        return `${readFolder(posix).slug}/${path.posix.basename(posix).replace(/\.mdx?$/, '')}`;
      },
    }),
  );
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
