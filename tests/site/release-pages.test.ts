/**
 * The release team's pages on the shared sample build (today pinned to 2026-12-01: v1.10 past
 * Enhancement Freeze, 15 days before Code Freeze, inside the warning window; v1.9 released).
 * HTML is read through a parser.
 */
import { describe, expect, it } from 'vitest';
import { ELEMENT_NODE, TEXT_NODE, parse, walkSync, type ElementNode, type Node } from 'ultrahtml';
import { readBuilt } from '../support/build.ts';
import { sampleSite } from '../support/sample-site.ts';

const site = await sampleSite();
const documentOf = (file: string) => parse(readBuilt(site, file));

function all(root: Node, predicate: (element: ElementNode) => boolean): ElementNode[] {
  const found: ElementNode[] = [];
  walkSync(root, (node) => {
    if (node.type === ELEMENT_NODE && predicate(node as ElementNode)) found.push(node as ElementNode);
  });
  return found;
}
const textOf = (node: Node): string => {
  let text = '';
  walkSync(node, (child) => {
    if (child.type === TEXT_NODE) text += ` ${String((child as { value: string }).value)}`;
  });
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/ ([,.)]|:(?= ))/g, '$1')
    .replace(/\( /g, '(')
    .trim();
};
const byAttribute = (root: Node, name: string, value?: string) =>
  all(root, (element) => name in element.attributes && (value === undefined || element.attributes[name] === value));
const links = (root: Node) =>
  all(root, (element) => element.name === 'a').map((anchor) => ({ href: anchor.attributes['href'], text: textOf(anchor) }));

describe('the v1.10 dashboard, 15 days before Code Freeze', () => {
  const page = documentOf('releases/v1.10/index.html');

  it('counts down to the next milestone', () => {
    expect(textOf(byAttribute(page, 'data-countdown')[0]!)).toBe('Code Freeze in 15 days (2026-12-16)');
  });

  it('count chips are links to the groups of rows they count', () => {
    const chips = byAttribute(page, 'data-health-count');
    expect(chips.length).toBeGreaterThan(0);
    for (const chip of chips) {
      const target = chip.attributes['href']!.slice(1);
      const group = byAttribute(page, 'id', target)[0];
      expect(group?.name, `chip ${textOf(chip)} points at #${target}`).toBe('tbody');
      const count = Number(/(\d+)$/.exec(textOf(chip))?.[1]);
      expect(byAttribute(group!, 'data-cep')).toHaveLength(count);
      // The group's heading spans the table and names the same count.
      const heading = all(group!, (element) => element.attributes['scope'] === 'rowgroup')[0];
      expect(heading?.attributes['colspan']).toBe('8');
      expect(textOf(heading!)).toMatch(new RegExp(`\\(${count}\\)$`));
    }
  });

  it('each row links the tracking issue, its linked PRs, the latest check-in and the owners, and says why', () => {
    const row = byAttribute(page, 'id', 'row-4101')[0]!;
    const hrefs = links(row).map((link) => link.href);
    expect(hrefs).toContain('https://github.com/kubevirt/project-infra/issues/4101');
    expect(hrefs).toContain('https://github.com/kubevirt/project-infra/pull/4497');
    expect(hrefs.some((href) => href?.startsWith('https://github.com/kubevirt/project-infra/issues/4101#issuecomment-'))).toBe(true);
    expect(links(byAttribute(row, 'data-field', 'owners')[0]!)).toEqual([
      { href: 'https://github.com/rbalogun', text: '@rbalogun' },
      { href: 'https://github.com/yzhang-kv', text: '@yzhang-kv' },
    ]);
    expect(textOf(byAttribute(row, 'data-health-reason')[0]!)).toBe('the project board marks it "At risk"');
  });

  it('a fork that only mentions the tracking issue is shown apart and not counted', () => {
    const row = byAttribute(page, 'id', 'row-4421')[0]!;
    expect(textOf(byAttribute(row, 'data-field', 'pull-requests')[0]!)).toBe('0 of 0 Mentioned in (not counted): jdoe-dev/project-infra#3');
  });

  it('labels stages as stages of this release, and badges say what they are about', () => {
    const row = byAttribute(page, 'id', 'row-4101')[0]!;
    expect(textOf(row)).toContain('Beta in v1.10');
    expect(textOf(row)).toContain('Status: implementable');
    expect(textOf(row)).toContain('Tracking issue: open');
    expect(textOf(row)).toContain('Health: at risk');
  });
});

describe('v1.9, released: what it shipped', () => {
  const page = documentOf('releases/v1.9/index.html');

  it('shows what each proposal shipped in it, and no findings about today', () => {
    expect(byAttribute(page, 'data-findings')).toEqual([]);
    expect(byAttribute(page, 'data-countdown')).toEqual([]);
    const shipped = byAttribute(page, 'id', 'shipped')[0]!;
    expect(textOf(byAttribute(shipped, 'data-cep', '3912')[0]!)).toContain('Stable (GA) in v1.9: shipped');
    const main = all(page, (element) => element.name === 'main')[0]!;
    expect(textOf(main)).not.toMatch(/days ago|v1\.10/);
  });

  it('marks every milestone of its timeline reached', () => {
    const marks = all(page, (element) => element.name === 'circle' && 'data-reached' in element.attributes);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.map((mark) => mark.attributes['data-reached'])).toEqual(marks.map(() => 'true'));
  });
});

describe('the releases index', () => {
  it('says per released release how many proposals shipped, and counts down for the current one', () => {
    const page = documentOf('releases/index.html');
    expect(textOf(byAttribute(byAttribute(page, 'data-release', 'v1.9')[0]!, 'data-shipped')[0]!)).toMatch(
      /^\d+ of \d+ CEPs targeting it shipped$/,
    );
    expect(textOf(byAttribute(byAttribute(page, 'data-release', 'v1.10')[0]!, 'data-countdown')[0]!)).toBe('Code Freeze in 15 days');
  });
});

describe('the catalogue and the API', () => {
  it('the catalogue shows the reason for a health as text, and an outcome for finished proposals', () => {
    const page = documentOf('index.html');
    const row = (number: number) => all(page, (element) => element.name === 'tr' && element.attributes['data-cep'] === String(number))[0]!;
    expect(textOf(byAttribute(row(4101), 'data-health-reason')[0]!)).toBe('the project board marks it "At risk"');
    expect(textOf(row(4035))).toContain('Outcome: withdrawn');
    expect(textOf(row(4035))).not.toContain('On track');
    expect(textOf(row(4101))).toContain('Beta in v1.10');
  });

  it('the API gives active proposals a health and finished ones an outcome', () => {
    const api = JSON.parse(readBuilt(site, 'api/ceps.json')) as Record<
      string,
      { tracking: { health: string | null; outcome: string | null; reason: string } | null }
    >;
    expect(api['4035']?.tracking).toMatchObject({ health: null, outcome: 'withdrawn' });
    expect(api['4101']?.tracking).toMatchObject({ health: 'at-risk', outcome: null, reason: 'the project board marks it "At risk"' });
  });
});
