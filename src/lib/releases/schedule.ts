/**
 * Reads a kubevirt/sig-release `releases/vX.Y/schedule.yaml`, tolerating how the format drifts:
 * `when` as a YAML date or a `YYYY/MM/DD` string, null milestones, markdown bold in values, and
 * freeze rows named differently from release to release.
 */
import { isCollection, isMap, isSeq } from 'yaml';
import { z } from 'zod';
import type { Diagnostic } from '../cep/diagnostics.ts';
import { readYaml } from '../cep/parse/yaml.ts';
import { isCalendarDate, normaliseRelease, readCalendarDate } from '../cep/vocabulary.ts';
import { markdownLine } from '../markdown/reader.ts';
import type { LintRuleId } from '../rules/registry.ts';

const isoDate = z.string().refine(isCalendarDate, { error: 'must be a real calendar day written "YYYY-MM-DD"' });

/** One row of a schedule. */
export const scheduleEventSchema = z.object({
  date: isoDate.describe('YYYY-MM-DD'),
  milestone: z.string().optional().describe('Milestone name with markdown removed, e.g. "KubeVirt Code Freeze".'),
  who: z.string().describe('Who acts: KubeVirt, KubeVirt CI, Kubernetes, CDI …'),
  what: z.string().describe('What happens, plain text.'),
  notes: z.string().optional().describe('Notes, as markdown.'),
});
export type ScheduleEvent = z.infer<typeof scheduleEventSchema>;

/** A release and its key dates. */
export const releaseSchema = z.object({
  version: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .describe('vX.Y'),
  events: z.array(scheduleEventSchema).describe('Every row, in date order.'),
  enhancementFreeze: isoDate.optional().describe('Enhancement Freeze: the KubeVirt alpha / proposal freeze.'),
  codeFreeze: isoDate.optional().describe('Code Freeze: the release branch is cut.'),
  releaseCandidates: z.array(isoDate).describe('Dates of release candidates rc.0, rc.1 …'),
  generalAvailability: isoDate.optional().describe('GA: the release is tagged.'),
  sourcePath: z.string().describe('Path of the schedule file relative to the releases folder.'),
});
export type Release = z.infer<typeof releaseSchema>;

/** A cell's text as a reader sees it: markdown (bold, code, links) read by the one markdown reader. */
const plainCell = (text: string) => markdownLine(text);

function readDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return typeof value === 'string' ? readCalendarDate(value) : undefined;
}

// Written like a date, whether or not it is a day of the calendar ("2027/02/30").
const dateShapePattern = /^\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}\s*$/;

const optionalText = (value: unknown) =>
  value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim();

/** The cells a row is read from; each must be text (a scalar), never a mapping or a list. */
const cellNames = ['when', 'milestone', 'who', 'what', 'notes'] as const;

const isKubeVirt = (event: ScheduleEvent) => /^kubevirt$/i.test(event.who);

/** Finds the key dates of a release among its rows. */
export function findKeyDates(
  events: readonly ScheduleEvent[],
): Pick<Release, 'enhancementFreeze' | 'codeFreeze' | 'releaseCandidates' | 'generalAvailability'> {
  const first = (predicate: (event: ScheduleEvent) => boolean) => events.find(predicate)?.date;
  const enhancementFreeze =
    first((event) => /enhancement proposal.*freeze|\b[A-Z]EP freeze|enhancement freeze/i.test(`${event.what} ${event.milestone ?? ''}`)) ??
    first((event) => isKubeVirt(event) && /alpha/i.test(event.milestone ?? ''));
  const codeFreeze =
    first((event) => /code freeze|feature freeze/i.test(event.milestone ?? '')) ??
    first((event) => isKubeVirt(event) && /^branch release-/i.test(event.what));
  const releaseCandidates = [
    ...new Set(events.filter((event) => isKubeVirt(event) && /-rc\.\d+/i.test(event.what)).map((event) => event.date)),
  ];
  const generalAvailability =
    first((event) => isKubeVirt(event) && /\bGA\b/.test(event.milestone ?? '')) ??
    first((event) => isKubeVirt(event) && /^tag v\d+\.\d+\.0 /i.test(event.what));
  return {
    ...(enhancementFreeze ? { enhancementFreeze } : {}),
    ...(codeFreeze ? { codeFreeze } : {}),
    releaseCandidates,
    ...(generalAvailability ? { generalAvailability } : {}),
  };
}

