/**
 * Against the local GitHub server: which pull requests count as a proposal's work (a fork that
 * merely mentions the tracking issue does not), and partial GraphQL answers (the issues that came
 * back are kept, only the missing ones are asked again).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTracking } from '../../src/lib/github/fetch.ts';
import { renderReport } from '../../src/lib/reports/reports.ts';
import { releaseDashboard } from '../../src/lib/releases/dashboard.ts';
import type { FakeGitHub, FakePullRequest } from '../../tools/github/fake-github.ts';
import { GITHUB_TIMEOUT_MESSAGE, startFakeGitHub } from '../../tools/github/fake-github.ts';
import { cep, context } from '../support/records.ts';
import { release, reportOptions } from '../reports/fixture.ts';
import { FAST_CLIENT, configFor, makeIssue, manyIssues, recordingLogger } from './helpers.ts';

const NOW = new Date('2026-12-20T06:00:00Z');
let fake: FakeGitHub | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const pr = (
  repository: string,
  number: number,
  state: FakePullRequest['state'],
  extra: Partial<FakePullRequest> = {},
): FakePullRequest => ({
  repository,
  number,
  title: `Change ${number} in ${repository}`,
  state,
  mergedAt: state === 'MERGED' ? '2026-12-10T10:00:00Z' : null,
  updatedAt: '2026-12-10T10:00:00Z',
  ...extra,
});

describe('pull-request provenance', () => {
  async function fetchIssue4101(body = '', env: Record<string, string> = {}) {
    fake = await startFakeGitHub({
      repository: 'kubevirt/project-infra',
      issues: [
        makeIssue(4101, {
          body,
          closingPullRequests: ['kubevirt/project-infra#4497'],
          crossReferences: ['someone/project-infra#7', 'kubevirt/kubevirt#15873', 'nmstate/kubernetes-nmstate#900'],
        }),
      ],
      pullRequests: [
        pr('kubevirt/project-infra', 4497, 'OPEN'),
        // A fork's PR that only mentions the issue, merged in the fork.
        pr('someone/project-infra', 7, 'MERGED'),
        pr('kubevirt/kubevirt', 15873, 'MERGED'),
        pr('nmstate/kubernetes-nmstate', 900, 'MERGED'),
      ],
    });
    const result = await fetchTracking({ numbers: [4101], config: configFor(fake, env), now: NOW, clientOptions: FAST_CLIENT });
    expect(result.problems).toEqual([]);
    return result.snapshot.issues['4101']!;
  }
  const keys = (pullRequests: readonly { repository: string; number: number; linkedBy?: string }[] | undefined) =>
    (pullRequests ?? []).map((pullRequest) => `${pullRequest.repository}#${pullRequest.number} ${pullRequest.linkedBy}`);

  it('counts closing references and cross-references from the organisation; a fork mention is shown apart', async () => {
    const state = await fetchIssue4101();
    expect(keys(state.pullRequests)).toEqual(['kubevirt/kubevirt#15873 organisation', 'kubevirt/project-infra#4497 closing']);
    expect(keys(state.mentionedPullRequests)).toEqual(['nmstate/kubernetes-nmstate#900 mention', 'someone/project-infra#7 mention']);
  });

  it('counts a pull request listed in the issue body, and honours TRACKING_PR_OWNERS', async () => {
    const listed = await fetchIssue4101('Work:\n- https://github.com/someone/project-infra/pull/7\n');
    expect(keys(listed.pullRequests)).toContain('someone/project-infra#7 issue-body');
    await fake?.close();
    const allowed = await fetchIssue4101('', { TRACKING_PR_OWNERS: 'kubevirt, nmstate' });
    expect(keys(allowed.pullRequests)).toContain('nmstate/kubernetes-nmstate#900 organisation');
    expect(keys(allowed.mentionedPullRequests)).toEqual(['someone/project-infra#7 mention']);
  });

  it('the post-Code-Freeze report does not tick a fork mention as a merged linked PR', async () => {
    fake = await startFakeGitHub({
      repository: 'kubevirt/project-infra',
      issues: [makeIssue(4101, { crossReferences: ['someone/project-infra#7'], labels: [{ name: 'sig/ci', color: 'ededed' }] })],
      pullRequests: [pr('someone/project-infra', 7, 'MERGED')],
    });
    const result = await fetchTracking({ numbers: [4101], config: configFor(fake), now: NOW, clientOptions: FAST_CLIENT });
    const dashboard = releaseDashboard(release, [cep({ targets: { beta: 'v1.10' } })], new Map([[4101, result.snapshot.issues['4101']!]]), {
      ...context,
      today: '2026-12-20',
      releases: [release],
    });
    expect(dashboard.rows[0]?.pullRequests).toEqual({ merged: 0, open: 0, total: 0 });
    const report = renderReport('post-cf', dashboard, reportOptions('2026-12-20'));
    expect(report).toContain('- [?] All PRs are merged into the release branch: the tracking issue links no pull requests');
    expect(report).toContain(
      '- mentioned in (not counted as linked): someone/project-infra#7 <https://github.com/someone/project-infra/pull/7> merged',
    );
    expect(report).not.toContain('1 of 1');
  });
});

describe('partial GraphQL answers', () => {
  it('keeps the 49 issues that came back and asks only for the slow one again', async () => {
    const data = manyIssues(120);
    // Slow through octokit's own two retries of the whole batch (FAST_CLIENT: retries 2).
    data.issues[10]!.timesOut = 3;
    fake = await startFakeGitHub(data);
    const logger = recordingLogger();
    const numbers = data.issues.map((issue) => issue.number);
    const result = await fetchTracking({ numbers, config: configFor(fake), now: NOW, clientOptions: FAST_CLIENT, logger });
    expect(result.problems).toEqual([]);
    expect(Object.values(result.snapshot.issues).filter((state) => state.found && !state.stale)).toHaveLength(120);
    // The first batch (tried three times by octokit), then only the issue that timed out, then the rest.
    expect(fake.graphqlRequests.map((request) => request.issueNumbers.length)).toEqual([50, 50, 50, 1, 50, 20]);
    expect(fake.graphqlRequests[3]?.issueNumbers).toEqual([5010]);
  });

  it('marks stale only what is really missing, and carries on with the later batches', async () => {
    const data = manyIssues(120);
    data.issues[3]!.timesOut = Infinity;
    data.issues[7]!.timesOut = 1;
    fake = await startFakeGitHub(data);
    const config = configFor(fake);
    const numbers = data.issues.map((issue) => issue.number);
    const first = await fetchTracking({
      numbers: numbers.filter((issueNumber) => issueNumber !== 5003),
      config,
      now: new Date('2026-12-19T06:00:00Z'),
      clientOptions: FAST_CLIENT,
    });
    data.issues[3]!.timesOut = 0;
    const seed = await fetchTracking({ numbers: [5003], config, now: new Date('2026-12-19T06:00:00Z'), clientOptions: FAST_CLIENT });
    const previous = { ...first.snapshot, issues: { ...first.snapshot.issues, ...seed.snapshot.issues } };
    data.issues[3]!.timesOut = Infinity;
    data.issues[7]!.timesOut = 1;
    fake.resetCounters();

    const result = await fetchTracking({ numbers, previous, config, now: NOW, clientOptions: FAST_CLIENT, full: true });
    expect(result.problems.map((problem) => problem.number)).toEqual([5003]);
    expect(result.problems[0]?.reason).toContain(GITHUB_TIMEOUT_MESSAGE);
    const stale = Object.values(result.snapshot.issues).filter((state) => state.stale);
    expect(stale.map((state) => [state.number, state.stale?.since])).toEqual([[5003, '2026-12-19T06:00:00Z']]);
    expect(Object.values(result.snapshot.issues).filter((state) => state.fetchedAt === '2026-12-20T06:00:00Z')).toHaveLength(119);
    // Later batches were asked for: the partial first batch did not stop the run.
    expect(fake.graphqlRequests.some((request) => request.issueNumbers.includes(5119))).toBe(true);
  });
});
