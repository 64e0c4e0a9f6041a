// The rules page of the built sample site, generated from the rule registry, and lint's links to it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ELEMENT_NODE, TEXT_NODE, parse, walkSync, type ElementNode, type Node } from 'ultrahtml';
import { describe, expect, it } from 'vitest';
import { ruleAreas, rules } from '../../src/lib/rules/registry.ts';
import { projectRoot, readBuilt, testBuildEnvironment } from '../support/build.ts';
import { sampleSite } from '../support/sample-site.ts';
import { decodeHTML } from 'entities';

const site = await sampleSite();
const rulesPage = `${testBuildEnvironment['SITE_URL']}${testBuildEnvironment['BASE_PATH']}rules/`;

function textOf(node: Node): string {
  if (node.type === TEXT_NODE) return decodeHTML(node.value);
  return 'children' in node ? (node.children as Node[]).map(textOf).join('') : '';
}
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
// The page shows the registry's `code` marks as <code> elements.
const shown = (text: string) => squash(text.replaceAll('`', ''));

function elements(html: string): ElementNode[] {
  const found: ElementNode[] = [];
  walkSync(parse(html), (node) => {
    if (node.type === ELEMENT_NODE) found.push(node as ElementNode);
  });
  return found;
}
const field = (section: ElementNode, name: string) => {
  let text: string | undefined;
  walkSync(section, (node) => {
    if (node.type === ELEMENT_NODE && (node as ElementNode).attributes['data-field'] === name) text = squash(textOf(node));
  });
  return text;
};

const page = elements(readBuilt(site, 'rules/index.html'));
const sections = page.filter((element) => element.name === 'section' && element.attributes['data-rule'] !== undefined);
const ids = new Set(page.map((element) => element.attributes['id']).filter((id): id is string => id !== undefined));

function lintJson(args: string[]): { rule: string; help: string }[] {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'lint.ts'), '--format', 'json', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...testBuildEnvironment, GITHUB_ACTIONS: '', TRACKING_CACHE_DIR: path.join(projectRoot, 'tests/no-such-cache') },
    encoding: 'utf8',
  });
  return (JSON.parse(result.stdout) as { diagnostics: { rule: string; help: string }[] }).diagnostics;
}

describe('the rules page (/rules/)', () => {
  it('has one section per registered rule, whose id is the rule id', () => {
    expect(sections.map((section) => section.attributes['id']).sort()).toEqual(rules.map((rule) => rule.id).sort());
    for (const rule of rules)
      expect(
        page.filter((element) => element.attributes['id'] === rule.id),
        rule.id,
      ).toHaveLength(1);
  });

  it("shows each rule's severity, summary, description and fix from the registry", () => {
    for (const rule of rules) {
      const section = sections.find((candidate) => candidate.attributes['id'] === rule.id)!;
      expect(squash(textOf(section)), rule.id).toContain(shown(rule.summary));
      expect(field(section, 'severity'), rule.id).toContain(rule.severity);
      expect(field(section, 'description'), rule.id).toBe(shown(rule.description));
      expect(field(section, 'fix'), rule.id).toBe(shown(rule.fix));
    }
    const statusMissing = sections.find((candidate) => candidate.attributes['id'] === 'status-missing')!;
    const codes: string[] = [];
    walkSync(statusMissing, (node) => {
      if (node.type === ELEMENT_NODE && (node as ElementNode).name === 'code') codes.push(squash(textOf(node)));
    });
    expect(codes).toEqual(['status-missing', 'status', 'status: provisional']);
  });

  it('groups the rules by area, under one heading each', () => {
    const headings = page.filter((element) => element.name === 'h2' && element.attributes['id']?.startsWith('area-'));
    const areas = [...new Set(rules.map((rule) => rule.area))];
    expect(headings.map((heading) => squash(textOf(heading)))).toEqual(areas.map((area) => ruleAreas[area]));
  });

  it('is linked from the footer of every page', () => {
    const footer = elements(readBuilt(site, 'index.html')).find((element) => element.name === 'footer');
    const links: string[] = [];
    walkSync(footer!, (node) => {
      if (node.type === ELEMENT_NODE && (node as ElementNode).name === 'a') links.push((node as ElementNode).attributes['href'] ?? '');
    });
    expect(links).toContain('/cep-catalogue/rules/');
  });
});

describe('lint JSON links each finding to its rule', () => {
  it('gives every finding a help URL on the rules page whose anchor exists', () => {
    const findings = [
      ...lintJson([]),
      ...lintJson(['--no-health', '--content-dir', 'tests/fixtures/hostile/built/ceps']),
      ...lintJson(['--no-health', '--content-dir', 'tests/fixtures/hostile/refused/ceps']),
      ...lintJson(['--no-health', '--content-dir', 'tests/fixtures/corpus/ceps', '--releases-dir', 'tests/fixtures/corpus/releases']),
    ];
    expect(findings.length).toBeGreaterThan(5);
    for (const finding of findings) {
      const url = new URL(finding.help);
      expect(`${url.origin}${url.pathname}`, finding.rule).toBe(rulesPage);
      expect(ids.has(url.hash.slice(1)), finding.help).toBe(true);
      expect(finding.rule.replace(/^health\//, '')).toBe(url.hash.slice(1));
    }
  });
});
