import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build.ts';
import { filledSections, writeTree } from './helpers.ts';

function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', script), ...args], {
    cwd: projectRoot,
    env: { ...process.env, GITHUB_ACTIONS: '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const goodCep = `---\ntitle: Arm lanes\ncep-number: 4101\nstatus: implementable\n---\n\n# CEP #4101: Arm lanes\n\n${filledSections()}\n`;

describe('npm run lint', () => {
  it('passes the shipped sample content', () => {
    const result = run('lint.ts', ['--no-health']);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('0 errors, 0 warnings in 14 documents');
    expect(result.code).toBe(0);
  });

  it('adds the health findings of the tracking snapshot as warnings, which never fail the lint', () => {
    const result = run('lint.ts', [], { CATALOGUE_TODAY: '2026-12-01', TRACKING_CACHE_DIR: path.join(projectRoot, 'tests/no-such-cache') });
    expect(result.stdout).toContain(
      'content/ceps/4101-arm64-e2e-lanes/cep.md:1:1  warning  tracking issue kubevirt/project-infra#4101 lacks the "sig/ci" label (health/sig-label-missing)',
    );
    expect(result.stdout).toContain(
      'content/ceps/4101-arm64-e2e-lanes/cep.md:1:1  warning  the project board marks it "At risk" (health/board-at-risk)',
    );
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^0 errors, \d+ warnings in 14 documents$/);
    expect(result.code).toBe(0);
  });

  it('prints path:line:column  severity  message (rule) and exits 1 on errors', () => {
    const root = writeTree({ '4101-arm/cep.md': goodCep.replace('status: implementable', 'status: accepted'), '4102-b/cep.md': '' });
    const result = run('lint.ts', ['--content-dir', root, '--releases-dir', path.join(root, 'none'), '--no-health']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\/.*\/4101-arm\/cep\.md:4:1  error  status: "accepted" is not one of .* \(front-matter-schema\)$/);
    expect(lines[1]).toMatch(/\/4102-b\/cep\.md:1:1  error  file is empty; start from the template \(npm run new\) \(empty-file\)$/);
    expect(lines.at(-1)).toBe('2 errors, 0 warnings in 2 documents');
  });

  it('exits 0 when there are only warnings', () => {
    const root = writeTree({ '4101-arm/cep.md': goodCep.replace('status: implementable\n', '') });
    const result = run('lint.ts', ['--content-dir', root]);
    expect(result.stdout).toContain('warning  front matter has no "status"');
    expect(result.code).toBe(0);
  });

  it('--format json gives the findings as data', () => {
    const root = writeTree({ '4101-arm/cep.md': '# CEP #4101: x\n' });
    const result = run('lint.ts', ['--content-dir', root, '--format', 'json', '--no-health']);
    const report = JSON.parse(result.stdout) as { documents: number; errors: number; diagnostics: { rule: string; line: number }[] };
    expect(report.documents).toBe(1);
    expect(report.errors).toBe(5);
    expect(report.diagnostics.map((diagnostic) => diagnostic.rule)).toEqual(Array(5).fill('section-missing'));
  });

  it('under GitHub Actions also prints ::error annotations on the file and line', () => {
    const root = writeTree({ '4101-arm/cep.md': goodCep.replace('cep-number: 4101', 'cep-number: four') });
    const result = run('lint.ts', ['--content-dir', root], { GITHUB_ACTIONS: 'true' });
    expect(result.stdout).toMatch(/^::error file=.*\/4101-arm\/cep\.md,line=3,col=1,title=front-matter-schema::cep-number: .*"four".*$/m);
  });

  it('refuses a bad option with the usage, and prints --help', () => {
    const bad = run('lint.ts', ['--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('lint: --format must be "text" or "json", not "xml"\n');
    const help = run('lint.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run lint -- \[options\]/);
  });
});

describe('npm run new', () => {
  it('creates the folder from the template, which then lints with only the unfilled sections as errors', () => {
    const root = writeTree({});
    const created = run('new.ts', ['--issue', '4512', '--title', 'Faster presubmit lanes', '--author', 'mara-ci'], {
      CEP_CONTENT_DIR: root,
      CATALOGUE_TODAY: '2026-12-01',
    });
    expect(created.code).toBe(0);
    const text = readFileSync(path.join(root, '4512-faster-presubmit-lanes/cep.md'), 'utf8');
    expect(text).toContain('# CEP #4512: Faster presubmit lanes');
    expect(text).toContain('creation-date: 2026-12-01');
    expect(text).toContain('  - "@mara-ci"');
    for (const section of ['Overview', 'Motivation', 'Goals', 'Non Goals', 'Design', 'Graduation Requirements', 'Implementation History']) {
      expect(text).toContain(`## ${section}\n`);
    }
    const lint = run('lint.ts', ['--content-dir', root, '--format', 'json', '--no-health']);
    const rules = (JSON.parse(lint.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((diagnostic) => diagnostic.rule);
    expect(rules).toEqual(Array(5).fill('section-empty'));
  });

  it('refuses to overwrite, or to reuse a number', () => {
    const root = writeTree({ '4512-existing/cep.md': goodCep });
    const again = run('new.ts', ['--issue', '4512', '--title', 'Something else'], { CEP_CONTENT_DIR: root });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^new: CEP 4512 already exists: .*4512-existing; nothing written\n$/);
    expect(readFileSync(path.join(root, '4512-existing/cep.md'), 'utf8')).toBe(goodCep);
  });

  it('for VEPs, creates <sig>/<number>-<slug>/vep.md owned by that SIG, and needs --sig', () => {
    const root = writeTree({});
    const env = { CEP_CONTENT_DIR: root, CATALOGUE_KIND: 'vep' };
    expect(run('new.ts', ['--issue', '500', '--title', 'GPU lanes'], env).stderr).toBe(
      'new: --sig is required for VEPs, e.g. --sig sig-compute\n',
    );
    expect(run('new.ts', ['--issue', '500', '--title', 'GPU lanes', '--sig', 'sig-compute'], env).code).toBe(0);
    const text = readFileSync(path.join(root, 'sig-compute/500-gpu-lanes/vep.md'), 'utf8');
    expect(text).toContain('# VEP #500: GPU lanes');
    expect(text).toContain('vep-number: 500');
    expect(text).toContain('owning-sig: sig-compute');
    expect(run('new.ts', ['--issue', '500', '--title', 'Again', '--sig', 'sig-network'], env).stderr).toMatch(
      /^new: VEP 500 already exists: .*sig-compute\/500-gpu-lanes; nothing written\n$/,
    );
  });

  it('explains a missing or malformed --issue', () => {
    const result = run('new.ts', ['--issue', 'abc', '--title', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--issue must be the tracking issue\'s number, e.g. --issue 4512 (got "abc")');
  });
});
