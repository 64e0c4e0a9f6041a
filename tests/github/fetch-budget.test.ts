/**
 * fetchTracking against the fake GitHub: how many requests a cold and a warm fetch take, and
 * which issues a warm fetch asks for again.
 */
import { describe, expect, it } from 'vitest';
import { fetchTracking } from '../../src/lib/github/fetch.ts';
import { MAX_ISSUES_PER_QUERY } from '../../src/lib/github/query.ts';
import { TrackingSnapshotSchema } from '../../src/lib/github/schema.ts';
import { SAMPLE_ISSUE_NUMBERS, sampleTrackingData } from './fixtures/sample-tracking.ts';
import { T0, T1, coldSnapshot, fakeGitHubPerTest, fetchAgain } from './fetch-helpers.ts';
import { FAST_CLIENT, configFor, manyIssues } from './helpers.ts';

const start = fakeGitHubPerTest();

describe('request budget', () => {
  it('fetches 120 issues cold in 3 requests with the production client settings', async () => {
    const server = await start(manyIssues(120));
    const numbers = server.data.issues.map((issue) => issue.number);
    // Default client options: octokit's one-second spacing of GraphQL requests is kept.
    const result = await fetchTracking({ numbers, config: configFor(server), now: T0 });
    expect(result.mode).toBe('cold');
    expect(result.requests).toBe(3);
    expect(server.requestCount).toBe(3);
    expect(Object.keys(result.snapshot.issues)).toHaveLength(120);
    expect(server.graphqlRequests.map((request) => request.issueNumbers.length)).toEqual([50, 50, 20]);
    expect(TrackingSnapshotSchema.parse(result.snapshot)).toEqual(result.snapshot);
    expect(result.rateLimit?.remaining).toBeGreaterThan(0);
  });

  it('fetches 1000 issues cold in 20 requests', async () => {
    const server = await start(manyIssues(1000));
    const numbers = server.data.issues.map((issue) => issue.number);
    const result = await fetchTracking({ numbers, config: configFor(server), now: T0, clientOptions: FAST_CLIENT });
    expect(result.requests).toBe(1000 / MAX_ISSUES_PER_QUERY);
    expect(result.requests).toBeLessThanOrEqual(25);
    expect(Object.keys(result.snapshot.issues)).toHaveLength(1000);
  });

  it('needs exactly 1 request when nothing changed since the previous snapshot', async () => {
    const server = await start(sampleTrackingData());
    const previous = await coldSnapshot(server, SAMPLE_ISSUE_NUMBERS);
    const result = await fetchAgain(server, SAMPLE_ISSUE_NUMBERS, previous);
    expect(result.mode).toBe('warm');
    expect(result.requests).toBe(1);
    expect(server.requestCount).toBe(1);
    expect(result.fetched).toEqual([]);
    expect(result.snapshot.issues).toEqual(previous.issues);
    expect(result.snapshot.generatedAt).toBe('2026-11-30T06:00:00Z');
    // The search starts a little before the previous snapshot, to survive clock skew and index lag.
    expect(server.graphqlRequests[0]?.searches).toEqual([
      'repo:kubevirt/project-infra is:issue updated:>=2026-11-29T05:50:00Z',
      'repo:kubevirt/project-infra is:pr updated:>=2026-11-29T05:50:00Z',
    ]);
  });

  it('needs 2 requests when 2 issues changed, and refreshes only those', async () => {
    const server = await start(sampleTrackingData());
    const previous = await coldSnapshot(server, SAMPLE_ISSUE_NUMBERS);
    server.updateIssue(
      4315,
      (issue) =>
        issue.comments?.push({ author: 'nvidia-kv', createdAt: '2026-11-29T12:00:00Z', body: 'Weekly check-in: hardware arrived.' }),
      '2026-11-29T12:00:00Z',
    );
    server.updateIssue(
      4233,
      (issue) => {
        issue.state = 'OPEN';
        issue.stateReason = 'REOPENED';
        issue.closedAt = null;
      },
      '2026-11-29T13:00:00Z',
    );

    const result = await fetchAgain(server, SAMPLE_ISSUE_NUMBERS, previous);
    expect(result.requests).toBe(2);
    expect(result.fetched).toEqual([4233, 4315]);
    expect(server.graphqlRequests[1]?.issueNumbers).toEqual([4233, 4315]);
    expect(result.snapshot.issues['4315']?.checkIns[0]?.excerpt).toBe('Weekly check-in: hardware arrived.');
    expect(result.snapshot.issues['4315']?.fetchedAt).toBe('2026-11-30T06:00:00Z');
    expect(result.snapshot.issues['4233']).toMatchObject({ state: 'open', stateReason: 'reopened', closedAt: null });
    // Untouched entries are carried over as they were, including when they were fetched.
    expect(result.snapshot.issues['4101']).toEqual(previous.issues['4101']);
  });

  it('refetches an issue whose linked pull request was merged, although the issue itself did not change', async () => {
    const server = await start(sampleTrackingData());
    const previous = await coldSnapshot(server, SAMPLE_ISSUE_NUMBERS);
    const voting = server.data.pullRequests.find((pullRequest) => pullRequest.number === 4497);
    if (voting === undefined) throw new Error('fixture lacks PR 4497');
    Object.assign(voting, { state: 'MERGED', mergedAt: '2026-11-29T20:00:00Z', updatedAt: '2026-11-29T20:00:00Z' });

    const result = await fetchAgain(server, SAMPLE_ISSUE_NUMBERS, previous);
    expect(result.requests).toBe(2);
    expect(result.fetched).toEqual([4101]);
    expect(result.snapshot.issues['4101']?.pullRequests.find((pullRequest) => pullRequest.number === 4497)).toMatchObject({
      state: 'merged',
      mergedAt: '2026-11-29T20:00:00Z',
    });
  });

  it('fetches numbers that are new since the previous snapshot together with the changes', async () => {
    const data = manyIssues(3);
    const server = await start(data);
    const previous = await coldSnapshot(server, [5000, 5001]);
    const result = await fetchAgain(server, [5000, 5001, 5002], previous);
    expect(result.requests).toBe(2);
    expect(result.fetched).toEqual([5002]);
    expect(Object.keys(result.snapshot.issues)).toEqual(['5000', '5001', '5002']);
  });

  it('refetches entries older than the maximum age (board moves do not bump updatedAt)', async () => {
    const server = await start(manyIssues(2));
    const previous = await coldSnapshot(server, [5000, 5001]);
    const later = new Date(T0.getTime() + 30 * 3_600_000);
    const result = await fetchAgain(server, [5000, 5001], previous, { now: later });
    expect(result.mode).toBe('cold');
    expect(result.requests).toBe(1);
    expect(result.snapshot.issues['5000']?.fetchedAt).toBe(later.toISOString().replace('.000Z', 'Z'));
  });

  it('pages through the change search when more than 100 issues changed', async () => {
    const server = await start(manyIssues(150));
    const numbers = server.data.issues.map((issue) => issue.number);
    const previous = await coldSnapshot(server, numbers);
    for (const issue of server.data.issues) issue.updatedAt = '2026-11-29T10:00:00Z';
    const result = await fetchTracking({ numbers, previous, config: configFor(server), now: T1, clientOptions: FAST_CLIENT });
    // 2 search pages + 3 batches of 50.
    expect(result.requests).toBe(5);
    expect(result.fetched).toHaveLength(150);
    expect(result.problems).toEqual([]);
  });

  it('ignores a previous snapshot of another repository', async () => {
    const server = await start(manyIssues(2));
    const previous = await coldSnapshot(server, [5000, 5001]);
    const result = await fetchTracking({
      numbers: [5000, 5001],
      previous: { ...previous, repository: 'someone/else' },
      config: configFor(server),
      now: T1,
      clientOptions: FAST_CLIENT,
    });
    expect(result.mode).toBe('cold');
    expect(result.requests).toBe(1);
  });

  it('sends GraphQL to GITHUB_GRAPHQL_URL even when it is not <api>/graphql', async () => {
    const server = await start(manyIssues(1));
    const config = configFor(server, { GITHUB_API_URL: `${server.url}/rest`, GITHUB_GRAPHQL_URL: `${server.url}/custom/graphql` });
    const result = await fetchTracking({ numbers: [5000], config, now: T0, clientOptions: FAST_CLIENT });
    expect(result.problems).toEqual([]);
    expect(server.graphqlRequests.map((request) => request.path)).toEqual(['/custom/graphql']);
  });
});
