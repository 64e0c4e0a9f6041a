import { describe, expect, it } from 'vitest';
import { readBuilt } from '../support/build.ts';
import { readPage, textOf } from '../support/html.ts';
import { sampleSite } from '../support/sample-site.ts';

const site = await sampleSite();
const page = (file: string) => readPage(readBuilt(site, file));
const row = (number: number) => `tr[data-cep="${number}"]`;

describe('tracking state on the built sample site (committed snapshot)', () => {
  it('the CEP page shows state, labels, board, pull requests, check-ins, findings and "as of"', () => {
    const html = page('ceps/4101-arm64-e2e-lanes/index.html');
    const panel = html.one('section.panel[data-tracking]');
    const panelText = textOf(panel);
    expect(panelText).toContain('Tracking issue: open kubevirt/project-infra#4101');
    expect(panelText).toContain('Labels target/v1.10, kind/enhancement');
    expect(panelText).toContain('Board SIG-CI Enhancements : At risk (v1.10)');
    expect(panelText).toContain('Pull requests 1 of 2 linked PRs merged');
    expect(panelText).toMatch(/open kubevirt\/project-infra#4497 : Make arm64 e2e lanes voting/);
    expect(panelText).toMatch(/merged kubevirt\/project-infra#4122/);
    expect(panelText).toContain('2026-11-10 by @rbalogun · comment Weekly check-in At risk: the arm64 pool is short of two nodes');
    expect(html.all('[data-rule="sig-label-missing"]', panel)).toHaveLength(1);
    expect(html.all('[data-rule="board-at-risk"]', panel)).toHaveLength(1);
    expect(panelText).toContain('Tracking state as of 2026-11-30 06:00 UTC (snapshot).');
    expect(html.text()).toMatch(/Status: implementable Stage: alpha · Beta in v1\.10 Tracking issue: open Health: at risk/);
  });

  it('the catalogue shows tracking state and health per CEP', () => {
    const html = page('index.html');
    // The reason is visible text, not a tooltip; a finished CEP has an outcome, not a health.
    expect(html.text(row(4101))).toMatch(/Tracking issue: open Health: at risk the project board marks it &quot;At risk&quot;\s*$/);
    expect(html.text(row(4233))).toMatch(
      /Tracking issue: closed \(completed\) Health: not in the release missed v1\.10 Enhancement Freeze \(2026-10-14\): without a stated status, so not in v1\.10; @lpetrov: ask for an exception/,
    );
    expect(html.text(row(3912))).toMatch(/Tracking issue: closed \(completed\) Outcome: implemented Delivered as designed\.\s*$/);
  });

  it('the release dashboard lists at-risk CEPs first, with counts, PRs, check-ins, exceptions and a timeline', () => {
    const html = page('releases/v1.10/index.html');
    // Past Enhancement Freeze, a CEP without an implementable status is not in the release: listed first.
    const order = html.all('tr[data-cep][data-health]').map((tr) => `${tr.attributes['data-cep']}:${tr.attributes['data-health']}`);
    expect(order).toEqual([
      '4233:out-of-release',
      '4315:out-of-release',
      '4421:out-of-release',
      '4460:out-of-release',
      '4101:at-risk',
      '4350:on-track',
      '4402:on-track',
    ]);
    expect(html.text()).toContain('Not in the release: 4 At risk: 1 On track: 2');
    expect(html.text(row(4350))).toMatch(
      /@sofia-mtz , @aleksei-ci Beta in v1\.10 Status: implementable Tracking issue: open #4350 Board: Tracked 2 of 3 .* 2026-11-26 5 days ago Health: on track/,
    );
    expect(html.text()).toMatch(
      /Exceptions CEP 4101: Voting arm64 end-to-end lanes for kubevirt\/kubevirt : requested \(asked 2026-11-26 \) · mailing-list thread CEP 4350: Signed CI images with attached SBOMs : granted/,
    );
    expect(html.one('svg[data-timeline] title').attributes['id']).toBe('timeline-title-v1.10');
    expect(html.text('svg[data-timeline] title')).toBe(
      'Timeline of v1.10: Enhancement Freeze 2026-10-14, Code Freeze 2026-12-16, Release candidate 1 2027-01-06, General availability 2027-01-20, today 2026-12-01',
    );
    expect(html.all('svg[data-timeline] [data-today]')).toHaveLength(1);
    // The timeline is drawn at build time: no script of the page draws it.
    expect(html.all('script').filter((script) => textOf(script).includes('timeline'))).toEqual([]);
  });

  it('a past release has no "today" marker and says it is released', () => {
    const html = page('releases/v1.8/index.html');
    expect(html.all('[data-today]')).toEqual([]);
    expect(html.text()).toContain('v1.8 Released');
  });
});
