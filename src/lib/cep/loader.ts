/**
 * Content-layer loaders for proposals and release schedules. They wrap Astro's glob loader (which
 * brings caching by digest, MDX support and rendering) and replace only how an entry's data is
 * read: through {@link parseCepSource}, the one parser the linter uses too, and where rendered HTML
 * is kept (in files beside the data store, see rendered-html.ts).
 */
import path from 'node:path';
import { glob, type Loader } from 'astro/loaders';
import type { CatalogueConfig } from '../config.ts';
import { displayPath, parseCepFile, readReleases } from './corpus.ts';
import { readFolder } from './parse.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { withRenderedHtmlInFiles } from './rendered-html.ts';

const toPosix = (file: string) => file.split(path.sep).join('/');

/** Loads every proposal document as a {@link CepRecord}, with id = folder name. */
export function proposalLoader(config: CatalogueConfig): Loader {
  const inner = glob({
    pattern: config.kind.documentPattern,
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
          // The same parse as the lint step's (parsed once per build), see parseCepFile.
          const parsed = parseCepFile(filePath, { kind: config.kind, relativePath, displayPath: displayPath(filePath) });
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
export function extraPageLoader(config: CatalogueConfig): Loader {
  return withRenderedHtmlInFiles(glob({
    pattern: config.kind.documentPattern.replace(/[^/]+$/, '!(' + config.kind.id + ').{md,mdx}'),
    base: config.contentDir,
    retainBody: false,
    generateId: ({ entry }) => {
      const posix = toPosix(entry);
      return `${readFolder(posix).slug}/${path.posix.basename(posix).replace(/\.mdx?$/, '')}`;
    },
  }));
}

/** Loads `vX.Y/schedule.yaml` files as releases, with id = version. */
export function releaseLoader(config: CatalogueConfig): Loader {
  return {
    name: 'cep-release-loader',
    load: async ({ store, parseData, generateDigest, logger }) => {
      store.clear();
      const { releases, diagnostics } = readReleases(config.releasesDir);
      for (const diagnostic of diagnostics) logger.warn(formatDiagnostic(diagnostic));
      for (const release of releases) {
        const data = await parseData({ id: release.version, data: release });
        store.set({ id: release.version, data, digest: generateDigest(data) });
      }
    },
  };
}
