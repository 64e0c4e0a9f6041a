/**
 * Fetches the tracking state of many tracking issues from GitHub, cheaply and defensively.
 *
 * Cost: a cold fetch asks for 50 issues per GraphQL request (1000 issues → 20 requests). A warm
 * fetch (with the previous snapshot) first runs one search for what changed since the previous
 * snapshot, then fetches only those issues: nothing changed → 1 request.
 *
 * Partial answers: GitHub often answers a batch with most issues and an error for the rest (its
 * "Something went wrong ... timeout" message, often without a path). Every issue that came back
 * is kept; only the missing ones are asked again, in halves, down to one issue per request; only
 * what is still missing then keeps its last known state, marked stale.
 *
 * Failure policy: whatever goes wrong (network, timeouts, 5xx, rate limits, malformed responses,
 * GraphQL errors), an affected issue keeps its last known state marked `stale` — never a guessed
 * state — and the problem is reported; in strict mode the problems are thrown as a TrackingError.
 * Issues that do not exist come back as `found: false`; transferred issues keep their last known
 * state and point to their new home. No message contains the token.
 */
import { CHANGE_SEARCH_OVERLAP_MS, findChangedIssues } from './change-search.ts';
import type { GitHubClient, GitHubClientOptions, GraphQLErrorEntry, GraphQLResult } from './client.ts';
import { GitHubRequestError, createGitHubClient } from './client.ts';
import type { TrackingConfig } from './config.ts';
import { repositoryName } from './config.ts';
import { FetchContext, type TrackingProblem } from './fetch-context.ts';
import type { TrackingLogger } from './log.ts';
import { redactSecret, redactingLogger, silentLogger } from './log.ts';
import { toTrackingState } from './mapping.ts';
import { MAX_ISSUES_PER_QUERY, buildIssuesQuery, chunkIssueNumbers, issueAlias, issuesQueryVariables } from './query.ts';
import { IssueNode, isRecord } from './response-schema.ts';
import type { TrackingSnapshot, TrackingState } from './schema.ts';
import { TrackingStateSchema } from './schema.ts';

export { CHANGE_SEARCH_OVERLAP_MS } from './change-search.ts';
export type { TrackingProblem } from './fetch-context.ts';
export { isCheckIn, neverSeenState, toCheckIns, toTargetLabels } from './mapping.ts';

/** Result of {@link fetchTracking}. */
export interface FetchTrackingResult {
  snapshot: TrackingSnapshot;
  /** HTTP requests sent to GitHub, including retries. */
  requests: number;
  problems: TrackingProblem[];
  /** cold: every issue was fetched; warm: only what changed since the previous snapshot. */
  mode: 'cold' | 'warm';
  /** Issues that were asked for in batched issue queries. */
  fetched: number[];
  /** Whether GitHub answered anything usable; false means the snapshot holds only earlier data. */
  heardFromGitHub: boolean;
  /** Rate-limit budget reported by the last response, if any. */
  rateLimit?: { cost: number; remaining: number; resetAt: string };
}

/** Options of {@link fetchTracking}. */
export interface FetchTrackingOptions {
  /** Tracking-issue numbers to report on (duplicates are ignored). */
  numbers: readonly number[];
  /** The last snapshot (from the cache or the committed file); enables the warm path. */
  previous?: TrackingSnapshot | undefined;
  config: TrackingConfig;
  /** Start of this fetch; becomes the snapshot's generatedAt and fresh entries' fetchedAt. */
  now?: Date;
  /** Receives progress and retry messages (token-redacted). */
  logger?: TrackingLogger;
  /** A ready client (tests); otherwise one is created from the config. */
  client?: GitHubClient;
  /** Options for the client created from the config. */
  clientOptions?: GitHubClientOptions;
  /** Ignore `previous` for change detection and fetch everything (still used as fallback state). */
  full?: boolean;
}

/** Thrown in strict mode when any tracking issue could not be refreshed or is missing. */
export class TrackingError extends Error {
  override name = 'TrackingError';
  readonly problems: readonly TrackingProblem[];
  /** What was fetched anyway, for callers that want to report or keep partial data. */
  readonly result: FetchTrackingResult;

  constructor(result: FetchTrackingResult) {
    super(describeProblems(result.problems));
    this.problems = result.problems;
    this.result = result;
  }
}

/**
 * Fetches the tracking state of the given issues.
 *
 * @returns the new snapshot (entries for every issue with any known state), the number of HTTP
 *   requests, and the problems encountered
 * @throws TrackingError in strict mode (config.strict) when there are problems
 * @throws TrackingConfigError when no token is configured and no client is passed
 */
