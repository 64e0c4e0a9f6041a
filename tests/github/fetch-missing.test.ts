/**
 * fetchTracking against the fake GitHub: nonexistent, vanished and transferred issues, and invalid
 * issue numbers.
 */
import { describe, expect, it } from 'vitest';
import { fetchTracking } from '../../src/lib/github/fetch.ts';
import { T0, T1, coldSnapshot, fakeGitHubPerTest, fetchAgain } from './fetch-helpers.ts';
import { FAST_CLIENT, configFor, manyIssues } from './helpers.ts';

const start = fakeGitHubPerTest();

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
    const result = await fetchAgain(server, [5000, 5001], previous, { full: true });
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
    const result = await fetchAgain(server, [5000, 5001], previous, { full: true });
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
