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
 * `source` and `generatedAt`). Without GITHUB_TOKEN the committed snapshot is used; with it,
 * GitHub is asked (cheaply, see fetch.ts). This file is a thin adapter; the logic is in entries.ts.
 */
import type { Loader } from 'astro/loaders';
import type { GitHubClientOptions } from './client.ts';
import type { Environment } from './config.ts';
import { readTrackingConfig } from './config.ts';
import { loadTrackingEntries, placeholderEntry } from './entries.ts';
import { TrackingEntrySchema } from './schema.ts';

/** Options of {@link trackingLoader}. */
export interface TrackingLoaderOptions {
  /** Tracking-issue numbers to load (e.g. collected from the CEPs' front matter). */
  issueNumbers: () => Promise<number[]>;
  /** Environment to read the configuration from (default: process.env). */
  env?: Environment;
  /** Directory relative paths are resolved against (default: the cwd, i.e. the project root). */
  root?: string;
  /** Client tuning, for tests. */
  clientOptions?: GitHubClientOptions;
}

/** Creates the tracking collection's loader. */
export function trackingLoader(options: TrackingLoaderOptions): Loader {
  return {
    name: 'cep-tracking-loader',
    schema: TrackingEntrySchema,
    async load(context) {
      const config = readTrackingConfig(options.env ?? process.env, options.root ?? process.cwd());
      const numbers = await options.issueNumbers();
      const loaded = await loadTrackingEntries({
        numbers,
        config,
        logger: context.logger,
        ...(options.clientOptions === undefined ? {} : { clientOptions: options.clientOptions }),
      });
      context.store.clear();
      const loadedNumbers = new Set(loaded.entries.map((entry) => entry.number));
      const asOf = loaded.generatedAt ?? new Date().toISOString();
      const placeholders = [...new Set(numbers)].filter((issueNumber) => !loadedNumbers.has(issueNumber)).map((issueNumber) => placeholderEntry(issueNumber, config, asOf, loaded.source));
      for (const entry of [...loaded.entries, ...placeholders]) {
        const id = String(entry.number);
        const data = await context.parseData({ id, data: entry });
        context.store.set({ id, data, digest: context.generateDigest(data) });
      }
    },
  };
}
