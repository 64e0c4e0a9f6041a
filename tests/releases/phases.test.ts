/**
 * One release (v1.10: EF 2026-10-14, CF 2026-12-16, GA 2027-01-20) seen on five pinned days: before
 * Enhancement Freeze, between EF and CF, inside the Code Freeze warning window, after CF, after GA.
 * For each: the dashboard model, the catalogue row, the API record and the three reports.
 */
import { describe, expect, it } from 'vitest';
import { toApiTracking } from '../../src/lib/api/ceps.ts';
import { buildHealthContext } from '../../src/lib/health/context.ts';
import { dashboardRow, releaseDashboard } from '../../src/lib/releases/dashboard.ts';
import { shippedCount } from '../../src/lib/releases/history.ts';
import { nextMilestone, timelineLayout } from '../../src/lib/releases/timeline.ts';
import { renderReport } from '../../src/lib/reports/reports.ts';
import { ceps as fixtureCeps, release, reportOptions, trackingByIssue } from '../reports/fixture.ts';
import { cep, tracking } from '../support/records.ts';

// The fixture's four CEPs plus one that never shows any sign of work, and one withdrawn.
const silent = cep({
  number: 4421,
  slug: '4421-owners',
  title: 'Periodic job owners',
  authors: ['@fmoretti'],
  trackingIssue: { repository: 'kubevirt/project-infra', number: 4421, url: 'https://github.com/kubevirt/project-infra/issues/4421' },
});
const withdrawn = cep({
  number: 4035,
  slug: '4035-cost',
  title: 'CI cost dashboard',
  status: 'withdrawn',
  trackingIssue: { repository: 'kubevirt/project-infra', number: 4035, url: 'https://github.com/kubevirt/project-infra/issues/4035' },
});
const ceps = [...fixtureCeps, silent, withdrawn];
const states = new Map([
  ...trackingByIssue,
  [4421, tracking({ number: 4421, url: silent.trackingIssue.url, checkIns: [], pullRequests: [], updatedAt: '2026-09-01T00:00:00Z' })],
  [4035, tracking({ number: 4035, url: withdrawn.trackingIssue.url, state: 'closed', stateReason: 'not_planned', checkIns: [] })],
]);

const on = (today: string, env: NodeJS.ProcessEnv = {}) => {
  const context = buildHealthContext({ today, releases: [release], sigLabel: 'sig/ci', prefix: 'CEP', env });
  return { context, dashboard: releaseDashboard(release, ceps, states, context) };
};
const verdicts = (today: string, env: NodeJS.ProcessEnv = {}) =>
  Object.fromEntries(on(today, env).dashboard.rows.map((row) => [row.cep.number, row.health ?? `outcome ${row.outcome}`]));
const rulesOf = (today: string, number: number) =>
  on(today)
    .dashboard.rows.find((row) => row.cep.number === number)
    ?.findings.map((finding) => finding.rule);

describe('v1.10 before Enhancement Freeze (2026-09-20)', () => {
  const today = '2026-09-20';
  it('warns that a provisional CEP must become implementable by EF, with the next step', () => {
    const { dashboard } = on(today);
    expect(dashboard.phase).toBe('planning');
    const gpu = dashboard.rows.find((row) => row.cep.number === 4315)!;
    expect(gpu.health).toBe('needs-attention');
    expect(gpu.assessment.reason).toBe(
      'v1.10 Enhancement Freeze is 2026-10-14 (in 24 days) and the CEP is still provisional: @gpu-owner, get the CEP reviewed and merged as implementable by SIG-CI before then, or re-target it',
    );
    expect(nextMilestone(release, today)?.text).toBe('Enhancement Freeze in 24 days');
    expect(verdicts(today)[4035]).toBe('outcome withdrawn');
  });
  it('the EF announcement lists the accepted CEPs and what the others must do', () => {
    const text = renderReport('ef-announcement', on(today).dashboard, reportOptions(today));
    expect(text).toContain('SIG-CI tracks 3 CEPs for KubeVirt v1.10');
    expect(text).toContain(
      '- CEP 4315: GPU lane <https://kubevirt.github.io/cep-catalogue/cep/4315/>: provisional; v1.10 Enhancement Freeze is 2026-10-14 (in 24 days)',
    );
  });
});

describe('v1.10 between Enhancement Freeze and the Code Freeze window (2026-11-10)', () => {
  const today = '2026-11-10';
  it('a CEP still provisional after EF is not in the release; the rest are judged on their work', () => {
    expect(on(today).dashboard.phase).toBe('enhancement-freeze');
    expect(verdicts(today)).toMatchObject({ 4315: 'out-of-release', 4101: 'on-track', 4035: 'outcome withdrawn' });
    // 36 days before CF: outside the 21-day window, silence is not yet a Code Freeze risk.
    expect(rulesOf(today, 4421)).not.toContain('code-freeze-at-risk');
    expect(nextMilestone(release, today)?.text).toBe('Code Freeze in 36 days');
  });
  it('an exception requested after EF keeps it off "not in the release" but says who decides', () => {
    const asked = cep({ ...fixtureCeps[1]!, exceptions: [{ release: 'v1.10', state: 'requested', requested: '2026-10-20' }] });
    const row = dashboardRow(asked, states.get(4315), on(today).context, 'v1.10');
    expect(row.health).toBe('needs-attention');
    expect(row.findings.find((finding) => finding.rule === 'missed-enhancement-freeze')?.message).toBe(
      'still provisional after v1.10 Enhancement Freeze (2026-10-14); an exception is requested (2026-10-20): the release team decides on kubevirt-dev',
    );
  });
  it('the weekly report says how many are out of the release', () => {
    expect(renderReport('weekly', on(today).dashboard, reportOptions(today))).toContain('1 not in the release (missed Enhancement Freeze)');
  });
});

