import { describe, expect, it } from 'vitest';
import { healthFindings, healthStatus } from '../../src/lib/health/findings.ts';
import { cep, context, tracking } from '../support/records.ts';

const rules = (findings: { rule: string }[]) => findings.map((finding) => finding.rule);

describe('health findings', () => {
  it('a CEP whose issue agrees and is active is on track', () => {
    const findings = healthFindings(cep(), tracking(), context);
    expect(findings).toEqual([]);
    expect(healthStatus(findings)).toBe('on-track');
  });

  it('missing tracking issue, in the snapshot or on GitHub', () => {
    expect(healthFindings(cep(), undefined, context)).toEqual([
      { rule: 'tracking-missing', severity: 'warning', message: 'no tracking state for kubevirt/project-infra#4101' },
    ]);
    expect(rules(healthFindings(cep(), tracking({ found: false, state: null }), context))).toEqual(['tracking-missing']);
  });

  it('the SIG label is missing', () => {
    const findings = healthFindings(cep(), tracking({ labels: [{ name: 'target/v1.10', color: null }] }), context);
    expect(findings).toEqual([
      { rule: 'sig-label-missing', severity: 'warning', message: 'tracking issue kubevirt/project-infra#4101 lacks the "sig/ci" label' },
    ]);
    expect(healthStatus(findings)).toBe('needs-attention');
  });

  it('the target disagrees with the label, the milestone or the board', () => {
    const findings = healthFindings(
      cep(),
      tracking({
        targetLabels: ['v1.9'],
        milestone: { title: 'v1.11', dueOn: null },
        projectItems: [{ project: { title: 'KubeVirt CEPs', number: 1, url: null }, status: 'Tracked', release: '1.10' }],
      }),
      context,
    );
    expect(findings).toEqual([
      {
        rule: 'tracking-target-mismatch',
        severity: 'warning',
        message: 'CEP targets v1.10 but the issue says v1.9 (target label), v1.11 (milestone "v1.11")',
      },
    ]);
  });

  it("a finished CEP whose issue still names an earlier stage's release is not a mismatch", () => {
    const implemented = cep({ status: 'implemented', stage: 'stable', targets: { alpha: 'v1.8', stable: 'v1.9' }, targetRelease: 'v1.9' });
    expect(rules(healthFindings(implemented, tracking({ state: 'closed', targetLabels: ['v1.8'] }), context))).toEqual([]);
    expect(rules(healthFindings(implemented, tracking({ state: 'closed', targetLabels: ['v1.7'] }), context))).toEqual([
      'tracking-target-mismatch',
    ]);
  });

  it('issue closed while the CEP is still active, and the reverse', () => {
    const closed = healthFindings(
      cep(),
      tracking({ state: 'closed', stateReason: 'completed', closedAt: '2026-11-02T10:00:00Z' }),
      context,
    );
    expect(closed).toContainEqual({
      rule: 'closed-but-active',
      severity: 'error',
      message: 'tracking issue was closed on 2026-11-02 (completed) but the CEP is implementable',
    });
    const noStatus = healthFindings(
      cep({ status: undefined }),
      tracking({ state: 'closed', stateReason: 'completed', closedAt: '2026-11-02T10:00:00Z' }),
      context,
    );
    expect(noStatus).toContainEqual({
      rule: 'closed-but-active',
      severity: 'info',
      message: 'tracking issue was closed on 2026-11-02 (completed) but the CEP states no status; record the outcome in the CEP',
    });
    expect(healthStatus(closed)).toBe('at-risk');
    expect(rules(healthFindings(cep({ status: 'implemented' }), tracking(), context))).toEqual(['finished-but-open']);
    expect(rules(healthFindings(cep({ status: 'replaced' }), tracking({ state: 'closed' }), context))).toEqual([]);
  });

  it('no check-in or activity for more than 7 days while targeted at the current release', () => {
    const quiet = tracking({
      updatedAt: '2026-11-20T10:00:00Z',
      checkIns: [{ author: 'a', createdAt: '2026-11-10T10:00:00Z', url: null, excerpt: 'check-in' }],
    });
    expect(healthFindings(cep(), quiet, context)).toEqual([
      {
        rule: 'no-recent-activity',
        severity: 'warning',
        message: 'targeted at v1.10, but the last check-in was 21 days ago and no activity for more than 7 days',
      },
    ]);
    // The same silence on a CEP aimed at a later release is not flagged.
    expect(
      healthFindings(cep({ targetRelease: 'v1.11', targets: { alpha: 'v1.11' } }), { ...quiet, targetLabels: ['v1.11'] }, context),
    ).toEqual([]);
  });

  it('past Code Freeze with unmerged work needs an exception, unless one is requested or granted', () => {
    const afterFreeze = { ...context, today: '2026-12-20' };
    const openPullRequest = {
      repository: 'kubevirt/project-infra',
      number: 4500,
      title: 'arm lanes',
      url: null,
      state: 'open' as const,
      draft: false,
      mergedAt: null,
      closing: true,
    };
    const withWork = tracking({ pullRequests: [openPullRequest], updatedAt: '2026-12-19T00:00:00Z' });
    const findings = healthFindings(cep(), withWork, afterFreeze);
    expect(findings).toEqual([
      {
        rule: 'needs-exception',
        severity: 'error',
        message:
          'past v1.10 Code Freeze (2026-12-16) with 1 unmerged pull request and no exception: @mara-ci, ask on the kubevirt-dev mailing list or re-target the CEP',
      },
    ]);
    expect(rules(healthFindings(cep({ exceptions: [{ release: 'v1.10', state: 'requested' }] }), withWork, afterFreeze))).toEqual([]);
    expect(rules(healthFindings(cep({ exceptions: [{ release: 'v1.10', state: 'granted' }] }), withWork, afterFreeze))).toEqual([]);
    expect(rules(healthFindings(cep({ exceptions: [{ release: 'v1.10', state: 'denied' }] }), withWork, afterFreeze))).toEqual([
      'needs-exception',
    ]);
    // Before Code Freeze the same open pull request is simply work in progress.
    expect(rules(healthFindings(cep(), withWork, context))).toEqual([]);
  });

  it('the number differs from the tracking issue, and a stale state is said', () => {
    const findings = healthFindings(
      cep({
        trackingIssue: { repository: 'kubevirt/project-infra', number: 4999, url: 'https://github.com/kubevirt/project-infra/issues/4999' },
      }),
      tracking({ number: 4999, stale: { since: '2026-11-29T06:00:00Z', reason: 'GitHub answered 502', kind: 'fetch_failed' } }),
      context,
    );
    expect(findings).toEqual([
      {
        rule: 'tracking-number-mismatch',
        severity: 'info',
        message: 'CEP 4101 is tracked by issue #4999; by convention the numbers match',
      },
      { rule: 'tracking-stale', severity: 'info', message: 'tracking state is from 2026-11-29: GitHub answered 502' },
    ]);
    expect(healthStatus(findings)).toBe('on-track');
  });

  it('a board status "At risk" makes the CEP at risk', () => {
    const findings = healthFindings(
      cep(),
      tracking({ projectItems: [{ project: { title: 'CEPs', number: 1, url: null }, status: 'At risk', release: null }] }),
      context,
    );
    expect(rules(findings)).toEqual(['board-at-risk']);
    expect(healthStatus(findings)).toBe('at-risk');
  });
});
