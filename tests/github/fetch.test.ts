/**
 * fetchTracking against the fake GitHub: request budgets (cold and warm), the mapping of GitHub's
 * data, nonexistent and transferred issues, check-in recognition and hostile content.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTracking } from '../../src/lib/github/fetch.ts';
import { MAX_ISSUES_PER_QUERY } from '../../src/lib/github/query.ts';
import { TrackingSnapshotSchema } from '../../src/lib/github/schema.ts';
import type { TrackingSnapshot } from '../../src/lib/github/schema.ts';
import type { FakeGitHub, FakeGitHubData } from '../../tools/github/fake-github.ts';
import { fixtureLabel, startFakeGitHub } from '../../tools/github/fake-github.ts';
import { SAMPLE_ISSUE_NUMBERS, sampleTrackingData } from './fixtures/sample-tracking.ts';
import { FAST_CLIENT, configFor, makeIssue, manyIssues } from './helpers.ts';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(data: FakeGitHubData): Promise<FakeGitHub> {
  fake = await startFakeGitHub(data);
  return fake;
}

const T0 = new Date('2026-11-29T06:00:00Z');
const T1 = new Date('2026-11-30T06:00:00Z');

async function coldSnapshot(server: FakeGitHub, numbers: readonly number[], now = T0): Promise<TrackingSnapshot> {
  const result = await fetchTracking({ numbers, config: configFor(server), now, clientOptions: FAST_CLIENT });
  expect(result.problems).toEqual([]);
  server.resetCounters();
  return result.snapshot;
}

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
    const result = await fetchTracking({
      numbers: SAMPLE_ISSUE_NUMBERS,
      previous,
      config: configFor(server),
      now: T1,
      clientOptions: FAST_CLIENT,
    });
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

    const result = await fetchTracking({
      numbers: SAMPLE_ISSUE_NUMBERS,
      previous,
      config: configFor(server),
      now: T1,
      clientOptions: FAST_CLIENT,
    });
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

    const result = await fetchTracking({
      numbers: SAMPLE_ISSUE_NUMBERS,
      previous,
      config: configFor(server),
      now: T1,
      clientOptions: FAST_CLIENT,
    });
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
    const result = await fetchTracking({
      numbers: [5000, 5001, 5002],
      previous,
      config: configFor(server),
      now: T1,
      clientOptions: FAST_CLIENT,
    });
    expect(result.requests).toBe(2);
    expect(result.fetched).toEqual([5002]);
    expect(Object.keys(result.snapshot.issues)).toEqual(['5000', '5001', '5002']);
  });

  it('refetches entries older than the maximum age (board moves do not bump updatedAt)', async () => {
    const server = await start(manyIssues(2));
    const previous = await coldSnapshot(server, [5000, 5001]);
    const later = new Date(T0.getTime() + 30 * 3_600_000);
    const result = await fetchTracking({
      numbers: [5000, 5001],
      previous,
      config: configFor(server),
      now: later,
      clientOptions: FAST_CLIENT,
    });
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

describe('mapping GitHub data', () => {
  it('reports labels, target releases, board status, linked PRs and check-ins', async () => {
    const server = await start(sampleTrackingData());
    const snapshot = await coldSnapshot(server, SAMPLE_ISSUE_NUMBERS);
    const arm64 = snapshot.issues['4101'];
    expect(arm64).toMatchObject({
      number: 4101,
      url: 'https://github.com/kubevirt/project-infra/issues/4101',
      found: true,
      state: 'open',
      stateReason: null,
      labels: [
        { name: 'target/v1.10', color: '0e8a16' },
        { name: 'kind/enhancement', color: 'c7def8' },
      ],
      targetLabels: ['v1.10'],
      assignees: ['rbalogun'],
      author: 'rbalogun',
      commentCount: 3,
      projectItems: [
        {
          project: { title: 'SIG-CI Enhancements', number: 12, url: 'https://github.com/orgs/kubevirt/projects/12' },
          status: 'At risk',
          release: 'v1.10',
        },
      ],
      fetchedAt: '2026-11-29T06:00:00Z',
    });
    expect(arm64?.labels.map((label) => label.name)).not.toContain('sig/ci');
    expect(arm64?.pullRequests).toEqual([
      {
        repository: 'kubevirt/project-infra',
        number: 4497,
        title: 'Make arm64 e2e lanes voting for kubevirt/kubevirt',
        url: 'https://github.com/kubevirt/project-infra/pull/4497',
        state: 'open',
        draft: false,
        mergedAt: null,
        closing: true,
        linkedBy: 'closing',
      },
      {
        repository: 'kubevirt/project-infra',
        number: 4122,
        title: 'Add arm64 e2e presubmit lanes (non-voting)',
        url: 'https://github.com/kubevirt/project-infra/pull/4122',
        state: 'merged',
        draft: false,
        mergedAt: '2026-09-29T16:05:00Z',
        closing: false,
        // A cross-reference from the organisation's own repository counts as the work.
        linkedBy: 'organisation',
      },
    ]);
    expect(arm64?.checkIns.map((checkIn) => checkIn.createdAt)).toEqual(['2026-11-10T14:20:00Z', '2026-10-27T09:00:00Z']);
    expect(arm64?.stale).toBeUndefined();

    expect(snapshot.issues['4233']).toMatchObject({ state: 'closed', stateReason: 'completed', targetLabels: ['v1.9'] });
    expect(snapshot.issues['4035']).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    expect(snapshot.issues['4421']?.milestone).toEqual({ title: 'v1.10', dueOn: '2026-12-09T00:00:00Z' });
    expect(snapshot.issues['4315']?.checkIns).toEqual([]);
    expect(snapshot.issues['4402']?.pullRequests.map((pullRequest) => [pullRequest.number, pullRequest.state, pullRequest.draft])).toEqual([
      [4512, 'open', true],
      [4431, 'merged', false],
    ]);
    // Four weekly check-ins: only the latest three are kept, newest first.
    expect(snapshot.issues['4350']?.checkIns.map((checkIn) => checkIn.createdAt)).toEqual([
      '2026-11-26T16:00:00Z',
      '2026-11-19T16:00:00Z',
      '2026-11-12T16:00:00Z',
    ]);
    expect(
      snapshot.issues['4350']?.pullRequests.map((pullRequest) => `${pullRequest.repository}#${pullRequest.number}:${pullRequest.state}`),
    ).toEqual(['kubevirt/kubevirt#15873:open', 'kubevirt/project-infra#4391:merged', 'kubevirt/project-infra#4366:merged']);
  });

  it('deduplicates a PR that is both a closing reference and a cross-reference', async () => {
    const server = await start({
      repository: 'kubevirt/project-infra',
      issues: [
        makeIssue(5000, {
          closingPullRequests: ['kubevirt/project-infra#1'],
          crossReferences: ['kubevirt/project-infra#1'],
          connectedPullRequests: ['kubevirt/kubevirt#2'],
        }),
      ],
      pullRequests: [
        {
          repository: 'kubevirt/project-infra',
          number: 1,
          title: 'one',
          state: 'CLOSED',
          updatedAt: '2026-01-01T00:00:00Z',
          mergedAt: '2026-01-01T00:00:00Z',
        },
        { repository: 'kubevirt/kubevirt', number: 2, title: 'two', state: 'OPEN', updatedAt: '2026-01-01T00:00:00Z' },
      ],
    });
    const snapshot = await coldSnapshot(server, [5000]);
    expect(snapshot.issues['5000']?.pullRequests).toMatchObject([
      { repository: 'kubevirt/kubevirt', number: 2, state: 'open', closing: true },
      // A closed (unmerged) PR never shows a merge time, even if GitHub sent one.
      { repository: 'kubevirt/project-infra', number: 1, state: 'closed', mergedAt: null, closing: true },
    ]);
  });

  it('recognises check-in variants and ignores ordinary comments', async () => {
    const comment = (createdAt: string, body: string) => ({ author: 'mara-ci', createdAt, body });
    const server = await start({
      repository: 'kubevirt/project-infra',
      issues: [
        makeIssue(5000, {
          comments: [
            comment('2026-11-01T00:00:00Z', '## Weekly check-in\nall green'),
            comment('2026-11-02T00:00:00Z', 'I will check in with the team tomorrow.'),
            comment('2026-11-20T00:00:00Z', '**Check-in 2026-11-20**\nlanes voting'),
            comment('2026-11-21T00:00:00Z', 'Thanks for the check-in!'),
            comment('2026-11-22T00:00:00Z', 'check-in: one flake left'),
          ],
        }),
      ],
      pullRequests: [],
    });
    const snapshot = await coldSnapshot(server, [5000]);
    expect(snapshot.issues['5000']?.checkIns.map((checkIn) => checkIn.excerpt)).toEqual([
      'check-in: one flake left',
      'Check-in 2026-11-20 lanes voting',
      'Weekly check-in all green',
    ]);
    expect(snapshot.issues['5000']?.commentCount).toBe(5);
  });

  it('honours TRACKING_CHECKIN_REGEX and TRACKING_TARGET_LABEL', async () => {
    const server = await start({
      repository: 'kubevirt/project-infra',
      issues: [
        makeIssue(5000, {
          labels: [fixtureLabel('release-v2.1'), fixtureLabel('target/v1.10')],
          comments: [
            { author: 'a', createdAt: '2026-11-01T00:00:00Z', body: 'Status update: fine' },
            { author: 'a', createdAt: '2026-11-02T00:00:00Z', body: 'Weekly check-in' },
          ],
        }),
      ],
      pullRequests: [],
    });
    const config = configFor(server, { TRACKING_CHECKIN_REGEX: '^status update', TRACKING_TARGET_LABEL: 'release-<release>' });
    const result = await fetchTracking({ numbers: [5000], config, now: T0, clientOptions: FAST_CLIENT });
    expect(result.snapshot.issues['5000']?.checkIns.map((checkIn) => checkIn.excerpt)).toEqual(['Status update: fine']);
    expect(result.snapshot.issues['5000']?.targetLabels).toEqual(['v2.1']);
  });

  it('stores hostile check-ins as plain text and drops non-GitHub URLs', async () => {
    const server = await start({
      repository: 'kubevirt/project-infra',
      issues: [
        makeIssue(5000, {
          title: 'Evil <script>alert(1)</script>\u202E title',
          labels: [{ name: 'sig/ci', color: 'red;background:url(javascript:alert(1))' }],
          comments: [
            {
              author: 'attacker',
              createdAt: '2026-11-20T00:00:00Z',
              // The blank line keeps the link a link: an `<img>` alone on a line opens a raw HTML block that
              // runs to the next blank line, and GitHub shows the markdown in it as written (sanitize.test.ts).
              body: '## Weekly check-in\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) done',
              url: 'javascript:alert(1)',
            },
          ],
          closingPullRequests: ['kubevirt/project-infra#9'],
          projectItems: [{ project: { title: 'Board', number: 1, url: 'https://evil.example/board' }, status: '<b>Tracked</b>' }],
        }),
      ],
      pullRequests: [
        {
          repository: 'kubevirt/project-infra',
          number: 9,
          title: '<img src=x onerror=alert(1)>',
          state: 'OPEN',
          updatedAt: '2026-11-01T00:00:00Z',
          url: 'data:text/html,hi',
        },
      ],
    });
    const snapshot = await coldSnapshot(server, [5000]);
    const state = snapshot.issues['5000'];
    const checkIn = state?.checkIns[0];
    expect(checkIn?.excerpt).toBe('Weekly check-in x done');
    expect(checkIn?.url).toBeNull();
    expect(state?.labels[0]).toEqual({ name: 'sig/ci', color: null });
    expect(state?.pullRequests[0]?.url).toBeNull();
    expect(state?.projectItems[0]?.project.url).toBeNull();
    // Titles and field values are stored as plain text: no markup, no invisible characters (issue #12).
    expect(state?.title).toBe('Evil title');
    const serialised = JSON.stringify(state?.checkIns);
    for (const forbidden of ['<script', 'onerror', 'javascript:']) expect(serialised).not.toContain(forbidden);
  });
});

describe('issues that are not where they should be', () => {
  it('marks a nonexistent issue found:false and keeps the others', async () => {
    const server = await start(manyIssues(2));
    const result = await fetchTracking({ numbers: [5000, 5001, 9999], config: configFor(server), now: T0, clientOptions: FAST_CLIENT });
    expect(result.requests).toBe(1);
    expect(result.snapshot.issues['9999']).toMatchObject({
      number: 9999,
      found: false,
      state: null,
      title: null,
      url: 'https://github.com/kubevirt/project-infra/issues/9999',
    });
    expect(result.snapshot.issues['9999']?.stale).toBeUndefined();
    expect(result.snapshot.issues['5000']?.found).toBe(true);
    expect(result.problems).toEqual([
      { number: 9999, kind: 'not_found', reason: expect.stringContaining('no issue #9999 in kubevirt/project-infra') },
    ]);
  });

  it('keeps the last known state of an issue that disappeared, marked not found', async () => {
    const server = await start(manyIssues(2));
    const previous = await coldSnapshot(server, [5000, 5001]);
    server.data.issues = server.data.issues.filter((issue) => issue.number !== 5001);
    const result = await fetchTracking({
      numbers: [5000, 5001],
      previous,
      config: configFor(server),
      now: T1,
      clientOptions: FAST_CLIENT,
      full: true,
    });
    expect(result.snapshot.issues['5001']).toMatchObject({
      found: false,
      state: 'open',
      title: 'Tracking issue 5001',
      stale: { since: '2026-11-29T06:00:00Z', kind: 'not_found' },
    });
  });

  it('keeps the last known state of a transferred issue and says where it went', async () => {
    const server = await start(manyIssues(2));
    const previous = await coldSnapshot(server, [5000, 5001]);
    server.updateIssue(
      5001,
      (issue) => {
        issue.transferredTo = { repository: 'kubevirt/kubevirt', number: 17001 };
        issue.state = 'CLOSED';
        issue.stateReason = 'COMPLETED';
      },
      '2026-11-29T09:00:00Z',
    );
    const result = await fetchTracking({
      numbers: [5000, 5001],
      previous,
      config: configFor(server),
      now: T1,
      clientOptions: FAST_CLIENT,
      full: true,
    });
    const moved = result.snapshot.issues['5001'];
    expect(moved).toMatchObject({
      found: true,
      state: 'open',
      transferredTo: { repository: 'kubevirt/kubevirt', number: 17001, url: 'https://github.com/kubevirt/kubevirt/issues/17001' },
      stale: { since: '2026-11-29T06:00:00Z', kind: 'transferred', reason: 'issue was transferred to kubevirt/kubevirt#17001' },
    });
    expect(result.problems).toEqual([{ number: 5001, kind: 'transferred', reason: 'issue was transferred to kubevirt/kubevirt#17001' }]);

    // Without a last known state it is reported as not found here, with the new location.
    const cold = await fetchTracking({ numbers: [5001], config: configFor(server), now: T1, clientOptions: FAST_CLIENT });
    expect(cold.snapshot.issues['5001']).toMatchObject({
      found: false,
      state: null,
      transferredTo: { repository: 'kubevirt/kubevirt', number: 17001 },
    });
  });

  it('rejects invalid issue numbers before asking GitHub', async () => {
    const server = await start(manyIssues(1));
    await expect(fetchTracking({ numbers: [0], config: configFor(server) })).rejects.toThrow(/positive integers/);
    await expect(fetchTracking({ numbers: [1.5], config: configFor(server) })).rejects.toThrow(/positive integers/);
    expect(server.requestCount).toBe(0);
  });
});
