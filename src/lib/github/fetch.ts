/**
 * Fetches the tracking state of many tracking issues from GitHub, cheaply and defensively.
 *
 * Cost: a cold fetch asks for 50 issues per GraphQL request (1000 issues → 20 requests). A warm
 * fetch (with the previous snapshot) first runs one search for what changed since the previous
 * snapshot, then fetches only those issues: nothing changed → 1 request.
 *
 * Failure policy: whatever goes wrong (network, timeouts, 5xx, rate limits, malformed responses,
 * GraphQL errors), an affected issue keeps its last known state marked `stale` — never a guessed
 * state — and the problem is reported; in strict mode the problems are thrown as a TrackingError.
 * Issues that do not exist come back as `found: false`; transferred issues keep their last known
 * state and point to their new home. No message contains the token.
 */
import { z } from 'zod';
import type { TrackingConfig } from './config.ts';
import { repositoryName } from './config.ts';
import type { GitHubClient, GitHubClientOptions, GraphQLErrorEntry, GraphQLResult } from './client.ts';
import { GitHubRequestError, createGitHubClient } from './client.ts';
import type { TrackingLogger } from './log.ts';
import { redactSecret, redactingLogger, silentLogger } from './log.ts';
import { CHANGES_QUERY, MAX_ISSUES_PER_QUERY, buildIssuesQuery, changeSearchQueries, chunkIssueNumbers, issueAlias, issuesQueryVariables } from './query.ts';
import { DEFAULT_EXCERPT_LENGTH, safeColor, safeLogin, safeUrl, toPlainExcerpt, toPlainLine } from './sanitize.ts';
import type { CheckIn, LinkedPullRequest, ProjectItem, StaleKind, TrackerSummary, TrackingSnapshot, TrackingState } from './schema.ts';
import { parseTrackerBody } from './tracker-body.ts';
import { SNAPSHOT_FORMAT_VERSION, TrackingStateSchema } from './schema.ts';

/** Something that kept an issue from being refreshed, or that is wrong with it. */
export interface TrackingProblem {
  /** The affected issue; absent for problems that concern the whole fetch. */
  number?: number;
  kind: StaleKind | 'invalid_data';
  /** One line, token-free. */
  reason: string;
}

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

/** Issues updated this long before the previous snapshot are searched again (clock skew, search-index lag). */
export const CHANGE_SEARCH_OVERLAP_MS = 10 * 60 * 1000;
/** GitHub search returns at most 1000 results; beyond that a full fetch is cheaper and complete. */
const MAX_SEARCH_PAGES = 10;

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
        const changed = await findChangedIssues(client, config, since, new Set(numbers), previous, context);
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

  let abortReason: string | undefined;
  for (const chunk of chunkIssueNumbers(toFetch, MAX_ISSUES_PER_QUERY)) {
    if (abortReason !== undefined) {
      // After a request failed outright (GitHub down, rate limited), further requests would only
      // burn time on retries and timeouts; the remaining issues keep their last known state.
      for (const issueNumber of chunk) context.failed(issueNumber, 'fetch_failed', `not attempted after an earlier request failed (${abortReason})`);
      continue;
    }
    try {
      const result = await client.graphql(buildIssuesQuery(chunk), issuesQueryVariables(config.repository));
      context.noteRateLimit(result.data);
      applyIssuesResult(result, chunk, context);
    } catch (error) {
      abortReason = errorMessage(error, config.token);
      for (const issueNumber of chunk) context.failed(issueNumber, 'fetch_failed', abortReason);
    }
  }

  const result: FetchTrackingResult = {
    snapshot: context.snapshot(numbers),
    requests: client.requestCount - requestsBefore,
    problems: context.problems,
    mode,
    fetched: toFetch,
    ...(context.rateLimit === undefined ? {} : { rateLimit: context.rateLimit }),
  };
  if (config.strict && result.problems.length > 0) throw new TrackingError(result);
  return result;
}

