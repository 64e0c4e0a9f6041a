import { describe, expect, it } from 'vitest';
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import { renderReport } from '../../src/lib/reports/reports.ts';
import { dashboardOn, reportOptions } from './fixture.ts';

const lines = (text: string) => text.split('\n');

describe('release dashboard model', () => {
  it('puts at-risk CEPs first and counts by status and health', () => {
    const afterFreeze = dashboardOn('2026-12-20');
    expect(afterFreeze.phase).toBe('code-freeze');
    // Still provisional two months after Enhancement Freeze: not in the release, listed first.
    expect(afterFreeze.rows.map((row) => [row.cep.number, row.health])).toEqual([
      [4315, 'out-of-release'],
      [4402, 'at-risk'],
      [4101, 'needs-attention'],
    ]);
    expect(afterFreeze.byStatus).toEqual({ implementable: 2, provisional: 1 });
    expect(afterFreeze.rows[1]?.pullRequests).toEqual({ merged: 1, open: 1, total: 2 });
    expect(dashboardOn('2026-10-01').phase).toBe('planning');
    expect(dashboardOn('2026-12-01').phase).toBe('enhancement-freeze');
  });
});

describe('reports', () => {
  it('ef-announcement, before Enhancement Freeze, as markdown', () => {
    expect(lines(renderReport('ef-announcement', dashboardOn('2026-10-01'), reportOptions('2026-10-01', 'markdown')))).toEqual([
      '# KubeVirt v1.10: CI Enhancement Proposals tracked at Enhancement Freeze',
      '',
      'SIG-CI tracks 2 CEPs for KubeVirt v1.10 (Enhancement Freeze 2026-10-14, Code Freeze 2026-12-16, GA 2027-01-20). Reviews on their pull requests get priority; owners post weekly check-ins on the tracking issues.',
      '',
      '- [CEP 4101: Voting arm64 lanes](https://kubevirt.github.io/cep-catalogue/cep/4101/) (Beta in v1.10), owners @mara-ci, tracking [#4101](https://github.com/kubevirt/project-infra/issues/4101)',
      '- [CEP 4402: Artifacts on object storage](https://kubevirt.github.io/cep-catalogue/cep/4402/) (Alpha in v1.10), owners @tkowalski, @sofia-mtz, tracking [#4402](https://github.com/kubevirt/project-infra/issues/4402)',
      '',
      'Also targeting v1.10 but not accepted yet:',
      '',
      '- [CEP 4315: GPU lane](https://kubevirt.github.io/cep-catalogue/cep/4315/): provisional; v1.10 Enhancement Freeze is 2026-10-14 (in 13 days) and the CEP is still provisional: @gpu-owner, get the CEP reviewed and merged as implementable by SIG-CI before then, or re-target it',
      '',
      'Release dashboard: https://kubevirt.github.io/cep-catalogue/releases/v1.10/',
      '',
      'Exceptions past Enhancement or Code Freeze are asked for on this list: the justification, the extra time needed and the impact if it is not granted.',
      '',
    ]);
  });

  it('ef-announcement as plain text puts URLs in angle brackets for mail clients', () => {
    const text = renderReport('ef-announcement', dashboardOn('2026-10-14'), reportOptions('2026-10-14'));
    expect(lines(text).slice(0, 2)).toEqual([
      'KubeVirt v1.10: CI Enhancement Proposals tracked at Enhancement Freeze',
      '======================================================================',
    ]);
    expect(text).toContain(
      '- CEP 4101: Voting arm64 lanes <https://kubevirt.github.io/cep-catalogue/cep/4101/> (Beta in v1.10), owners @mara-ci, tracking #4101 <https://github.com/kubevirt/project-infra/issues/4101>',
    );
    expect(text).not.toContain('](');
  });

  it('weekly, between Enhancement Freeze and Code Freeze', () => {
    expect(lines(renderReport('weekly', dashboardOn('2026-12-01'), reportOptions('2026-12-01')))).toEqual([
      'KubeVirt v1.10: weekly CEP check-in, 2026-11-24 to 2026-12-01',
      '=============================================================',
      '',
      '3 tracked CEPs: 1 on track, 1 needs attention, 0 at risk, 1 not in the release (missed Enhancement Freeze). Enhancement Freeze 2026-10-14, Code Freeze 2026-12-16, GA 2027-01-20.',
      '',
      'CEP 4315: GPU lane <https://kubevirt.github.io/cep-catalogue/cep/4315/>: Health: not in the release',
      '---------------------------------------------------------------------------------------------------',
      '- no check-in yet: stale',
      '- pull requests: 0 of 0 linked PRs merged',
      '- error: missed v1.10 Enhancement Freeze (2026-10-14): still provisional, so not in v1.10; @gpu-owner: ask for an exception on the kubevirt-dev mailing list (justification, extra time, impact) or re-target the CEP to a later release (missed-enhancement-freeze)',
      '- warning: targeted at v1.10, but there has been no check-in and no activity for more than 7 days (no-recent-activity)',
      '',
      'CEP 4402: Artifacts on object storage <https://kubevirt.github.io/cep-catalogue/cep/4402/>: Health: needs attention',
      '-------------------------------------------------------------------------------------------------------------------',
      '- no check-in this week: stale, last one 2026-11-18 (13 days ago)',
      '- pull requests: 1 of 2 linked PRs merged',
      '- warning: targeted at v1.10, but the last check-in was 13 days ago and no activity for more than 7 days (no-recent-activity)',
      '',
      'CEP 4101: Voting arm64 lanes <https://kubevirt.github.io/cep-catalogue/cep/4101/>: Health: on track',
      '---------------------------------------------------------------------------------------------------',
      '- check-in 2026-11-27 by @mara-ci (comment) <https://github.com/kubevirt/project-infra/issues/4101#issuecomment-1>: Weekly check-in: lanes green',
      '- merged 2026-11-26: kubevirt/project-infra#4501 <https://github.com/kubevirt/project-infra/pull/4501> Change 4501',
      '- pull requests: 1 of 2 linked PRs merged',
      '',
    ]);
  });

  it('post-cf, after Code Freeze: the SIG-CI checklist with what the data says', () => {
    expect(lines(renderReport('post-cf', dashboardOn('2026-12-20'), reportOptions('2026-12-20', 'markdown')))).toEqual([
      '# KubeVirt v1.10: post-Code-Freeze CEP checklist',
      '',
      'Code Freeze was 2026-12-16. What the tracking data says about each CEP, as of 2026-12-20:',
      '',
      '## [CEP 4315: GPU lane](https://kubevirt.github.io/cep-catalogue/cep/4315/)',
      '- [ ] All PRs are merged into the release branch: the tracking issue links no pull requests',
      '- [ ] Docs PR is merged: no docs pull request linked',
      '- [ ] Implemented as designed, or update/exception: not in v1.10 (missed Enhancement Freeze); needs an exception or a re-target',
      '- [ ] Bugs are tracked: not in the data; review the tracking issue',
      '- [ ] The tracking issue tracks its PRs: none linked',
      '- error: missed v1.10 Enhancement Freeze \\(2026-10-14\\): still provisional, so not in v1.10; @gpu-owner: ask for an exception on the kubevirt-dev mailing list \\(justification, extra time, impact\\) or re-target the CEP to a later release (missed-enhancement-freeze)',
      '- warning: targeted at v1.10, but there has been no check-in and no activity for more than 7 days (no-recent-activity)',
      '',
      '## [CEP 4402: Artifacts on object storage](https://kubevirt.github.io/cep-catalogue/cep/4402/)',
      '- [x] All PRs are merged into the release branch: 1 of 1 linked PRs merged',
      '- [ ] Docs PR is merged: kubevirt/user-guide#120 open',
      '- [ ] Implemented as designed, or update/exception: unmerged work and no exception; needs an exception or a re-target',
      '- [ ] Bugs are tracked: not in the data; review the tracking issue',
      '- [x] The tracking issue tracks its PRs: 2 pull requests linked',
      '- warning: targeted at v1.10, but the last check-in was 32 days ago and no activity for more than 7 days (no-recent-activity)',
      '',
      '## [CEP 4101: Voting arm64 lanes](https://kubevirt.github.io/cep-catalogue/cep/4101/)',
      '- [ ] All PRs are merged into the release branch: 1 of 2 linked PRs merged; open: kubevirt/project-infra#4502',
      '- [ ] Docs PR is merged: no docs pull request linked',
      '- [ ] Implemented as designed, or update/exception: exception requested [(thread)](https://groups.google.com/g/kubevirt-dev/c/arm)',
      '- [ ] Bugs are tracked: not in the data; review the tracking issue',
      '- [x] The tracking issue tracks its PRs: 2 pull requests linked',
      '- warning: targeted at v1.10, but the last check-in was 23 days ago and no activity for more than 7 days (no-recent-activity)',
      '',
    ]);
  });

  it('post-cf before Code Freeze says it is a preview; in text, unknown items are marked [?]', () => {
    const text = renderReport('post-cf', dashboardOn('2026-12-01'), reportOptions('2026-12-01'));
    expect(lines(text)[3]).toBe('Code Freeze is 2026-12-16; this checklist is a preview of what the data says today (2026-12-01).');
    expect(text).toContain('- [?] Bugs are tracked: not in the data; review the tracking issue');
    // A requested exception keeps the CEP off the "needs exception" list.
    expect(text).not.toContain('needs-exception');
  });

  it('in a VEP catalogue, names VEPs and links their /vep/<number>/ permalinks', () => {
    const text = renderReport('post-cf', dashboardOn('2026-12-20'), {
      ...reportOptions('2026-12-20', 'markdown'),
      kind: catalogueKinds.vep,
    });
    expect(text).toContain('## [VEP 4101: Voting arm64 lanes](https://kubevirt.github.io/cep-catalogue/vep/4101/)');
    expect(text).toContain('## [VEP 4315: GPU lane](https://kubevirt.github.io/cep-catalogue/vep/4315/)');
    // The report's own words and links say VEP (the findings' words come from the dashboard's context).
    expect(text.split('\n').filter((line) => line.startsWith('#') || line.startsWith('Code Freeze'))).not.toContainEqual(
      expect.stringMatching(/\bCEP\b/),
    );
    expect(text).not.toMatch(/\/cep\//);
  });
});
