import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueRules } from '../../src/lib/rules/catalogue-rules.ts';
import { documentRules } from '../../src/lib/rules/document-rules.ts';
import { healthRules } from '../../src/lib/rules/health-rules.ts';
import { findRule, ruleAreas, rules } from '../../src/lib/rules/registry.ts';
import { projectRoot } from '../support/build.ts';

function lint(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'lint.ts'), ...args], {
    cwd: projectRoot,
    env: { ...process.env, GITHUB_ACTIONS: '', SITE_URL: 'https://catalogue.example.test', BASE_PATH: '/cep-catalogue/', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the rule registry', () => {
  it('describes every rule: summary, description and fix, an area and a severity', () => {
    expect(rules.length).toBeGreaterThan(40);
    for (const rule of rules) {
      expect(rule.summary.trim(), rule.id).not.toBe('');
      expect(rule.description.trim().length, rule.id).toBeGreaterThan(rule.summary.trim().length / 2);
      expect(rule.fix.trim(), rule.id).not.toBe('');
      expect(Object.keys(ruleAreas), rule.id).toContain(rule.area);
      expect(['error', 'warning', 'info'], rule.id).toContain(rule.severity);
      // Backticks mark code (shown as <code> on the rules page), so they come in pairs.
      for (const text of [rule.summary, rule.description, rule.fix]) expect(text.split('`').length % 2, `${rule.id}: ${text}`).toBe(1);
    }
  });

  it('has unique kebab-case ids across its files, so no id means two things', () => {
    const ids = [documentRules, catalogueRules, healthRules].flatMap((part) => Object.keys(part));
    expect(new Set(ids).size).toBe(ids.length);
    expect(rules.map((rule) => rule.id).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
  });

  it('keeps lint and health ids apart: the health comparisons with the tracking issue are tracking-…', () => {
    expect(findRule('number-mismatch')?.area).toBe('identity');
    expect(findRule('target-mismatch')?.area).toBe('targets');
    expect(findRule('tracking-number-mismatch')?.area).toBe('health');
    expect(findRule('health/tracking-target-mismatch')?.area).toBe('health');
  });
});

describe('npm run lint -- --explain / --rules', () => {
  it("prints a rule's entry with its link on the rules page", () => {
    const result = lint(['--explain', 'link-broken']);
    expect(result.code).toBe(0);
    const rule = findRule('link-broken');
    expect(result.stdout.split('\n')[0]).toBe('link-broken  (Links and images, error by default)');
    expect(result.stdout).toContain(rule?.summary);
    expect(result.stdout).toContain(`How to fix: ${rule?.fix}`);
    expect(result.stdout).toContain('More: https://catalogue.example.test/cep-catalogue/rules/#link-broken');
  });

  it('explains a health rule as lint names it', () => {
    const result = lint(['--explain', 'health/board-at-risk']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('health/board-at-risk  (Health (tracking data), warning by default)');
    expect(result.stdout).toContain('rules/#board-at-risk');
  });

  it('rejects an unknown id with exit 2, naming it and near ids', () => {
    const result = lint(['--explain', 'link']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      'lint: no rule "link"; did you mean symlink-broken, link-broken, link-unsafe? (npm run lint -- --rules lists them all)',
    );
    expect(lint(['--explain', 'no-such-rule']).stderr.trim()).toBe('lint: no rule "no-such-rule" (npm run lint -- --rules lists them all)');
  });

  it('lists every rule once, by area', () => {
    const result = lint(['--rules']);
    expect(result.code).toBe(0);
    const listed = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(/\s+/)[0]);
    expect(listed.sort()).toEqual(rules.map((rule) => rule.id).sort());
    expect(result.stdout).toContain('Release schedules:\n');
  });
});