export async function fetchTracking(options: FetchTrackingOptions): Promise<FetchTrackingResult> {
  const { config } = options;
  const now = options.now ?? new Date();
  const logger = redactingLogger(options.logger ?? silentLogger, config.token);
  const client = options.client ?? createGitHubClient(config, { logger, ...options.clientOptions });
  const requestsBefore = client.requestCount;
  const numbers = normaliseNumbers(options.numbers);
  const previous = usablePrevious(options.previous, config, logger);
  const context = new FetchContext(config, now, previous);

  let mode: FetchTrackingResult['mode'] = 'cold';
  let toFetch = numbers;
  if (previous !== undefined && options.full !== true) {
    const mustFetch = new Set(numbers.filter((issueNumber) => needsRefetch(previous.issues[String(issueNumber)], now, config.maxAgeHours)));
    if (mustFetch.size < numbers.length) {
      const since = new Date(Date.parse(previous.generatedAt) - CHANGE_SEARCH_OVERLAP_MS);
      try {
        const changed = await findChangedIssues(client, config, since, new Set(numbers), previous, (data) => context.noteRateLimit(data));
        // Knowing that nothing changed is news too: the unchanged entries are current as of now.
        context.heardFromGitHub = true;
        mode = 'warm';
        toFetch = numbers.filter((issueNumber) => changed.has(issueNumber) || mustFetch.has(issueNumber));
        logger.debug?.(`tracking: ${changed.size} tracked issue(s) changed since ${since.toISOString()}`);
      } catch (error) {
        const reason = errorMessage(error, config.token);
        if (error instanceof GitHubRequestError && error.kind !== 'graphql') {
          // GitHub is unreachable, failing or rate limiting (after retries): more requests would
          // only add timeouts. Every issue keeps its last known state until the next build.
          logger.warn(`tracking: could not ask GitHub what changed (${reason}); keeping the last known state.`);
          mode = 'warm';
          toFetch = [];
          for (const issueNumber of numbers) context.failed(issueNumber, 'fetch_failed', reason);
        } else {
          // GitHub answered but the search was unusable; not knowing what changed, only a full
          // fetch gives a correct result.
          logger.warn(`tracking: could not ask GitHub what changed (${reason}); fetching all ${numbers.length} issues.`);
        }
      }
    }
  }

  await fetchIssues(client, toFetch, context, logger);

  const result: FetchTrackingResult = {
    snapshot: context.snapshot(numbers),
    requests: client.requestCount - requestsBefore,
    problems: context.problems,
    mode,
    fetched: toFetch,
    heardFromGitHub: context.heardFromGitHub,
    ...(context.rateLimit === undefined ? {} : { rateLimit: context.rateLimit }),
  };
  if (config.strict && result.problems.length > 0) throw new TrackingError(result);
  return result;
}

/** A batch to ask for; `retry` marks a single issue asked again on its own. */
interface Batch {
  numbers: number[];
  retry: boolean;
}

/**
 * Asks for the issues in batches. A batch that comes back partly is kept; the missing issues are
 * asked again in halves (one alone is asked once more), which isolates the slow issue. A request
 * that fails outright (GitHub down, rate limited, no data at all) stops the rest: more requests
 * would only add timeouts.
 */
async function fetchIssues(client: GitHubClient, numbers: readonly number[], context: FetchContext, logger: TrackingLogger): Promise<void> {
  const queue: Batch[] = chunkIssueNumbers(numbers, MAX_ISSUES_PER_QUERY).map((chunk) => ({ numbers: chunk, retry: false }));
  let abortReason: string | undefined;
  for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) {
    if (abortReason !== undefined) {
      for (const issueNumber of batch.numbers)
        context.failed(issueNumber, 'fetch_failed', `not attempted after an earlier request failed (${abortReason})`);
      continue;
    }
    let missing: Map<number, string>;
    try {
      const result = await client.graphql(buildIssuesQuery(batch.numbers), issuesQueryVariables(context.config.repository));
      context.noteRateLimit(result.data);
      missing = applyIssuesResult(result, batch.numbers, context);
    } catch (error) {
      abortReason = errorMessage(error, context.config.token);
      for (const issueNumber of batch.numbers) context.failed(issueNumber, 'fetch_failed', abortReason);
      continue;
    }
    if (missing.size === 0) continue;
    const again = [...missing.keys()];
    if (again.length > 1) {
      logger.debug?.(`tracking: ${again.length} issue(s) missing from a partial answer; asking again in halves`);
      const half = Math.ceil(again.length / 2);
      queue.unshift({ numbers: again.slice(0, half), retry: false }, { numbers: again.slice(half), retry: false });
    } else if (!batch.retry) {
      queue.unshift({ numbers: again, retry: true });
    } else {
      for (const [issueNumber, reason] of missing) context.failed(issueNumber, 'fetch_failed', reason);
    }
  }
}

