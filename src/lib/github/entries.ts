/**
 * What the Astro loader does, without Astro: decide between the committed snapshot (no token)
 * and a live fetch (token, with the build cache), log the outcome, and produce collection
 * entries. Kept here so it can be tested with plain function calls.
 */
import type { GitHubClientOptions } from './client.ts';
import type { TrackingConfig } from './config.ts';
import { repositoryName } from './config.ts';
import { readCachedSnapshot, writeCachedSnapshot } from './cache.ts';
import type { TrackingProblem } from './fetch.ts';
import { fetchTracking, neverSeenState } from './fetch.ts';
import type { TrackingLogger } from './log.ts';
import { redactingLogger } from './log.ts';
import type { TrackingEntry, TrackingSnapshot } from './schema.ts';
import { readSnapshotFile } from './snapshot-file.ts';
import { githubIssueUrl } from '../urls.ts';

/** Options of {@link loadTrackingEntries}. */
export interface LoadTrackingOptions {
  /** Tracking-issue numbers referenced by the CEPs. */
  numbers: readonly number[];
  config: TrackingConfig;
  logger: TrackingLogger;
  /** Start of the fetch (tests); defaults to now. */
  now?: Date;
  /** Client tuning (tests shrink timeouts and delays). */
  clientOptions?: GitHubClientOptions;
}

/** Outcome of {@link loadTrackingEntries}. */
export interface LoadedTracking {
  source: TrackingEntry['source'];
  /** "As of" time of the data; null when no data was available at all. */
  generatedAt: string | null;
  entries: TrackingEntry[];
  /** HTTP requests sent to GitHub (0 when reading the snapshot). */
  requests: number;
  problems: TrackingProblem[];
}

/**
 * Loads tracking entries: without a token from the committed snapshot, with a token from GitHub
 * (warm when the cache or the committed snapshot provides a previous state).
 *
 * @throws TrackingError in strict mode when the live fetch had problems
 * @throws SnapshotFileError when the committed snapshot is present but invalid (no token)
 */
export async function loadTrackingEntries(options: LoadTrackingOptions): Promise<LoadedTracking> {
  const { config, numbers } = options;
  const logger = redactingLogger(options.logger, config.token);
  if (config.token === undefined) return loadFromSnapshot(config, numbers, logger);

  const previous = (await readCachedSnapshot(config.cacheDir, logger)) ?? (await readCommittedSnapshot(config, logger));
  const result = await fetchTracking({
    numbers,
    previous,
    config,
    logger,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.clientOptions === undefined ? {} : { clientOptions: options.clientOptions }),
  });
  await writeCachedSnapshot(config.cacheDir, result.snapshot, logger);

  const { snapshot } = result;
  const budget = result.rateLimit === undefined ? '' : `; rate limit remaining ${result.rateLimit.remaining}`;
  logger.info(
    `tracking: ${Object.keys(snapshot.issues).length} of ${new Set(numbers).size} tracking issues from GitHub ` +
      `(${result.mode}, ${result.fetched.length} fetched) in ${result.requests} request(s)${budget}.`,
  );
  logProblems(result.problems, logger);
  return {
    source: 'live',
    generatedAt: snapshot.generatedAt,
    entries: toEntries(snapshot, numbers, 'live'),
    requests: result.requests,
    problems: result.problems,
  };
}

/**
 * Loads tracking entries the way a build does, without ever contacting GitHub: from the tracking
 * cache that `npm run sync` (run by `npm run build` with a token, or by the deploy workflow's sync
 * step) wrote, when it is for this repository and not older than the committed snapshot; otherwise
 * from the committed snapshot. The rendering process has no token (docs/security.md).
 *
 * @throws SnapshotFileError when the committed snapshot is needed and is present but invalid
 */
export async function loadStoredTrackingEntries(options: Omit<LoadTrackingOptions, 'now' | 'clientOptions'>): Promise<LoadedTracking> {
  const { config, numbers } = options;
  const logger = redactingLogger(options.logger, config.token);
  const cached = await readUsableCache(config, logger);
  if (cached === undefined) return loadFromSnapshot(config, numbers, logger);
  const entries = toEntries(cached, numbers, 'live');
  logger.info(
    `tracking: ${entries.length} of ${new Set(numbers).size} tracking issues as fetched from GitHub at ${cached.generatedAt} (tracking cache, written by npm run sync).`,
  );
  return { source: 'live', generatedAt: cached.generatedAt, entries, requests: 0, problems: [] };
}

