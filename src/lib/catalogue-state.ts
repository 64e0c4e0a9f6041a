/**
 * Everything the scripts need to reason about the catalogue offline: the CEPs and schedules from
 * disk, and the last known tracking state (the build cache when there is one, else the committed
 * snapshot), joined the same way the site joins them.
 */
import { readCorpus, type Corpus } from './cep/corpus.ts';
import type { CatalogueConfig } from './config.ts';
import { readUsableCache } from './github/entries.ts';
import { silentLogger } from './github/log.ts';
import { readTrackingConfig, type TrackingConfig } from './github/config.ts';
import type { TrackingSnapshot, TrackingState } from './github/schema.ts';
import { readSnapshotFile } from './github/snapshot-file.ts';
import { buildHealthContext, type HealthContext } from './health/context.ts';

export interface CatalogueState {
  corpus: Corpus;
  tracking: ReadonlyMap<number, TrackingState>;
  /** Where the tracking state came from and how old it is; absent when there is none. */
  trackingSource?: { kind: 'cache' | 'snapshot'; generatedAt: string };
  health: HealthContext;
  trackingConfig: TrackingConfig;
}

/** Reads the catalogue and its last known tracking state. `today` is YYYY-MM-DD. */
export async function readCatalogueState(
  config: CatalogueConfig,
  today: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CatalogueState> {
  const corpus = readCorpus(config);
  const trackingConfig = readTrackingConfig({ ...env, CATALOGUE_KIND: config.kind.id });
  // The same choice the build's tracking loader makes (entries.ts).
  const cached = await readUsableCache(trackingConfig, silentLogger);
  const committed = cached ? undefined : await readSnapshotFile(trackingConfig.snapshotPath);
  const snapshot: TrackingSnapshot | undefined = cached ?? committed;
  const tracking = new Map(Object.values(snapshot?.issues ?? {}).map((state) => [state.number, state]));
  return {
    corpus,
    tracking,
    ...(snapshot ? { trackingSource: { kind: cached ? 'cache' : 'snapshot', generatedAt: snapshot.generatedAt } } : {}),
    health: buildHealthContext({ today, releases: corpus.releases, sigLabel: trackingConfig.sigLabel, prefix: config.kind.prefix, env }),
    trackingConfig,
  };
}