/** A multi-line, token-free description of problems, for logs and errors. */
export function describeProblems(problems: readonly TrackingProblem[]): string {
  if (problems.length === 0) return 'No tracking problems.';
  const lines = problems.map((problem) => ` - ${problem.number === undefined ? '' : `#${problem.number}: `}${problem.reason}`);
  return `Tracking data has ${problems.length} problem(s):\n${lines.join('\n')}`;
}

/**
 * Records every issue the answer holds and returns the ones it is missing (with why), to be asked
 * again.
 *
 * @throws GitHubRequestError when the answer holds no issue at all
 */
function applyIssuesResult(result: GraphQLResult, chunk: readonly number[], context: FetchContext): Map<number, string> {
  const missing = new Map<number, string>();
  const errorsByAlias = new Map<string, GraphQLErrorEntry[]>();
  const queryErrors: GraphQLErrorEntry[] = [];
  for (const entry of result.errors) {
    const alias = entry.path?.[0] === 'repository' && typeof entry.path[1] === 'string' ? entry.path[1] : undefined;
    if (alias === undefined) {
      queryErrors.push(entry);
      continue;
    }
    errorsByAlias.set(alias, [...(errorsByAlias.get(alias) ?? []), entry]);
  }
  const general = queryErrors.map((entry) => entry.message).join('; ');
  const repositoryData = result.data?.['repository'];
  if (!isRecord(repositoryData)) {
    // No issue came back at all (query rejected, repository missing, rate limited): GitHub is not
    // answering this query, and asking again in pieces would only multiply the failure.
    throw new GitHubRequestError('graphql', `GitHub could not answer the query: ${general || 'response has no repository data'}`);
  }
  for (const issueNumber of chunk) {
    const alias = issueAlias(issueNumber);
    const node = repositoryData[alias];
    const errors = errorsByAlias.get(alias) ?? [];
    const detail =
      errors.map((entry) => `${entry.type ?? 'error'}: ${entry.message}`).join('; ') || general || 'GitHub returned no data for it';
    if (node === null || node === undefined) {
      const notFound = errors.find((entry) => entry.type === 'NOT_FOUND' && entry.path?.length === 2);
      const forbidden = errors.find((entry) => entry.type === 'FORBIDDEN');
      if (notFound !== undefined) context.notFound(issueNumber, notFound.message);
      // Asking again will not change an access rule.
      else if (forbidden !== undefined) context.failed(issueNumber, 'fetch_failed', detail);
      else missing.set(issueNumber, detail);
      continue;
    }
    // An error inside the issue (a field that timed out) leaves its data incomplete: ask again.
    if (errors.some((entry) => (entry.path?.length ?? 0) > 2)) {
      missing.set(issueNumber, `GitHub returned incomplete data (${detail})`);
      continue;
    }
    const parsed = IssueNode.safeParse(node);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') ?? '';
      context.failed(issueNumber, 'invalid_data', `GitHub returned data of an unexpected shape${where === '' ? '' : ` (at ${where})`}`);
      continue;
    }
    const issue = parsed.data;
    const home = issue.repository.nameWithOwner;
    if (home.toLowerCase() !== repositoryName(context.config.repository).toLowerCase() || issue.number !== issueNumber) {
      context.transferred(issueNumber, home, issue.number, issue.url);
      continue;
    }
    const state = toTrackingState(issue, context);
    // The mapping only produces schema-valid values; checking anyway keeps a bug from reaching the site.
    const checked = TrackingStateSchema.safeParse(state);
    if (!checked.success) {
      context.failed(issueNumber, 'invalid_data', `could not convert GitHub's data (${checked.error.issues[0]?.message ?? 'invalid'})`);
      continue;
    }
    context.fresh(checked.data);
  }
  return missing;
}

/** A stale entry from a failed fetch, an entry past its maximum age, or a new number: fetch it. */
function needsRefetch(known: TrackingState | undefined, now: Date, maxAgeHours: number): boolean {
  if (known === undefined) return true;
  if (known.stale?.kind === 'fetch_failed') return true;
  return now.getTime() - Date.parse(known.fetchedAt) > maxAgeHours * 3_600_000;
}

function usablePrevious(
  previous: TrackingSnapshot | undefined,
  config: TrackingConfig,
  logger: TrackingLogger,
): TrackingSnapshot | undefined {
  if (previous === undefined) return undefined;
  if (previous.repository.toLowerCase() !== repositoryName(config.repository).toLowerCase()) {
    logger.warn(`tracking: ignoring the previous snapshot, it is for ${previous.repository}, not ${repositoryName(config.repository)}.`);
    return undefined;
  }
  if (Number.isNaN(Date.parse(previous.generatedAt))) return undefined;
  return previous;
}

function normaliseNumbers(numbers: readonly number[]): number[] {
  for (const issueNumber of numbers) {
    if (!Number.isSafeInteger(issueNumber) || issueNumber < 1) {
      throw new RangeError(`Tracking issue numbers must be positive integers, got ${String(issueNumber)}.`);
    }
  }
  return [...new Set(numbers)].sort((left, right) => left - right);
}

function errorMessage(error: unknown, token: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecret(message.replace(/\s+/g, ' ').trim(), token);
}