/**
 * The tracking cache, when a build should prefer it to the committed snapshot: it is for the
 * configured repository and not older than the snapshot. Lint and reports decide the same way
 * (catalogue-state.ts).
 */
export async function readUsableCache(config: TrackingConfig, logger: TrackingLogger): Promise<TrackingSnapshot | undefined> {
  const cached = await readCachedSnapshot(config.cacheDir, logger);
  if (cached === undefined || cached.repository.toLowerCase() !== repositoryName(config.repository).toLowerCase()) return undefined;
  const committed = await readCommittedSnapshot(config, logger);
  return committed !== undefined && Date.parse(committed.generatedAt) > Date.parse(cached.generatedAt) ? undefined : cached;
}

/** Logs problems grouped by reason, naming the issues, so 1000 identical failures are one line. */
export function logProblems(problems: readonly TrackingProblem[], logger: TrackingLogger): void {
  const byReason = new Map<string, number[]>();
  const general: string[] = [];
  for (const problem of problems) {
    if (problem.number === undefined) general.push(problem.reason);
    else byReason.set(problem.reason, [...(byReason.get(problem.reason) ?? []), problem.number]);
  }
  for (const reason of general) logger.warn(`tracking: ${reason}`);
  for (const [reason, issueNumbers] of byReason) {
    logger.warn(`tracking: ${issueNumbers.map((issueNumber) => `#${issueNumber}`).join(', ')}: ${reason}`);
  }
}

async function loadFromSnapshot(config: TrackingConfig, numbers: readonly number[], logger: TrackingLogger): Promise<LoadedTracking> {
  const snapshot = await readSnapshotFile(config.snapshotPath);
  if (snapshot === undefined) {
    logger.warn(`tracking: no GITHUB_TOKEN and no snapshot at ${config.snapshotPath}; pages will show no tracking state.`);
    return { source: 'snapshot', generatedAt: null, entries: [], requests: 0, problems: [] };
  }
  if (snapshot.repository.toLowerCase() !== repositoryName(config.repository).toLowerCase()) {
    // Issue numbers mean nothing across repositories: another repository's #4101 is not ours.
    logger.warn(
      `tracking: the snapshot is for ${snapshot.repository}, but the tracking issues are in ${repositoryName(config.repository)}; not using it (run scripts/sync.ts).`,
    );
    return { source: 'snapshot', generatedAt: null, entries: [], requests: 0, problems: [] };
  }
  const entries = toEntries(snapshot, numbers, 'snapshot');
  const missing = [...new Set(numbers)].filter((issueNumber) => snapshot.issues[String(issueNumber)] === undefined);
  logger.info(`tracking: no GITHUB_TOKEN; using the committed snapshot as of ${snapshot.generatedAt} (${entries.length} tracking issues).`);
  if (missing.length > 0) {
    logger.info(
      `tracking: not in the snapshot (run scripts/sync.ts to add): ${missing.map((issueNumber) => `#${issueNumber}`).join(', ')}`,
    );
  }
  return { source: 'snapshot', generatedAt: snapshot.generatedAt, entries, requests: 0, problems: [] };
}

async function readCommittedSnapshot(config: TrackingConfig, logger: TrackingLogger): Promise<TrackingSnapshot | undefined> {
  try {
    return await readSnapshotFile(config.snapshotPath);
  } catch (error) {
    logger.warn(
      `tracking: ignoring the committed snapshot as a starting point (${error instanceof Error ? error.message : String(error)}).`,
    );
    return undefined;
  }
}

function toEntries(snapshot: TrackingSnapshot, numbers: readonly number[], source: TrackingEntry['source']): TrackingEntry[] {
  const entries: TrackingEntry[] = [];
  for (const issueNumber of [...new Set(numbers)].sort((left, right) => left - right)) {
    const state = snapshot.issues[String(issueNumber)];
    if (state !== undefined) entries.push({ ...state, source, generatedAt: snapshot.generatedAt });
  }
  return entries;
}

/**
 * An entry for an issue the tracking data does not hold, so that every CEP's reference resolves
 * and pages can say "no tracking state" rather than fail.
 */
export function placeholderEntry(
  issueNumber: number,
  config: Pick<TrackingConfig, 'htmlUrl' | 'repository'>,
  asOf: string,
  source: TrackingEntry['source'],
): TrackingEntry {
  const url = githubIssueUrl(config.htmlUrl, repositoryName(config.repository), issueNumber);
  return { ...neverSeenState(issueNumber, url, new Date(asOf)), fetchedAt: asOf, source, generatedAt: asOf };
}
