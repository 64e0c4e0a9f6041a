/**
 * content/tracking.snapshot.json must be exactly what the fixture produces through the real sync
 * code and fake GitHub (regenerate with `node_modules/.bin/node tests/github/fixtures/sample-tracking.ts`),
 * and must keep the deliberate findings the health checks are tested against.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/lib/github/snapshot-file.ts';
import { SAMPLE_GENERATED_AT, SAMPLE_ISSUE_NUMBERS, generateSampleSnapshot } from './fixtures/sample-tracking.ts';

const committedPath = path.resolve(import.meta.dirname, '../../content/tracking.snapshot.json');

describe('committed tracking snapshot', () => {
  it('is up to date with the fixture', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'tracking-sample-'));
    try {
      const regenerated = path.join(directory, 'snapshot.json');
      const { code, output } = await generateSampleSnapshot(regenerated);
      expect(output).toContain('0 problem(s)');
      expect(code).toBe(0);
      expect(await readFile(committedPath, 'utf8')).toBe(await readFile(regenerated, 'utf8'));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('covers the sample CEPs with the intended variety', async () => {
    const snapshot = parseSnapshot(await readFile(committedPath, 'utf8'));
    expect(snapshot.generatedAt).toBe(SAMPLE_GENERATED_AT);
    expect(Object.keys(snapshot.issues).map(Number)).toEqual([...SAMPLE_ISSUE_NUMBERS]);
    const issue = (issueNumber: number) => {
      const state = snapshot.issues[String(issueNumber)];
      if (state === undefined) throw new Error(`snapshot lacks #${issueNumber}`);
      return state;
    };
    const labels = (issueNumber: number) => issue(issueNumber).labels.map((label) => label.name);
    const status = (issueNumber: number) => issue(issueNumber).projectItems[0]?.status;
    const prStates = (issueNumber: number) =>
      issue(issueNumber)
        .pullRequests.map((pullRequest) => pullRequest.state + (pullRequest.draft ? ' draft' : ''))
        .sort();

    for (const closedCompleted of [3912, 3987, 4233, 4377])
      expect(issue(closedCompleted)).toMatchObject({ state: 'closed', stateReason: 'completed' });
    for (const notPlanned of [4035, 4150, 4188]) expect(issue(notPlanned)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    for (const open of [4101, 4290, 4315, 4350, 4402, 4421, 4460]) expect(issue(open).state).toBe('open');

    expect(labels(4101)).not.toContain('sig/ci');
    expect(issue(4101).targetLabels).toEqual(['v1.10']);
    expect(status(4101)).toBe('At risk');
    expect(prStates(4101)).toEqual(['merged', 'open']);
    expect(issue(4101).checkIns[0]?.createdAt).toBe('2026-11-10T14:20:00Z');

    expect(labels(4402)).toContain('sig/ci');
    expect(status(4402)).toBe('Tracked');
    expect(issue(4402).checkIns[0]?.createdAt).toBe('2026-11-27T15:31:00Z');
    expect(prStates(4402)).toEqual(['merged', 'open draft']);

    expect(issue(4233).targetLabels).toEqual(['v1.9']);
    expect(issue(4315).checkIns).toEqual([]);
    expect(issue(4315).targetLabels).toEqual(['v1.10']);

    expect(status(4350)).toBe('Tracked');
    expect(issue(4350).checkIns[0]?.createdAt).toBe('2026-11-26T16:00:00Z');
    expect(prStates(4350)).toEqual(['merged', 'merged', 'open']);

    expect(issue(4421).milestone?.title).toBe('v1.10');
    expect(labels(4460)).toContain('sig/ci');
    expect(status(4460)).toBe('Tracked');
    for (const state of Object.values(snapshot.issues)) {
      expect(state.found).toBe(true);
      expect(state.stale).toBeUndefined();
    }
  });
});