describe('v1.10 inside the Code Freeze warning window (2026-12-01, 15 days before CF)', () => {
  const today = '2026-12-01';
  it('no linked PR and no check-in since EF is at risk, with the next step', () => {
    const row = on(today).dashboard.rows.find((row) => row.cep.number === 4421)!;
    expect(row.health).toBe('at-risk');
    expect(row.assessment.reason).toBe(
      'v1.10 Code Freeze is 2026-12-16 (in 15 days) and there is no linked pull request and no check-in since Enhancement Freeze (2026-10-14): @fmoretti, link the pull requests and post a check-in on the tracking issue, or re-target the CEP',
    );
    expect(nextMilestone(release, today)?.text).toBe('Code Freeze in 15 days');
  });
  it('the window is configurable (CODE_FREEZE_WARNING_DAYS)', () => {
    expect(verdicts(today, { CODE_FREEZE_WARNING_DAYS: '10' })[4421]).toBe('needs-attention');
    expect(() => on(today, { CODE_FREEZE_WARNING_DAYS: 'soon' })).toThrow(
      'CODE_FREEZE_WARNING_DAYS must be a whole number of days such as 21, not "soon"',
    );
  });
  it('the catalogue row and the API record carry the verdict and its reason; a finished CEP has an outcome', () => {
    const { context } = on(today);
    const api = toApiTracking(dashboardRow(silent, states.get(4421), context))!;
    expect([api.health, api.outcome]).toEqual(['at-risk', null]);
    expect(api.reason).toMatch(/^v1.10 Code Freeze is 2026-12-16 \(in 15 days\)/);
    const finished = toApiTracking(dashboardRow(withdrawn, states.get(4035), context))!;
    expect([finished.health, finished.outcome, finished.reason]).toEqual([null, 'withdrawn', 'Withdrawn by its authors.']);
  });
  it('the weekly report leaves finished CEPs out and lists the Code Freeze risk', () => {
    const text = renderReport('weekly', on(today).dashboard, reportOptions(today));
    expect(text).not.toContain('CEP 4035');
    expect(text).toContain('CEP 4421: Periodic job owners <https://kubevirt.github.io/cep-catalogue/cep/4421/>: Health: at risk');
  });
});

describe('v1.10 after Code Freeze (2026-12-20)', () => {
  const today = '2026-12-20';
  it('unmerged work without an exception needs one; a requested exception covers it', () => {
    expect(on(today).dashboard.phase).toBe('code-freeze');
    expect(rulesOf(today, 4402)).toContain('needs-exception');
    expect(rulesOf(today, 4101)).not.toContain('needs-exception');
  });
  it('the post-CF checklist counts linked PRs only', () => {
    const text = renderReport('post-cf', on(today).dashboard, reportOptions(today));
    expect(text).toContain('- [ ] All PRs are merged into the release branch: 1 of 2 linked PRs merged; open: kubevirt/project-infra#4502');
    expect(text).toContain(
      '- [ ] Implemented as designed, or update/exception: not in v1.10 (missed Enhancement Freeze); needs an exception or a re-target',
    );
  });
});

describe('v1.10 after GA (2027-02-01)', () => {
  const today = '2027-02-01';
  it('is history: no findings about today, what shipped judged as of the release, every milestone reached', () => {
    const { dashboard } = on(today);
    expect(dashboard.phase).toBe('released');
    expect(dashboard.rows.flatMap((row) => row.findings)).toEqual([]);
    expect(dashboard.history?.map((row) => [row.cep.number, row.summary])).toEqual([
      [4101, 'Beta in v1.10: did not ship (the stage reached is alpha)'],
      [4315, 'Alpha in v1.10: did not ship (no stage reached)'],
      [4402, 'Alpha in v1.10: shipped'],
      [4421, 'Alpha in v1.10: shipped'],
      [4035, 'Alpha in v1.10: did not ship (withdrawn)'],
    ]);
    expect(shippedCount(ceps, release)).toBe(2);
    expect(timelineLayout(release, today).marks.every((mark) => mark.reached)).toBe(true);
    expect(nextMilestone(release, today)).toBeUndefined();
  });
  it('the reports do not judge a released release by today', () => {
    const text = renderReport('weekly', on(today).dashboard, reportOptions(today));
    expect(text).not.toMatch(/no-recent-activity|code-freeze-at-risk|needs-exception/);
  });
});
