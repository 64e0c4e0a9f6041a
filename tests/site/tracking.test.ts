import { describe, expect, it } from 'vitest';
import { readBuilt } from '../support/build.ts';
import { sampleSite } from '../support/sample-site.ts';

const site = await sampleSite();
const page = (file: string) => readBuilt(site, file);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const rowOf = (html: string, number: number) => new RegExp(`<tr[^>]* data-cep="${number}"[^>]*>[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

describe('tracking state on the built sample site (committed snapshot)', () => {
  it('the CEP page shows state, labels, board, pull requests, check-ins, findings and "as of"', () => {
    const html = page('ceps/4101-arm64-e2e-lanes/index.html');
    const panel = /<section class="panel"[^>]*data-tracking>[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const panelText = text(panel);
    expect(panelText).toContain('Tracking issue: open kubevirt/project-infra#4101');
    expect(panelText).toContain('Labels target/v1.10, kind/enhancement');
    expect(panelText).toContain('Board SIG-CI Enhancements : At risk (v1.10)');
    expect(panelText).toContain('Pull requests 1 of 2 linked PRs merged');
    expect(panelText).toMatch(/open kubevirt\/project-infra#4497 : Make arm64 e2e lanes voting/);
    expect(panelText).toMatch(/merged kubevirt\/project-infra#4122/);
    expect(panelText).toContain('2026-11-10 by @rbalogun · comment Weekly check-in At risk: the arm64 pool is short of two nodes');
    expect(panel).toContain('data-rule="sig-label-missing"');
    expect(panel).toContain('data-rule="board-at-risk"');
    expect(panelText).toContain('Tracking state as of 2026-11-30 06:00 UTC (snapshot).');
    expect(text(html)).toMatch(/Status: implementable Stage: alpha · Beta in v1\.10 Tracking issue: open Health: at risk/);
  });

  it('the catalogue shows tracking state and health per CEP', () => {
    const html = page('index.html');
    // The reason is visible text, not a tooltip; a finished CEP has an outcome, not a health.
    expect(text(rowOf(html, 4101))).toMatch(/Tracking issue: open Health: at risk the project board marks it &quot;At risk&quot;\s*$/);
    expect(text(rowOf(html, 4233))).toMatch(
      /Tracking issue: closed \(completed\) Health: not in the release missed v1\.10 Enhancement Freeze \(2026-10-14\): without a stated status, so not in v1\.10; @lpetrov: ask for an exception/,
    );
    expect(text(rowOf(html, 3912))).toMatch(/Tracking issue: closed \(completed\) Outcome: implemented Delivered as designed\.\s*$/);
  });

  it('the release dashboard lists at-risk CEPs first, with counts, PRs, check-ins, exceptions and a timeline', () => {
    const html = page('releases/v1.10/index.html');
    // Past Enhancement Freeze, a CEP without an implementable status is not in the release: listed first.
    const order = [...html.matchAll(/<tr id="row-\d+" data-cep="(\d+)" data-health="([a-z-]+)"/g)].map(
      (match) => `${match[1]}:${match[2]}`,
    );
    expect(order).toEqual([
      '4233:out-of-release',
      '4315:out-of-release',
      '4421:out-of-release',
      '4460:out-of-release',
      '4101:at-risk',
      '4350:on-track',
      '4402:on-track',
    ]);
    expect(text(html)).toContain('Not in the release: 4 At risk: 1 On track: 2');
    expect(text(rowOf(html, 4350))).toMatch(
      /@sofia-mtz , @aleksei-ci Beta in v1\.10 Status: implementable Tracking issue: open #4350 Board: Tracked 2 of 3 .* 2026-11-26 5 days ago Health: on track/,
    );
    expect(text(html)).toMatch(
      /Exceptions CEP 4101: Voting arm64 end-to-end lanes for kubevirt\/kubevirt : requested \(asked 2026-11-26 \) · mailing-list thread CEP 4350: Signed CI images with attached SBOMs : granted/,
    );
    const svg = /<svg[^>]*data-timeline[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(svg).toContain(
      '<title id="timeline-title-v1.10">Timeline of v1.10: Enhancement Freeze 2026-10-14, Code Freeze 2026-12-16, Release candidate 1 2027-01-06, General availability 2027-01-20, today 2026-12-01</title>',
    );
    expect(svg).toContain('data-today');
    expect(html).not.toMatch(/<script[^>]*>(?![\s\S]*pagefind)[\s\S]*timeline/);
  });

  it('a past release has no "today" marker and says it is released', () => {
    const html = page('releases/v1.8/index.html');
    expect(html).not.toContain('data-today');
    expect(text(html)).toContain('v1.8 Released');
  });
});
