/**
 * Astro content-layer loader for the tracking state of CEP tracking issues.
 *
 * Usage in src/content.config.ts:
 *
 *   import { defineCollection } from 'astro:content';
 *   import { trackingLoader } from './lib/github/loader.ts';
 *   const tracking = defineCollection({ loader: trackingLoader({ issueNumbers: async () => [4101, 4233] }) });
 *
 * Entries have id = the issue number as a string and data = TrackingEntry (TrackingState plus
 * `source` and `generatedAt`). The loader never contacts GitHub and never reads a token: it runs in
 * the process that renders proposals, which `npm run build` (scripts/build.ts) starts without one.
 * It reads the tracking cache `npm run sync` wrote, else the committed snapshot
 * (`loadStoredTrackingEntries` in entries.ts; docs/security.md).
 */
import type { Loader } from 'astro/loaders';
import type { Environment } from './config.ts';
import { readTrackingConfig } from './config.ts';
import { loadStoredTrackingEntries, placeholderEntry } from './entries.ts';
import { TrackingEntrySchema } from './schema.ts';

/** Options of {@link trackingLoader}. */
export interface TrackingLoaderOptions {
  /** Tracking-issue numbers to load (e.g. collected from the CEPs' front matter). */
  issueNumbers: () => Promise<number[]>;
  /** Environment to read the configuration from (default: process.env). */
  env?: Environment;
  /** Directory relative paths are resolved against (default: the cwd, i.e. the project root). */
  root?: string;
}

/** Variables that would make `readTrackingConfig` hold a token; the rendering process must not use them. */
const TOKEN_VARIABLES = ['GITHUB_TOKEN', 'GH_TOKEN'];

/** Creates the tracking collection's loader. */
export function trackingLoader(options: TrackingLoaderOptions): Loader {
  return {
    name: 'cep-tracking-loader',
    schema: TrackingEntrySchema,
    async load(context) {
      const env = { ...(options.env ?? process.env) };
      const present = TOKEN_VARIABLES.filter((name) => env[name]?.trim());
      if (present.length > 0) {
        context.logger.warn(
          `tracking: ${present.join(' and ')} is set where proposals are rendered, and is not used here; run npm run build, which fetches with the token in a separate process and renders without it.`,
        );
        for (const name of present) delete env[name];
      }
      const config = readTrackingConfig(env, options.root ?? process.cwd());
      const numbers = await options.issueNumbers();
      const loaded = await loadStoredTrackingEntries({ numbers, config, logger: context.logger });
      context.store.clear();
      const loadedNumbers = new Set(loaded.entries.map((entry) => entry.number));
      const asOf = loaded.generatedAt ?? new Date().toISOString();
      const placeholders = [...new Set(numbers)]
        .filter((issueNumber) => !loadedNumbers.has(issueNumber))
        .map((issueNumber) => placeholderEntry(issueNumber, config, asOf, loaded.source));
      for (const entry of [...loaded.entries, ...placeholders]) {
        const id = String(entry.number);
        const data = await context.parseData({ id, data: entry });
        context.store.set({ id, data, digest: context.generateDigest(data) });
      }
    },
  };
}
