/**
 * Failure handling: every way GitHub or the network can fail keeps the last known state, marked
 * stale, never shows a closed issue or merged PR that is not known to be so, lists the problems,
 * stays within a bounded number of requests, throws in strict mode, and never reveals the token.
 */
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrackingError, fetchTracking } from '../../src/lib/github/fetch.ts';
import type { FetchTrackingResult } from '../../src/lib/github/fetch.ts';
import type { TrackingSnapshot } from '../../src/lib/github/schema.ts';
import type { FakeFailure, FakeGitHub } from '../../tools/github/fake-github.ts';
import { startFakeGitHub } from '../../tools/github/fake-github.ts';
import { SAMPLE_ISSUE_NUMBERS, sampleTrackingData } from './fixtures/sample-tracking.ts';
import type { GitHubClientOptions } from '../../src/lib/github/client.ts';
import { FAST_CLIENT, HANG_CLIENT, SECRET_TOKEN, configFor, manyIssues, recordingLogger } from './helpers.ts';

const T0 = new Date('2026-11-29T06:00:00Z');
const T1 = new Date('2026-11-30T06:00:00Z');

let fake: FakeGitHub;
let previous: TrackingSnapshot;

beforeEach(async () => {
  fake = await startFakeGitHub(sampleTrackingData());
  const first = await fetchTracking({ numbers: SAMPLE_ISSUE_NUMBERS, config: configFor(fake), now: T0, clientOptions: FAST_CLIENT });
  expect(first.problems).toEqual([]);
  previous = first.snapshot;
  // What really happened on GitHub afterwards: 4101 was closed and its voting PR merged. While
  // GitHub cannot be reached, none of this may appear.
  fake.updateIssue(
    4101,
    (issue) => {
      issue.state = 'CLOSED';
      issue.stateReason = 'COMPLETED';
      issue.closedAt = '2026-11-29T18:00:00Z';
    },
    '2026-11-29T18:00:00Z',
  );
  const votingPullRequest = fake.data.pullRequests.find((pullRequest) => pullRequest.number === 4497);
  Object.assign(votingPullRequest ?? {}, { state: 'MERGED', mergedAt: '2026-11-29T17:59:00Z', updatedAt: '2026-11-29T17:59:00Z' });
  fake.resetCounters();
});

afterEach(async () => {
  await fake.close();
});

function warmFetch(
  extraEnv: Record<string, string> = {},
  logger = recordingLogger(),
  clientOptions: GitHubClientOptions = FAST_CLIENT,
): Promise<FetchTrackingResult> {
  return fetchTracking({ numbers: SAMPLE_ISSUE_NUMBERS, previous, config: configFor(fake, extraEnv), now: T1, clientOptions, logger });
}

/** The short timeout only where the server hangs on purpose. */
function clientFor(failure: FakeFailure): GitHubClientOptions {
  return failure.type === 'hang' ? HANG_CLIENT : FAST_CLIENT;
}

/** Every entry is the previous one, marked stale since the previous fetch; nothing new leaks in. */
function expectAllKeptStale(result: FetchTrackingResult, reason: RegExp): void {
  expect(Object.keys(result.snapshot.issues)).toEqual(Object.keys(previous.issues));
  for (const [key, state] of Object.entries(result.snapshot.issues)) {
    const { stale, ...rest } = state;
    expect(rest).toEqual(previous.issues[key]);
    expect(stale).toEqual({ since: '2026-11-29T06:00:00Z', kind: 'fetch_failed', reason: expect.stringMatching(reason) });
  }
  const arm64 = result.snapshot.issues['4101'];
  expect(arm64?.state).toBe('open');
  expect(arm64?.closedAt).toBeNull();
  expect(arm64?.pullRequests.find((pullRequest) => pullRequest.number === 4497)?.state).toBe('open');
  expect(result.problems.map((problem) => problem.number)).toEqual([...SAMPLE_ISSUE_NUMBERS]);
  for (const problem of result.problems) {
    expect(problem.kind).toBe('fetch_failed');
    expect(problem.reason).toMatch(reason);
    expect(problem.reason).toContain('showing the state from 2026-11-29T06:00:00Z');
  }
}