/** A multi-line, token-free description of problems, for logs and errors. */
export function describeProblems(problems: readonly TrackingProblem[]): string {
  if (problems.length === 0) return 'No tracking problems.';
  const lines = problems.map((problem) => ` - ${problem.number === undefined ? '' : `#${problem.number}: `}${problem.reason}`);
  return `Tracking data has ${problems.length} problem(s):\n${lines.join('\n')}`;
}

/** Collects fresh states, stale fallbacks and problems during one fetch. */
class FetchContext {
  readonly config: TrackingConfig;
  readonly now: Date;
  readonly previous: TrackingSnapshot | undefined;
  readonly problems: TrackingProblem[] = [];
  readonly states = new Map<number, TrackingState>();
  readonly allowedOrigins: string[];
  rateLimit: FetchTrackingResult['rateLimit'];

  constructor(config: TrackingConfig, now: Date, previous: TrackingSnapshot | undefined) {
    this.config = config;
    this.now = now;
    this.previous = previous;
    this.allowedOrigins = [...new Set(['https://github.com', config.htmlUrl])];
  }

  previousState(issueNumber: number): TrackingState | undefined {
    return this.previous?.issues[String(issueNumber)];
  }

  fresh(state: TrackingState): void {
    this.states.set(state.number, state);
  }

  /** Keeps the last known state, marked stale; without one, the issue is left out. */
  failed(issueNumber: number, kind: StaleKind | 'invalid_data', reason: string): void {
    const known = this.previousState(issueNumber);
    if (known === undefined) {
      this.problems.push({ number: issueNumber, kind, reason: `${reason}; no earlier state known, left out` });
      return;
    }
    this.problems.push({ number: issueNumber, kind, reason: `${reason}; showing the state from ${known.fetchedAt}` });
    this.states.set(issueNumber, { ...known, stale: { since: known.fetchedAt, reason, kind: kind === 'invalid_data' ? 'fetch_failed' : kind } });
  }

  notFound(issueNumber: number, message: string): void {
    const known = this.previousState(issueNumber);
    const reason = `GitHub reports no issue #${issueNumber} in ${repositoryName(this.config.repository)} (${message})`;
    this.problems.push({ number: issueNumber, kind: 'not_found', reason });
    if (known !== undefined && known.state !== null) {
      // It existed before: deleted, made invisible, or the token lost access. Keep what was known.
      this.states.set(issueNumber, { ...known, found: false, stale: { since: known.fetchedAt, reason, kind: 'not_found' } });
      return;
    }
    this.states.set(issueNumber, neverSeenState(issueNumber, this.issueUrl(issueNumber), this.now));
  }

  transferred(issueNumber: number, repository: string, newNumber: number, url: string | null): void {
    const transferredTo = { repository, number: newNumber, url: safeUrl(url, this.allowedOrigins) };
    const reason = `issue was transferred to ${repository}#${newNumber}`;
    this.problems.push({ number: issueNumber, kind: 'transferred', reason });
    const known = this.previousState(issueNumber);
    if (known !== undefined && known.state !== null) {
      this.states.set(issueNumber, { ...known, transferredTo, stale: { since: known.fetchedAt, reason, kind: 'transferred' } });
      return;
    }
    this.states.set(issueNumber, { ...neverSeenState(issueNumber, this.issueUrl(issueNumber), this.now), transferredTo });
  }

  noteRateLimit(data: Record<string, unknown> | null): void {
    const parsed = RateLimitNode.safeParse(data?.['rateLimit']);
    if (parsed.success && parsed.data !== null) this.rateLimit = parsed.data;
  }

  issueUrl(issueNumber: number): string {
    return `${this.config.htmlUrl}/${repositoryName(this.config.repository)}/issues/${issueNumber}`;
  }

  snapshot(numbers: readonly number[]): TrackingSnapshot {
    const issues: Record<string, TrackingState> = {};
    for (const issueNumber of numbers) {
      const state = this.states.get(issueNumber) ?? this.previousState(issueNumber);
      if (state !== undefined) issues[String(issueNumber)] = state;
    }
    return { version: SNAPSHOT_FORMAT_VERSION, generatedAt: isoSeconds(this.now), repository: repositoryName(this.config.repository), issues };
  }
}

/** The state of an issue nobody has seen: not found, nothing known. */
export function neverSeenState(issueNumber: number, url: string, now: Date): TrackingState {
  return {
    number: issueNumber,
    url,
    found: false,
    state: null,
    stateReason: null,
    title: null,
    labels: [],
    milestone: null,
    assignees: [],
    author: null,
    createdAt: null,
    updatedAt: null,
    closedAt: null,
    commentCount: 0,
    checkIns: [],
    pullRequests: [],
    projectItems: [],
    targetLabels: [],
    fetchedAt: isoSeconds(now),
  };
}

/** A stale entry from a failed fetch, an entry past its maximum age, or a new number: fetch it. */
function needsRefetch(known: TrackingState | undefined, now: Date, maxAgeHours: number): boolean {
  if (known === undefined) return true;
  if (known.stale?.kind === 'fetch_failed') return true;
  return now.getTime() - Date.parse(known.fetchedAt) > maxAgeHours * 3_600_000;
}

function usablePrevious(previous: TrackingSnapshot | undefined, config: TrackingConfig, logger: TrackingLogger): TrackingSnapshot | undefined {
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

// ---------------------------------------------------------------------------------------------
// Change detection

const SearchPage = z.object({
  issueCount: z.number(),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  nodes: z.array(z.unknown().nullable()),
});
const SearchIssueNode = z.object({ __typename: z.literal('Issue'), number: z.number().int() });
const SearchPullRequestNode = z.object({
  __typename: z.literal('PullRequest'),
  number: z.number().int(),
  repository: z.object({ nameWithOwner: z.string() }),
  closingIssuesReferences: z
    .object({ nodes: z.array(z.object({ number: z.number().int(), repository: z.object({ nameWithOwner: z.string() }) }).nullable()) })
    .nullable(),
});

/**
 * Tracked issues that changed since `since`: issues updated since then, issues closed by pull
 * requests updated since then, and issues whose known linked pull requests were updated.
 *
 * @throws when GitHub cannot answer completely (the caller falls back to a full fetch)
 */
async function findChangedIssues(
  client: GitHubClient,
  config: TrackingConfig,
  since: Date,
  tracked: ReadonlySet<number>,
  previous: TrackingSnapshot,
  context: FetchContext,
): Promise<Set<number>> {
  const trackedRepository = repositoryName(config.repository).toLowerCase();
  const issuesByPullRequest = new Map<string, number[]>();
  for (const state of Object.values(previous.issues)) {
    for (const pullRequest of state.pullRequests) {
      const key = `${pullRequest.repository.toLowerCase()}#${pullRequest.number}`;
      issuesByPullRequest.set(key, [...(issuesByPullRequest.get(key) ?? []), state.number]);
    }
  }
  const changed = new Set<number>();
  const addIfTracked = (issueNumber: number) => {
    if (tracked.has(issueNumber)) changed.add(issueNumber);
  };
  let issueCursor: string | null = null;
  let pullRequestCursor: string | null = null;
  let issuesDone = false;
  let pullRequestsDone = false;
  for (let page = 0; !(issuesDone && pullRequestsDone); page += 1) {
    if (page >= MAX_SEARCH_PAGES) throw new Error('too many changes to list with search');
    const result: GraphQLResult = await client.graphql(CHANGES_QUERY, {
      ...changeSearchQueries(config.repository, since),
      issueCursor,
      pullRequestCursor,
      skipIssues: issuesDone,
      skipPullRequests: pullRequestsDone,
    });
    context.noteRateLimit(result.data);
    if (result.errors.length > 0) throw new Error(`search failed: ${result.errors.map((entry) => entry.message).join('; ')}`);
    if (!issuesDone) {
      const issues = SearchPage.parse(result.data?.['issues']);
      for (const node of issues.nodes) {
        const parsed = SearchIssueNode.safeParse(node);
        if (parsed.success) addIfTracked(parsed.data.number);
      }
      issuesDone = !issues.pageInfo.hasNextPage;
      issueCursor = issues.pageInfo.endCursor;
    }
    if (!pullRequestsDone) {
      const pullRequests = SearchPage.parse(result.data?.['pullRequests']);
      for (const node of pullRequests.nodes) {
        const parsed = SearchPullRequestNode.safeParse(node);
        if (!parsed.success) continue;
        const pullRequest = parsed.data;
        for (const issueNumber of issuesByPullRequest.get(`${pullRequest.repository.nameWithOwner.toLowerCase()}#${pullRequest.number}`) ?? []) {
          addIfTracked(issueNumber);
        }
        for (const closed of pullRequest.closingIssuesReferences?.nodes ?? []) {
          if (closed !== null && closed.repository.nameWithOwner.toLowerCase() === trackedRepository) addIfTracked(closed.number);
        }
      }
      pullRequestsDone = !pullRequests.pageInfo.hasNextPage;
      pullRequestCursor = pullRequests.pageInfo.endCursor;
    }
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Mapping GitHub's response (untrusted, possibly malformed) to TrackingState

const RateLimitNode = z.object({ cost: z.number(), remaining: z.number(), resetAt: z.string() }).nullable();
const isoDateTime = z.iso.datetime({ offset: true });
const ActorNode = z.object({ login: z.string() }).nullable();
const connectionOf = <T extends z.ZodType>(node: T) => z.object({ nodes: z.array(node.nullable()).nullable() });

const PullRequestNode = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  state: z.enum(['OPEN', 'MERGED', 'CLOSED']),
  isDraft: z.boolean(),
  mergedAt: isoDateTime.nullable(),
  repository: z.object({ nameWithOwner: z.string() }),
});
type PullRequestNode = z.infer<typeof PullRequestNode>;

const FieldValueNode = z.object({
  __typename: z.string(),
  name: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  text: z.string().nullable().optional(),
  field: z.object({ name: z.string().optional() }).nullable().optional(),
});
type FieldValueNode = z.infer<typeof FieldValueNode>;

const IssueNode = z.object({
  body: z.string().nullable().optional(),
  number: z.number().int().positive(),
  url: z.string(),
  title: z.string(),
  state: z.enum(['OPEN', 'CLOSED']),
  stateReason: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  author: ActorNode,
  repository: z.object({ nameWithOwner: z.string() }),
  labels: connectionOf(z.object({ name: z.string(), color: z.string() })).nullable(),
  milestone: z.object({ title: z.string(), dueOn: isoDateTime.nullable() }).nullable(),
  assignees: connectionOf(z.object({ login: z.string() })),
  comments: z.object({
    totalCount: z.number().int().nonnegative(),
    nodes: z.array(z.object({ author: ActorNode, createdAt: isoDateTime, url: z.string(), body: z.string() }).nullable()).nullable(),
  }),
  closedByPullRequestsReferences: connectionOf(PullRequestNode).nullable(),
  timelineItems: connectionOf(z.object({ __typename: z.string(), source: z.unknown().optional() })),
  projectItems: connectionOf(
    z.object({
      project: z.object({ title: z.string(), number: z.number().int().positive(), url: z.string() }),
      fieldValues: connectionOf(FieldValueNode),
    }),
  ),
});
type IssueNode = z.infer<typeof IssueNode>;

function applyIssuesResult(result: GraphQLResult, chunk: readonly number[], context: FetchContext): void {
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
  const repositoryData = result.data?.['repository'];
  if (!isRecord(repositoryData)) {
    // The whole query failed (repository missing, query rejected, rate limited): no issue is known.
    const detail = queryErrors.map((entry) => entry.message).join('; ') || 'response has no repository data';
    throw new GitHubRequestError('graphql', `GitHub could not answer the query: ${detail}`);
  }
  for (const issueNumber of chunk) {
    const alias = issueAlias(issueNumber);
    const node = repositoryData[alias];
    const errors = errorsByAlias.get(alias) ?? [];
    if (node === null || node === undefined) {
      const notFound = errors.find((entry) => entry.type === 'NOT_FOUND' && entry.path?.length === 2);
      if (notFound !== undefined) {
        context.notFound(issueNumber, notFound.message);
      } else {
        const detail = errors.map((entry) => `${entry.type ?? 'error'}: ${entry.message}`).join('; ') || 'GitHub returned no data for it';
        context.failed(issueNumber, 'fetch_failed', detail);
      }
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
}

function toTrackingState(issue: IssueNode, context: FetchContext): TrackingState {
  const { config, allowedOrigins } = context;
  const labels = present(issue.labels?.nodes).map((label) => ({ name: toPlainLine(label.name, 100), color: safeColor(label.color) }));
  return {
    number: issue.number,
    url: context.issueUrl(issue.number),
    found: true,
    state: issue.state === 'OPEN' ? 'open' : 'closed',
    stateReason: toStateReason(issue.stateReason),
    title: toPlainLine(issue.title),
    labels,
    milestone: issue.milestone === null ? null : { title: toPlainLine(issue.milestone.title, 100), dueOn: issue.milestone.dueOn },
    assignees: present(issue.assignees.nodes)
      .map((assignee) => safeLogin(assignee.login))
      .filter((login): login is string => login !== null),
    author: safeLogin(issue.author?.login),
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    commentCount: issue.comments.totalCount,
    checkIns: toCheckIns(issue, config.checkInPattern, allowedOrigins),
    pullRequests: toPullRequests(issue, allowedOrigins),
    projectItems: toProjectItems(issue, allowedOrigins),
    targetLabels: toTargetLabels(labels.map((label) => label.name), config.targetLabelPattern),
    fetchedAt: isoSeconds(context.now),
    ...trackerOf(issue.body ?? '', repositoryName(config.repository)),
  };
}

/** What a tracker-format issue body states (VEP tracker template); nothing for free-form bodies. */
function trackerOf(body: string, repository: string): { tracker?: TrackerSummary } {
  const parsed = parseTrackerBody(body, { repository });
  const tracker: TrackerSummary = {
    ...(parsed.primaryContact ? { primaryContact: toPlainLine(parsed.primaryContact, 60) } : {}),
    ...(parsed.stage ? { stage: parsed.stage } : {}),
    ...(parsed.featureGate ? { featureGate: toPlainLine(parsed.featureGate, 100) } : {}),
    sigs: parsed.sigs.map((sig) => toPlainLine(sig, 60)),
    targets: parsed.targets,
  };
  const saysSomething = tracker.primaryContact || tracker.stage || tracker.featureGate || tracker.sigs.length > 0 || Object.keys(tracker.targets).length > 0;
  return saysSomething ? { tracker } : {};
}

function toStateReason(reason: string | null): TrackingState['stateReason'] {
  switch (reason) {
    case 'COMPLETED':
      return 'completed';
    case 'NOT_PLANNED':
      return 'not_planned';
    case 'REOPENED':
      return 'reopened';
    case 'DUPLICATE':
      return 'duplicate';
    default:
      return null;
  }
}

/** Recognises check-ins by their first non-empty line; newest first, at most three. */
export function toCheckIns(
  issue: Pick<IssueNode, 'comments'>,
  checkInPattern: RegExp,
  allowedOrigins: readonly string[] = ['https://github.com'],
): CheckIn[] {
  return present(issue.comments.nodes)
    .filter((comment) => isCheckIn(comment.body, checkInPattern))
    .sort((left, right) => Date.parse(right.createdAt) - Date.parse(left.createdAt))
    .slice(0, 3)
    .map((comment) => ({
      author: safeLogin(comment.author?.login),
      createdAt: comment.createdAt,
      url: safeUrl(comment.url, allowedOrigins),
      excerpt: toPlainExcerpt(comment.body, DEFAULT_EXCERPT_LENGTH),
    }));
}

/** Whether a comment body is a check-in: its first non-empty line matches the pattern. */
export function isCheckIn(body: string, checkInPattern: RegExp): boolean {
  const firstLine = body.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  checkInPattern.lastIndex = 0;
  return checkInPattern.test(firstLine);
}

function toPullRequests(issue: IssueNode, allowedOrigins: readonly string[]): LinkedPullRequest[] {
  const linked = new Map<string, LinkedPullRequest>();
  const add = (node: PullRequestNode, closing: boolean) => {
    const key = `${node.repository.nameWithOwner.toLowerCase()}#${node.number}`;
    const existing = linked.get(key);
    if (existing !== undefined) {
      existing.closing ||= closing;
      return;
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(node.repository.nameWithOwner)) return;
    const state = node.state === 'MERGED' ? 'merged' : node.state === 'CLOSED' ? 'closed' : 'open';
    linked.set(key, {
      repository: node.repository.nameWithOwner,
      number: node.number,
      title: toPlainLine(node.title),
      url: safeUrl(node.url, allowedOrigins),
      state,
      draft: node.isDraft,
      // A merge time on a PR that is not merged would contradict the state; do not show it.
      mergedAt: state === 'merged' ? node.mergedAt : null,
      closing,
    });
  };
  for (const node of present(issue.closedByPullRequestsReferences?.nodes)) add(node, true);
  for (const item of present(issue.timelineItems.nodes)) {
    const source = PullRequestNode.safeParse(item.source);
    const isPullRequest = typeof item.source === 'object' && item.source !== null && (item.source as { __typename?: unknown }).__typename === 'PullRequest';
    if (!isPullRequest || !source.success) continue;
    // A manual link ("Development" sidebar) closes the issue on merge, a mention does not.
    add(source.data, item.__typename === 'ConnectedEvent');
  }
  return [...linked.values()].sort((left, right) => left.repository.localeCompare(right.repository) || right.number - left.number);
}

function toProjectItems(issue: IssueNode, allowedOrigins: readonly string[]): ProjectItem[] {
  return present(issue.projectItems.nodes).map((item) => {
    const values = present(item.fieldValues.nodes);
    const fieldName = (value: FieldValueNode) => value.field?.name?.trim().toLowerCase() ?? '';
    const valueText = (value: FieldValueNode) => value.name ?? value.title ?? value.text ?? null;
    const status = values.find((value) => value.__typename === 'ProjectV2ItemFieldSingleSelectValue' && fieldName(value) === 'status');
    const release =
      values.find((value) => /release/.test(fieldName(value)) && valueText(value) !== null) ??
      values.find((value) => value.__typename === 'ProjectV2ItemFieldIterationValue');
    const releaseText = release === undefined ? null : valueText(release);
    return {
      project: { title: toPlainLine(item.project.title, 200), number: item.project.number, url: safeUrl(item.project.url, allowedOrigins) },
      status: status?.name == null ? null : toPlainLine(status.name, 100),
      release: releaseText === null ? null : toPlainLine(releaseText, 100),
    };
  });
}

/** Releases named by labels matching the target-label pattern, normalised to `vX.Y`, sorted. */
export function toTargetLabels(labelNames: readonly string[], targetLabelPattern: RegExp): string[] {
  const releases = new Set<string>();
  for (const name of labelNames) {
    const release = targetLabelPattern.exec(name)?.[1];
    if (release !== undefined) releases.add(release.toLowerCase());
  }
  return [...releases].sort((left, right) => {
    const [leftMajor = 0, leftMinor = 0] = left.slice(1).split('.').map(Number);
    const [rightMajor = 0, rightMinor = 0] = right.slice(1).split('.').map(Number);
    return leftMajor - rightMajor || leftMinor - rightMinor;
  });
}

/** ISO timestamp without milliseconds, the format GitHub uses (and stable in snapshots). */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function present<T>(nodes: ReadonlyArray<T | null> | null | undefined): T[] {
  return (nodes ?? []).filter((node): node is T => node !== null);
}

function errorMessage(error: unknown, token: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecret(message.replace(/\s+/g, ' ').trim(), token);
}
