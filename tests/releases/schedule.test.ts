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
    const text =
      '- when: soon\n  who: KubeVirt\n  what: Tag v9.9.0\n- when: 2030/01/02\n  milestone: KubeVirt Code Freeze\n  who: KubeVirt\n  what: Branch release-9.9\n';
    const { release, diagnostics } = parseSchedule(text, 'v9.9/schedule.yaml', 'content/releases/v9.9/schedule.yaml');
    expect(release?.codeFreeze).toBe('2030-01-02');
    expect(diagnostics[0]).toMatchObject({
      file: 'content/releases/v9.9/schedule.yaml',
      line: 1,
      severity: 'warning',
      rule: 'schedule-row',
    });
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

describe('schedule cells and dates are read as written, or reported', () => {
  const row = (cells: string) => `- when: 2030/01/02\n  who: KubeVirt\n  what: Branch release-9.9\n${cells}`;

  it('an impossible date is an error on its row, not a date shown', () => {
    const { release, diagnostics } = parseSchedule(
      '- when: 2027/02/30\n  who: KubeVirt\n  what: Tag v9.9.0\n' + row(''),
      'v9.9/schedule.yaml',
    );
    expect(release?.events.map((event) => event.date)).toEqual(['2030-01-02']);
    expect(diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([
      {
        file: 'v9.9/schedule.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'schedule-date',
        message: '"when" is not a day of the calendar ("2027/02/30"); check the month and the day',
      },
    ]);
  });

  it('a cell that is a mapping or a list is an error naming the cell and its line, never "[object Object]"', () => {
    const { release, diagnostics } = parseSchedule(
      '- when: 2030/01/01\n  who: KubeVirt\n  what:\n    tag: v9.9.0\n- when: 2030/01/03\n  who: [KubeVirt, CDI]\n  what: Tag\n',
      'v9.9/schedule.yaml',
    );
    expect(release?.events).toEqual([]);
    expect(
      diagnostics
        .filter((diagnostic) => diagnostic.rule === 'schedule-cell')
        .map((diagnostic) => `${diagnostic.line}: ${diagnostic.message}`),
    ).toEqual([
      '4: "what" is a mapping, not text; write it on one line (quote it if it holds ": " or starts with "[" or "{")',
      '6: "who" is a list, not text; write it on one line (quote it if it holds ": " or starts with "[" or "{")',
    ]);
  });

  it('markdown in a cell is read by the markdown reader: bold, code and links become their text', () => {
    const { release } = parseSchedule(
      '- when: 2030/01/02\n  milestone: "**KubeVirt Code Freeze**"\n  who: KubeVirt\n  what: "Branch `release-9.9` per [the process](https://example.org)"\n',
      'v9.9/schedule.yaml',
    );
    expect(release?.events[0]).toMatchObject({ milestone: 'KubeVirt Code Freeze', what: 'Branch release-9.9 per the process' });
  });

  it('an alias bomb is refused with the limit named; custom tags and __proto__ keys are errors on their line', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 6 },
        (_, index) =>
          `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + index)}`)
            .join(', ')}]`,
      ),
      'rows: *g',
    ].join('\n');
    expect(parseSchedule(bomb, 'v9.9/schedule.yaml').diagnostics[0]?.message).toMatch(
      /aliases expand to more than 100 nodes \(the limit against alias bombs\)/,
    );
    const tagged = parseSchedule('- when: 2030/01/02\n  who: !!js/function "function () {}"\n  what: x\n', 'v9.9/schedule.yaml')
      .diagnostics[0];
    expect(tagged).toMatchObject({ line: 2, severity: 'error', rule: 'schedule-yaml' });
    expect(tagged?.message).toMatch(/Unresolved tag: tag:yaml.org,2002:js\/function/);
    const proto = parseSchedule('- when: 2030/01/02\n  __proto__: { polluted: true }\n  what: x\n', 'v9.9/schedule.yaml').diagnostics[0];
    expect(proto).toMatchObject({ line: 2, severity: 'error', rule: 'schedule-yaml' });
    expect(proto?.message).toMatch(/"__proto__" is not allowed/);
  });
});
