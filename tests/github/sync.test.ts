/**
 * The sync CLI: usage, token requirement, issue-number sources, output format, strict mode.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/lib/github/snapshot-file.ts';
import { main, parseIssueNumberList } from '../../scripts/sync.ts';
import type { FakeGitHub } from '../../tools/github/fake-github.ts';
import { startFakeGitHub } from '../../tools/github/fake-github.ts';
import { sampleTrackingData } from './fixtures/sample-tracking.ts';
import { FAST_CLIENT, SECRET_TOKEN } from './helpers.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');

let fake: FakeGitHub;
let root: string;
let output: { stdout: string; stderr: string };

beforeEach(async () => {
  fake = await startFakeGitHub(sampleTrackingData());
  root = await mkdtemp(path.join(tmpdir(), 'tracking-sync-'));
  output = { stdout: '', stderr: '' };
});

afterEach(async () => {
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

function run(
  argv: string[],
  env: Record<string, string> = fake.env({ GITHUB_TOKEN: SECRET_TOKEN }),
  extra: Parameters<typeof main>[1] = {},
) {
  return main(argv, {
    env,
    root,
    now: new Date('2026-11-30T06:00:00Z'),
    clientOptions: FAST_CLIENT,
    stdout: (text) => {
      output.stdout += text;
    },
    stderr: (text) => {
      output.stderr += text;
    },
    ...extra,
  });
}

describe('sync CLI', () => {
  it('prints usage with --help (also as a real process)', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(output.stdout).toMatch(/^Usage: node scripts\/sync\.ts/);
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/sync.ts', '--help'], { cwd: repositoryRoot });
    expect(stdout).toContain('--issues LIST');
  });

  it('explains that GITHUB_TOKEN is needed', async () => {
    expect(await run(['--issues', '4101'], fake.env())).toBe(2);
    expect(output.stderr).toMatch(/GITHUB_TOKEN is not set/);
    expect(fake.requestCount).toBe(0);
  });

  it('rejects unknown options and bad numbers', async () => {
    expect(await run(['--bogus'])).toBe(2);
    expect(output.stderr).toMatch(/Unknown option '--bogus'/);
    expect(await run(['--issues', '41o1'])).toBe(2);
    expect(output.stderr).toMatch(/"41o1" is not an issue number/);
  });

  it('writes a sorted, pretty snapshot for --issues', async () => {
    expect(await run(['--issues', '4233,4101', '--issues', '4402'])).toBe(0);
    const text = await readFile(path.join(root, 'content/tracking.snapshot.json'), 'utf8');
    const snapshot = parseSnapshot(text);
    expect(Object.keys(snapshot.issues)).toEqual(['4101', '4233', '4402']);
    expect(snapshot.generatedAt).toBe('2026-11-30T06:00:00Z');
    expect(text).toContain('\n  "generatedAt": "2026-11-30T06:00:00Z",\n');
    expect(output.stdout).toContain(
      'sync: wrote content/tracking.snapshot.json: 3 issue(s) of kubevirt/project-infra, 3 fetched (cold) in 1 request(s), 0 problem(s).',
    );
  });

  it('reads numbers from a file, from arguments, from a discovery function, or from the snapshot', async () => {
    await writeFile(
      path.join(root, 'issues.txt'),
      '# tracking issues\n4101\n#4233, https://github.com/kubevirt/project-infra/issues/4402\n',
    );
    expect(await run(['--issues-file', 'issues.txt', '--out', 'a.json'])).toBe(0);
    expect(Object.keys(parseSnapshot(await readFile(path.join(root, 'a.json'), 'utf8')).issues)).toEqual(['4101', '4233', '4402']);

    expect(await run(['4315', '#4350', '--out', 'b.json'])).toBe(0);
    expect(Object.keys(parseSnapshot(await readFile(path.join(root, 'b.json'), 'utf8')).issues)).toEqual(['4315', '4350']);

    expect(await run(['--out', 'c.json'], undefined, { discoverIssueNumbers: async () => [4460] })).toBe(0);
    expect(Object.keys(parseSnapshot(await readFile(path.join(root, 'c.json'), 'utf8')).issues)).toEqual(['4460']);

    // Without any source, the numbers already in the snapshot are refreshed (warm: 1 request).
    fake.resetCounters();
    expect(await run(['--out', 'a.json'])).toBe(0);
    expect(fake.requestCount).toBe(1);
    expect(output.stdout).toMatch(/a\.json: 3 issue\(s\) of kubevirt\/project-infra, 0 fetched \(warm\) in 1 request\(s\)/);
  });

  it('complains when there is nothing to sync', async () => {
    expect(await run([])).toBe(2);
    expect(output.stderr).toMatch(/no issue numbers to sync/);
  });

  it('in strict mode exits 1 and keeps the old file when issues could not be refreshed', async () => {
    expect(await run(['--issues', '4101'])).toBe(0);
    const before = await readFile(path.join(root, 'content/tracking.snapshot.json'), 'utf8');
    fake.fail({ type: 'echo-authorization', status: 500 }, Infinity);
    expect(await run(['--issues', '4101,4233', '--strict', '--full'])).toBe(1);
    expect(await readFile(path.join(root, 'content/tracking.snapshot.json'), 'utf8')).toBe(before);
    expect(output.stderr).toMatch(/strict mode: 2 problem\(s\); .* was not written/);
    expect(output.stderr).toContain(
      '#4101: HTTP 500: Upstream rejected the request with Authorization: token [REDACTED]; showing the state from 2026-11-30T06:00:00Z',
    );
    expect(`${output.stdout}${output.stderr}`).not.toContain(SECRET_TOKEN);
  });

  it('during a total outage fails and keeps the old snapshot, its time unchanged', async () => {
    expect(await run(['--issues', '4101,4233'])).toBe(0);
    const file = path.join(root, 'content/tracking.snapshot.json');
    const before = await readFile(file, 'utf8');
    fake.fail({ type: 'status', status: 502 }, Infinity);
    const later = { now: new Date('2026-12-01T06:00:00Z') };
    output = { stdout: '', stderr: '' };
    expect(await run(['--issues', '4101,4233'], undefined, later)).toBe(1);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(parseSnapshot(before).generatedAt).toBe('2026-11-30T06:00:00Z');
    expect(output.stderr).toContain(
      'sync: nothing could be fetched from GitHub (2 problem(s)); kept content/tracking.snapshot.json as it was (tracking state as of 2026-11-30T06:00:00Z).',
    );
    expect(output.stdout).not.toMatch(/sync: wrote/);
  });

  it('during a total outage without an earlier snapshot writes nothing and fails', async () => {
    fake.fail({ type: 'status', status: 502 }, Infinity);
    expect(await run(['--issues', '4101'])).toBe(1);
    await expect(readFile(path.join(root, 'content/tracking.snapshot.json'), 'utf8')).rejects.toThrow(/ENOENT/);
    expect(output.stderr).toContain(
      'sync: nothing could be fetched from GitHub (1 problem(s)); content/tracking.snapshot.json was not written.',
    );
  });

  it('without strict mode writes what it has and reports problems', async () => {
    expect(await run(['--issues', '4101,9999'])).toBe(0);
    expect(output.stderr).toMatch(/#9999: GitHub reports no issue #9999 in kubevirt\/project-infra/);
    const snapshot = parseSnapshot(await readFile(path.join(root, 'content/tracking.snapshot.json'), 'utf8'));
    expect(snapshot.issues['9999']?.found).toBe(false);
  });
});

describe('parseIssueNumberList', () => {
  it('accepts numbers, #numbers and issue URLs, with comments', () => {
    expect(parseIssueNumberList('4101, #4233\nhttps://github.com/kubevirt/project-infra/issues/4402/\n# comment 1234\n')).toEqual([
      4101, 4233, 4402,
    ]);
    expect(() => parseIssueNumberList('0')).toThrow(/not an issue number/);
    expect(() => parseIssueNumberList('https://github.com/kubevirt/project-infra/pull/1')).toThrow(/not an issue number/);
  });
});
