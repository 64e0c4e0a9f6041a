/**
 * fetchTracking against the fake GitHub: how GitHub's data becomes the snapshot (labels, targets,
 * board, linked pull requests, check-in recognition) and how hostile content is stored.
 */
import { describe, expect, it } from 'vitest';
import { fetchTracking } from '../../src/lib/github/fetch.ts';
import { fixtureLabel } from '../../tools/github/fake-github.ts';
import { SAMPLE_ISSUE_NUMBERS, sampleTrackingData } from './fixtures/sample-tracking.ts';
import { T0, coldSnapshot, fakeGitHubPerTest } from './fetch-helpers.ts';
import { FAST_CLIENT, configFor, makeIssue } from './helpers.ts';

const start = fakeGitHubPerTest();

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
