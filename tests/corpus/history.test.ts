// Dates from git for proposals that do not state them, read with one `git log` for the whole
// content folder, whatever the number of proposals and commits.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import { readContentHistory } from '../../src/lib/cep/history.ts';
import { filledSections } from '../cep/helpers.ts';
import { document } from '../support/git-fixture.ts';

const template = (number: number, title: string) => `# CEP #${number}: ${title}\n\n${filledSections()}\n`;

function commit(root: string, message: string, date: string) {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync('git', ['add', '-A'], { cwd: root, env });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', message], { cwd: root, env });
}

/** A repository whose content folder is `docs/ci-enhancements`, as in kubevirt/project-infra. */
function repository() {
  const root = mkdtempSync(path.join(tmpdir(), 'cep-git-'));
  execFileSync('git', ['init', '-q'], { cwd: root });
  const content = path.join(root, 'docs/ci-enhancements');
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(content, file)), { recursive: true });
    writeFileSync(path.join(content, file), text);
  };
  write('4101-lanes/cep.md', template(4101, 'Lanes'));
  write('../../README.md', 'repo\n');
  commit(root, 'propose lanes', '2025-03-01T10:00:00Z');
  write('4102-cache/cep.md', template(4102, 'Cache'));
  commit(root, 'propose cache', '2025-04-01T10:00:00Z');
  write('4101-lanes/diagram.svg', '<svg/>');
  commit(root, 'a diagram for lanes', '2025-05-01T10:00:00Z');
  renameSync(path.join(content, '4101-lanes'), path.join(content, '4101-arm-lanes'));
  commit(root, 'rename lanes', '2025-06-01T10:00:00Z');
  write('../../README.md', 'repo, edited\n');
  write('4102-cache/cep.md', `${template(4102, 'Cache')}\nMore.\n`);
  commit(root, 'edit cache and the readme', '2025-07-01T10:00:00Z');
  return { root, content, write };
}

const originalPath = process.env['PATH'];
afterEach(() => {
  process.env['PATH'] = originalPath;
});

/** Puts a `git` first on PATH that logs each call, then runs the real one. */
function countGitCalls(): () => string[] {
  const bin = mkdtempSync(path.join(tmpdir(), 'cep-git-shim-'));
  const log = path.join(bin, 'calls.log');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  process.env['PATH'] = `${bin}${path.delimiter}${originalPath ?? ''}`;
  return () => readFileSync(log, 'utf8').trim().split('\n');
}

describe('dates from git', () => {
  it('created and updated from the commits that touched the folder, following its rename', async () => {
    const { content } = repository();
    const history = await readContentHistory(content, ['4101-arm-lanes/cep.md', '4102-cache/cep.md'], catalogueKinds.cep);
    expect(history.unavailable).toBeUndefined();
    expect(history.dates.get('4101-arm-lanes/cep.md')).toEqual({
      created: '2025-03-01',
      updated: '2025-06-01',
      commit: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    // The README outside the content folder changed later: it does not count.
    expect(history.dates.get('4102-cache/cep.md')).toMatchObject({ created: '2025-04-01', updated: '2025-07-01' });
  });

  it('one git log for the whole folder, not a command per proposal or commit', async () => {
    const { root, content, write } = repository();
    for (let number = 4200; number < 4230; number += 1) write(`${number}-p/cep.md`, document('v1.9', 'v1.10'));
    commit(root, 'thirty proposals', '2025-08-01T10:00:00Z');
    for (let number = 4200; number < 4230; number += 1) write(`${number}-p/cep.md`, document('v1.9', 'v1.11'));
    commit(root, 'all slip', '2025-09-01T10:00:00Z');
    const calls = countGitCalls();
    const files = Array.from({ length: 30 }, (_, index) => `${4200 + index}-p/cep.md`);
    const history = await readContentHistory(content, files, catalogueKinds.cep);
    expect(history.retargeting.get('4215-p/cep.md')?.map(({ from, to }) => [from, to])).toEqual([['v1.10', 'v1.11']]);
    expect(history.dates.get('4215-p/cep.md')).toMatchObject({ created: '2025-08-01', updated: '2025-09-01' });
    expect(calls().map((call) => /\b(rev-parse|log|cat-file|show)\b/.exec(call)?.[1])).toEqual(['rev-parse', 'log', 'cat-file']);
  });

  it('a shallow clone gives no dates rather than wrong ones, and says so', async () => {
    const { root } = repository();
    const clone = mkdtempSync(path.join(tmpdir(), 'cep-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${root}`, clone]);
    const history = await readContentHistory(path.join(clone, 'docs/ci-enhancements'), ['4102-cache/cep.md'], catalogueKinds.cep);
    expect(history.dates.size).toBe(0);
    expect(history.unavailable).toContain('shallow');
  });
});
