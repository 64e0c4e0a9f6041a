/**
 * The catalogue's build session. Reads the corpus once, stops `astro build` on the same errors
 * `npm run lint` reports (with the linter's messages, not a stack trace), and serves that one
 * reading to the content config and the pages as virtual modules:
 *
 * - `virtual:cep-catalogue/corpus`: file lists and parses for the content loaders, issue numbers
 *   for the tracking loader (see lib/corpus/session.ts);
 * - `virtual:cep-catalogue/history`: git dates and re-targeting, read once for the content folder.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { countBySeverity, formatDiagnostic, sortDiagnostics } from '../lib/cep/diagnostics.ts';
import type { CatalogueConfig } from '../lib/config.ts';
import { BuildSession, servedCorpus, servedHistory } from '../lib/corpus/session.ts';

const modules = {
  corpus: 'virtual:cep-catalogue/corpus',
  history: 'virtual:cep-catalogue/history',
} as const;
const resolved = (id: string) => `\0${id}`;

export function catalogueIntegration(config: CatalogueConfig): AstroIntegration {
  let session: BuildSession | undefined;
  return {
    name: 'cep-catalogue',
    hooks: {
      'astro:config:setup': ({ command, config: astroConfig, logger, updateConfig }) => {
        const root = fileURLToPath(astroConfig.root);
        const current = (session = new BuildSession(config, {
          root,
          // Kept beside Astro's data store: proposals unchanged since the last build are not parsed again.
          ...(command === 'build' ? { parseCacheFile: path.join(fileURLToPath(astroConfig.cacheDir), 'parsed-proposals.json') } : {}),
          log: (line) => logger.warn(line),
        }));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'cep-catalogue-session',
                resolveId: (id) => (Object.values(modules).includes(id as never) ? resolved(id) : undefined),
                load: async (id) => {
                  if (id === resolved(modules.corpus)) return `export default ${JSON.stringify(servedCorpus(current.corpus()))};`;
                  if (id === resolved(modules.history)) return `export default ${JSON.stringify(await servedHistory(current))};`;
                  return undefined;
                },
              },
            ],
          },
        });
        if (command !== 'build') return;
        const corpus = current.corpus();
        // Git runs in the background while the content is loaded.
        void current.history();
        const diagnostics = sortDiagnostics(corpus.diagnostics);
        const { errors, warnings } = countBySeverity(diagnostics);
        for (const diagnostic of diagnostics) {
          (diagnostic.severity === 'error' ? logger.error : logger.warn).call(logger, formatDiagnostic(diagnostic));
        }
        if (errors === 0 && corpus.documents.length === 0) {
          logger.error(`build stopped: no ${config.kind.prefix} documents found in ${config.contentDir} (set CEP_CONTENT_DIR)`);
          process.exit(1);
        }
        if (errors > 0) {
          logger.error(
            `build stopped: ${errors} error${errors === 1 ? '' : 's'} in ${config.kind.prefix} content (the same findings as npm run lint)`,
          );
          // Exit rather than throw: bad content is the author's to fix, and a stack trace would bury the findings.
          process.exit(1);
        }
        const unchanged = current.reused > 0 ? ` (${current.reused} unchanged since the last build, not parsed again)` : '';
        logger.info(`${corpus.ceps.length} ${config.kind.prefix}s${unchanged}, ${corpus.releases.length} releases, ${warnings} warnings`);
      },
      // The content collections are loaded by now: the parses kept for them can go.
      'astro:build:start': async ({ logger }) => {
        session?.releaseParses();
        const history = await session?.history();
        if (history?.unavailable) logger.info(`no dates from git: ${history.unavailable}`);
      },
    },
  };
}