describe.each<[string, FakeFailure, RegExp, number]>([
  // [name, failure, reason, HTTP requests]. A request that fails outright (after 2 retries) ends
  // the run; an unusable search answer falls back to a full fetch (search + 1 batch).
  ['HTTP 500', { type: 'status', status: 500 }, /HTTP 500/, 3],
  ['HTTP 503', { type: 'status', status: 503, message: 'Service Unavailable' }, /HTTP 503: Service Unavailable/, 3],
  ['a hanging connection (timeout)', { type: 'hang' }, /timed out after 300 ms/, 3],
  [
    'a secondary rate limit (403, retry-after)',
    { type: 'secondary-rate-limit', status: 403, retryAfter: 3 },
    /rate limited by GitHub \(HTTP 403, retry-after 3s\)/,
    3,
  ],
  [
    'a secondary rate limit (429, retry-after)',
    { type: 'secondary-rate-limit', status: 429, retryAfter: 3 },
    /rate limited by GitHub \(HTTP 429, retry-after 3s\)/,
    3,
  ],
  ['an exhausted primary rate limit', { type: 'rate-limited', resetInSeconds: 2 }, /rate limit/i, 3],
  ['a malformed JSON body', { type: 'malformed-json' }, /not GraphQL JSON/, 1],
  [
    'a GraphQL error without data',
    { type: 'graphql-error', message: 'Timeout on validation of query' },
    /GitHub could not answer the query: Timeout on validation of query/,
    2,
  ],
])('when GitHub fails with %s', (_name, failure, reason, maxRequests) => {
  it('keeps the last known state, marked stale, with bounded requests', async () => {
    fake.fail(failure, Infinity);
    const logger = recordingLogger();
    const result = await warmFetch({}, logger, clientFor(failure));
    expectAllKeptStale(result, reason);
    expect(result.requests).toBe(fake.requestCount);
    expect(result.requests).toBe(maxRequests);
    expect(logger.lines.join('\n')).toContain('could not ask GitHub what changed');
  });

  it('throws a TrackingError listing the problems in strict mode', async () => {
    fake.fail(failure, Infinity);
    const error = await warmFetch({ TRACKING_STRICT: '1' }, recordingLogger(), clientFor(failure)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TrackingError);
    const trackingError = error as TrackingError;
    expect(trackingError.problems).toHaveLength(SAMPLE_ISSUE_NUMBERS.length);
    expect(trackingError.message).toContain(`Tracking data has ${SAMPLE_ISSUE_NUMBERS.length} problem(s)`);
    expect(trackingError.message).toContain('#4101: ');
    expect(trackingError.result.snapshot.issues['4101']?.state).toBe('open');
  });
});

describe('transient failures that recover', () => {
  it.each<[string, FakeFailure]>([
    ['502 once', { type: 'status', status: 502 }],
    ['a timeout once', { type: 'hang' }],
    ['a secondary rate limit once', { type: 'secondary-rate-limit', status: 403, retryAfter: 1 }],
  ])('retries after %s and returns fresh data', async (_name, failure) => {
    fake.fail(failure, 1);
    const result = await warmFetch({}, recordingLogger(), clientFor(failure));
    expect(result.problems).toEqual([]);
    expect(result.requests).toBe(3);
    expect(result.snapshot.issues['4101']).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(result.snapshot.issues['4101']?.stale).toBeUndefined();
  });

  it('waits for retry-after before retrying a secondary rate limit', async () => {
    fake.fail({ type: 'secondary-rate-limit', status: 429, retryAfter: 50 }, 1);
    const started = Date.now();
    // FAST_CLIENT scales a second of retry-after to 2 ms: 50 s → 100 ms (less a little for clock granularity).
    const result = await warmFetch();
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(result.problems).toEqual([]);
  });

  it('does not wait for an unreasonably long retry-after', async () => {
    fake.fail({ type: 'secondary-rate-limit', status: 403, retryAfter: 3600 }, Infinity);
    const result = await warmFetch();
    // Not retried, and no further request after it.
    expect(result.requests).toBe(1);
    expect(result.snapshot.issues['4101']?.stale?.reason).toMatch(/retry-after 3600s/);
  });
});

