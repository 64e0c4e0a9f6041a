/**
 * Stops `astro build` on the same errors `npm run lint` reports, before any page is rendered,
 * with the linter's messages rather than a stack trace.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { forgetParsedDocuments, loadParseCache, readCorpus, saveParseCache } from '../lib/cep/corpus.ts';
import { countBySeverity, formatDiagnostic, sortDiagnostics } from '../lib/cep/diagnostics.ts';
import type { CatalogueConfig } from '../lib/config.ts';

export class ContentError extends Error {
  override name = 'ContentError';
}

export function catalogueIntegration(config: CatalogueConfig): AstroIntegration {
  return {
    name: 'cep-catalogue',
    hooks: {
      'astro:config:setup': ({ command, config: astroConfig, logger }) => {
        if (command !== 'build') return;
        // Kept beside Astro's data store: proposals unchanged since the last build are not parsed again.
        const parseCache = path.join(fileURLToPath(astroConfig.cacheDir), 'parsed-proposals.json');
        loadParseCache(parseCache, fileURLToPath(astroConfig.root));
        const corpus = readCorpus(config);
        const { reused } = saveParseCache(parseCache, corpus, config, process.cwd(), fileURLToPath(astroConfig.root));
        const diagnostics = sortDiagnostics(corpus.diagnostics);
        const { errors, warnings } = countBySeverity(diagnostics);
        for (const diagnostic of diagnostics) {
          (diagnostic.severity === 'error' ? logger.error : logger.warn).call(logger, formatDiagnostic(diagnostic));
        }
        if (corpus.documents.length === 0) {
          throw new ContentError(`no ${config.kind.prefix} documents found in ${config.contentDir} (set CEP_CONTENT_DIR)`);
        }
        if (errors > 0) {
          logger.error(`build stopped: ${errors} error${errors === 1 ? '' : 's'} in ${config.kind.prefix} content (the same findings as npm run lint)`);
          // Exit rather than throw: bad content is the author's to fix, and a stack trace would bury the findings.
          process.exit(1);
        }
        const unchanged = reused > 0 ? ` (${reused} unchanged since the last build, not parsed again)` : '';
        logger.info(`${corpus.ceps.length} ${config.kind.prefix}s${unchanged}, ${corpus.releases.length} releases, ${warnings} warnings`);
      },
      // The content collections are loaded by now: the documents parsed for them can go.
      'astro:build:start': () => forgetParsedDocuments(),
    },
  };
}
