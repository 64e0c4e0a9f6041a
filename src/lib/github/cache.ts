/**
 * Build cache of the last fetched snapshot (default node_modules/.astro/tracking/last.json,
 * TRACKING_CACHE_DIR overrides). With it, a rebuild asks GitHub only what changed since the last
 * build — usually a single request. The cache is an optimisation: an unreadable or invalid cache
 * is ignored (and reported), never fatal.
 */
import path from 'node:path';
import type { TrackingLogger } from './log.ts';
import { silentLogger } from './log.ts';
import type { TrackingSnapshot } from './schema.ts';
import { readSnapshotFile, writeSnapshotFile } from './snapshot-file.ts';

/** File name of the cached snapshot inside the cache directory. */
export const CACHE_FILE_NAME = 'last.json';

/** Path of the cached snapshot in a cache directory. */
export function cacheFilePath(cacheDir: string): string {
  return path.join(cacheDir, CACHE_FILE_NAME);
}

/**
 * Reads the cached snapshot.
 *
 * @returns the snapshot, or undefined when there is none or it is unusable (then logged)
 */
export async function readCachedSnapshot(cacheDir: string, logger: TrackingLogger = silentLogger): Promise<TrackingSnapshot | undefined> {
  try {
    return await readSnapshotFile(cacheFilePath(cacheDir));
  } catch (error) {
    logger.warn(`tracking: ignoring the cache (${error instanceof Error ? error.message : String(error)}).`);
    return undefined;
  }
}

/**
 * Stores a snapshot as the cache for the next build. A failure to write is logged, not thrown:
 * it only makes the next build slower.
 */
export async function writeCachedSnapshot(
  cacheDir: string,
  snapshot: TrackingSnapshot,
  logger: TrackingLogger = silentLogger,
): Promise<void> {
  try {
    await writeSnapshotFile(cacheFilePath(cacheDir), snapshot);
  } catch (error) {
    logger.warn(`tracking: could not write the cache (${error instanceof Error ? error.message : String(error)}).`);
  }
}