/**
 * Parses one schedule file. `relativePath` is like `v1.10/schedule.yaml`; its folder names the release.
 * Returns the release (absent when the file cannot be read at all) and findings.
 */
export function parseSchedule(
  text: string,
  relativePath: string,
  displayPath = relativePath,
): { release?: Release; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, severity: Diagnostic['severity'], rule: LintRuleId, message: string) =>
    diagnostics.push({ file: displayPath, line, column: 1, severity, rule, message });
  const folder = relativePath.split('/').at(-2) ?? '';
  const version = normaliseRelease(folder);
  if (!version) {
    report(1, 'error', 'schedule-folder', `folder "${folder}" is not a release version; schedules live in <releases>/vX.Y/schedule.yaml`);
    return { diagnostics };
  }
  const reading = readYaml(text);
  if (reading.problem) {
    report(reading.problem.line, 'error', 'schedule-yaml', `schedule is not valid YAML: ${reading.problem.message}`);
    return { diagnostics };
  }
  const { document, lineCounter } = reading;
  if (!isSeq(document.contents)) {
    report(1, 'error', 'schedule-yaml', 'schedule must be a YAML list of rows (- when: … who: … what: …)');
    return { diagnostics };
  }
  const events: ScheduleEvent[] = [];
  for (const item of document.contents.items) {
    const line = lineCounter.linePos(item.range?.[0] ?? 0).line;
    if (!isMap(item)) {
      report(line, 'warning', 'schedule-row', 'row is not a mapping; skipped');
      continue;
    }
    const nonText = cellNames.flatMap((name) => {
      const cell = item.get(name, true);
      return isCollection(cell)
        ? [{ name, line: lineCounter.linePos(cell.range?.[0] ?? 0).line, shape: isMap(cell) ? 'a mapping' : 'a list' }]
        : [];
    });
    for (const cell of nonText) {
      report(
        cell.line,
        'error',
        'schedule-cell',
        `"${cell.name}" is ${cell.shape}, not text; write it on one line (quote it if it holds ": " or starts with "[" or "{")`,
      );
    }
    if (nonText.length > 0) continue;
    const row = item.toJS(document) as Record<string, unknown>;
    const date = readDate(row['when']);
    const what = optionalText(row['what']);
    if (!date && typeof row['when'] === 'string' && dateShapePattern.test(row['when'])) {
      report(
        line,
        'error',
        'schedule-date',
        `"when" is not a day of the calendar (${JSON.stringify(row['when'])}); check the month and the day`,
      );
      continue;
    }
    if (!date || !what) {
      report(
        line,
        'warning',
        'schedule-row',
        `row skipped: ${!date ? `"when" is not a date (${JSON.stringify(row['when'])})` : '"what" is empty'}`,
      );
      continue;
    }
    const milestone = optionalText(row['milestone']);
    const notes = optionalText(row['notes']);
    events.push({
      date,
      ...(milestone ? { milestone: plainCell(milestone) } : {}),
      who: plainCell(optionalText(row['who']) ?? ''),
      what: plainCell(what),
      ...(notes ? { notes } : {}),
    });
  }
  events.sort((left, right) => left.date.localeCompare(right.date));
  const keyDates = findKeyDates(events);
  for (const [name, value] of [
    ['Enhancement Freeze', keyDates.enhancementFreeze],
    ['Code Freeze', keyDates.codeFreeze],
    ['GA', keyDates.generalAvailability],
  ] as const) {
    if (!value) report(1, 'warning', 'schedule-key-date', `no ${name} row found in the schedule of ${version}`);
  }
  return { release: { version, events, ...keyDates, sourcePath: relativePath }, diagnostics };
}

/** The release whose cycle contains `today`: the first whose GA is on or after today. */
export function currentRelease<T extends Pick<Release, 'version' | 'generalAvailability'>>(
  releases: readonly T[],
  today: string,
): T | undefined {
  const upcoming = releases
    .filter((release) => release.generalAvailability && release.generalAvailability >= today)
    .sort((left, right) => (left.generalAvailability ?? '').localeCompare(right.generalAvailability ?? ''));
  return upcoming[0];
}