describe('partial failures', () => {
  it('keeps the others fresh when one issue is forbidden', async () => {
    const arm64 = fake.data.issues.find((issue) => issue.number === 4101);
    if (arm64 !== undefined) arm64.forbidden = true;
    const result = await warmFetch();
    expect(result.snapshot.issues['4101']).toMatchObject({
      state: 'open',
      stale: { kind: 'fetch_failed', reason: expect.stringMatching(/FORBIDDEN: Resource not accessible/) },
    });
    expect(result.problems).toEqual([{ number: 4101, kind: 'fetch_failed', reason: expect.stringMatching(/FORBIDDEN/) }]);
  });

  it('treats data of an unexpected shape as a failure for that issue only', async () => {
    fake.updateIssue(
      4101,
      (issue) => {
        issue.createdAt = 'yesterday-ish';
      },
      '2026-11-29T19:00:00Z',
    );
    const result = await warmFetch();
    expect(result.snapshot.issues['4101']).toMatchObject({
      state: 'open',
      stale: { kind: 'fetch_failed', reason: expect.stringMatching(/unexpected shape \(at createdAt\)/) },
    });
    expect(result.problems).toEqual([{ number: 4101, kind: 'invalid_data', reason: expect.stringMatching(/unexpected shape/) }]);
  });

  it('retries a stale entry on the next run even if the search does not list it', async () => {
    fake.fail({ type: 'status', status: 500 }, Infinity);
    const failed = await warmFetch();
    fake.clearFailures();
    fake.resetCounters();
    previous = failed.snapshot;
    const recovered = await fetchTracking({
      numbers: SAMPLE_ISSUE_NUMBERS,
      previous,
      config: configFor(fake),
      now: new Date('2026-11-30T07:00:00Z'),
      clientOptions: FAST_CLIENT,
    });
    expect(recovered.problems).toEqual([]);
    expect(recovered.fetched).toEqual([...SAMPLE_ISSUE_NUMBERS]);
    expect(Object.values(recovered.snapshot.issues).every((state) => state.stale === undefined)).toBe(true);
    expect(recovered.snapshot.issues['4101']?.state).toBe('closed');
  });
});

describe('without a last known state', () => {
  it('leaves issues out instead of inventing a state', async () => {
    fake.fail({ type: 'status', status: 500 }, Infinity);
    const result = await fetchTracking({ numbers: [4101, 4233], config: configFor(fake), now: T1, clientOptions: FAST_CLIENT });
    expect(result.snapshot.issues).toEqual({});
    expect(result.problems).toEqual([
      { number: 4101, kind: 'fetch_failed', reason: 'HTTP 500: Internal Server Error; no earlier state known, left out' },
      { number: 4233, kind: 'fetch_failed', reason: 'HTTP 500: Internal Server Error; no earlier state known, left out' },
    ]);
  });

  it('stops after the first failed batch instead of retrying every batch', async () => {
    await fake.close();
    fake = await startFakeGitHub(manyIssues(120));
    fake.fail({ type: 'hang' }, Infinity);
    const numbers = fake.data.issues.map((issue) => issue.number);
    const result = await fetchTracking({ numbers, config: configFor(fake), now: T1, clientOptions: HANG_CLIENT });
    expect(result.requests).toBe(3);
    expect(result.problems).toHaveLength(120);
    expect(result.problems.filter((problem) => problem.reason.startsWith('not attempted after an earlier request failed'))).toHaveLength(
      70,
    );
  });

  it('reports a network error when nothing listens', async () => {
    const config = configFor(fake, { GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql' });
    const result = await fetchTracking({ numbers: [4101], previous, config, now: T1, clientOptions: FAST_CLIENT });
    expect(result.snapshot.issues['4101']).toMatchObject({
      state: 'open',
      stale: { kind: 'fetch_failed', reason: expect.stringMatching(/network error/) },
    });
  });
});

describe('the token', () => {
  it('is sent to GitHub but never appears in results, problems, logs or errors', async () => {
    const logger = recordingLogger();
    // A misbehaving proxy echoes the Authorization header into its error body.
    fake.fail({ type: 'echo-authorization', status: 500 }, Infinity);
    const result = await warmFetch({}, logger);
    const strictError = await (fake.fail({ type: 'echo-authorization', status: 401 }, Infinity),
    warmFetch({ TRACKING_STRICT: '1' }, logger)).catch((error: unknown) => error);

    expect(fake.graphqlRequests[0]?.authorization).toBe(`token ${SECRET_TOKEN}`);
    const everything = [
      JSON.stringify(result),
      inspect(result, { depth: 10 }),
      logger.lines.join('\n'),
      String(strictError),
      inspect(strictError, { depth: 10 }),
      JSON.stringify((strictError as TrackingError).problems),
    ].join('\n');
    expect(everything).toContain('Upstream rejected the request with Authorization: token [REDACTED]');
    expect(everything).not.toContain(SECRET_TOKEN);
    expect(everything).not.toContain(SECRET_TOKEN.slice(4, 20));
  });
});
