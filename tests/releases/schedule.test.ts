import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentRelease, parseSchedule } from '../../src/lib/releases/schedule.ts';

const referenceSchedule = (version: string) =>
  readFileSync(new URL(`../fixtures/reference/sig-release/${version}/schedule.yaml`, import.meta.url), 'utf8');

describe('sig-release schedule files', () => {
  it('v1.5: YAML dates, "Feature Freeze" row, unquoted milestone names', () => {
    const { release, diagnostics } = parseSchedule(referenceSchedule('v1.5'), 'v1.5/schedule.yaml');
    expect(diagnostics).toEqual([]);
    expect(release).toMatchObject({
      version: 'v1.5',
      enhancementFreeze: '2024-12-18',
      codeFreeze: '2025-02-12',
      releaseCandidates: ['2025-02-19', '2025-02-26'],
      generalAvailability: '2025-03-05',
    });
  });

  it('v1.8: YYYY/MM/DD strings, null milestones, markdown bold, a "VEP Freeze" row', () => {
    const { release, diagnostics } = parseSchedule(referenceSchedule('v1.8'), 'v1.8/schedule.yaml');
    expect(diagnostics).toEqual([]);
    expect(release).toMatchObject({
      version: 'v1.8',
      enhancementFreeze: '2026-01-07',
      codeFreeze: '2026-02-25',
      releaseCandidates: ['2026-02-25', '2026-03-11'],
      generalAvailability: '2026-03-25',
    });
    const ga = release?.events.find((event) => event.date === '2026-03-25' && event.who === 'KubeVirt');
    expect(ga?.milestone).toBe('KubeVirt GA');
    expect(release?.events.find((event) => event.what === 'Tag 1.35.0-beta.0')?.milestone).toBeUndefined();
  });

  it('v1.9: rows are kept in date order with their notes', () => {
    const { release } = parseSchedule(referenceSchedule('v1.9'), 'v1.9/schedule.yaml');
    const dates = release?.events.map((event) => event.date) ?? [];
    expect(dates).toEqual([...dates].sort());
    expect(release?.codeFreeze).toBe('2026-06-24');
    expect(release?.events.find((event) => event.what.startsWith('Mandatory pre-submit'))?.notes).toMatch(/lane migration process/);
  });

  it('skips a row without a date and says which line, keeping the rest', () => {
    const text = '- when: soon\n  who: KubeVirt\n  what: Tag v9.9.0\n- when: 2030/01/02\n  milestone: KubeVirt Code Freeze\n  who: KubeVirt\n  what: Branch release-9.9\n';
    const { release, diagnostics } = parseSchedule(text, 'v9.9/schedule.yaml', 'content/releases/v9.9/schedule.yaml');
    expect(release?.codeFreeze).toBe('2030-01-02');
    expect(diagnostics[0]).toMatchObject({ file: 'content/releases/v9.9/schedule.yaml', line: 1, severity: 'warning', rule: 'schedule-row' });
    expect(diagnostics[0]?.message).toBe('row skipped: "when" is not a date ("soon")');
  });

  it('reports unparsable YAML and a folder that is not a version as errors', () => {
    expect(parseSchedule('- when: [', 'v1.9/schedule.yaml').diagnostics[0]).toMatchObject({ severity: 'error', rule: 'schedule-yaml' });
    expect(parseSchedule('when: x', 'v1.9/schedule.yaml').diagnostics[0]?.message).toMatch(/must be a YAML list/);
    expect(parseSchedule('[]', 'next/schedule.yaml').diagnostics[0]).toMatchObject({ severity: 'error', rule: 'schedule-folder' });
  });

  it('knows which release is in progress on a given day', () => {
    const releases = [
      { version: 'v1.8', generalAvailability: '2026-03-25' },
      { version: 'v1.9', generalAvailability: '2026-07-22' },
      { version: 'v1.10', generalAvailability: '2027-01-20' },
    ];
    expect(currentRelease(releases, '2026-05-01')?.version).toBe('v1.9');
    expect(currentRelease(releases, '2026-07-22')?.version).toBe('v1.9');
    expect(currentRelease(releases, '2026-12-01')?.version).toBe('v1.10');
    expect(currentRelease(releases, '2027-02-01')).toBeUndefined();
  });
});
