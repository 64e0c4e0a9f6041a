/**
 * Reads a kubevirt/sig-release `releases/vX.Y/schedule.yaml`, tolerating how the format drifts:
 * `when` as a YAML date or a `YYYY/MM/DD` string, null milestones, markdown bold in values, and
 * freeze rows named differently from release to release.
 */
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Diagnostic } from '../cep/diagnostics.ts';
import { normaliseRelease } from '../cep/release-version.ts';
import type { LintRuleId } from '../rules/registry.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

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
  version: z.string().regex(/^v\d+\.\d+$/).describe('vX.Y'),
  events: z.array(scheduleEventSchema).describe('Every row, in date order.'),
  enhancementFreeze: isoDate.optional().describe('Enhancement Freeze: the KubeVirt alpha / proposal freeze.'),
  codeFreeze: isoDate.optional().describe('Code Freeze: the release branch is cut.'),
  releaseCandidates: z.array(isoDate).describe('Dates of release candidates rc.0, rc.1 …'),
  generalAvailability: isoDate.optional().describe('GA: the release is tagged.'),
  sourcePath: z.string().describe('Path of the schedule file relative to the releases folder.'),
});
export type Release = z.infer<typeof releaseSchema>;

const stripMarkdown = (text: string) => text.replace(/\*\*|__|`/g, '').trim();

function readDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  const match = typeof value === 'string' ? /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value.trim()) : null;
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  return Number.isNaN(Date.parse(date)) ? undefined : date;
}

const optionalText = (value: unknown) =>
  value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim();

const isKubeVirt = (event: ScheduleEvent) => /^kubevirt$/i.test(event.who);

/** Finds the key dates of a release among its rows. */
export function findKeyDates(events: readonly ScheduleEvent[]): Pick<Release, 'enhancementFreeze' | 'codeFreeze' | 'releaseCandidates' | 'generalAvailability'> {
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
export function parseSchedule(text: string, relativePath: string, displayPath = relativePath): { release?: Release; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, severity: Diagnostic['severity'], rule: LintRuleId, message: string) =>
    diagnostics.push({ file: displayPath, line, column: 1, severity, rule, message });
  const folder = relativePath.split('/').at(-2) ?? '';
  const version = normaliseRelease(folder);
  if (!version) {
    report(1, 'error', 'schedule-folder', `folder "${folder}" is not a release version; schedules live in <releases>/vX.Y/schedule.yaml`);
    return { diagnostics };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = document.errors[0];
  if (yamlError) {
    report(lineCounter.linePos(yamlError.pos[0]).line, 'error', 'schedule-yaml', `schedule is not valid YAML: ${yamlError.message.split('\n')[0]}`);
    return { diagnostics };
  }
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
    const row = item.toJS(document) as Record<string, unknown>;
    const date = readDate(row['when']);
    const what = optionalText(row['what']);
    if (!date || !what) {
      report(line, 'warning', 'schedule-row', `row skipped: ${!date ? `"when" is not a date (${JSON.stringify(row['when'])})` : '"what" is empty'}`);
      continue;
    }
    const milestone = optionalText(row['milestone']);
    const notes = optionalText(row['notes']);
    events.push({
      date,
      ...(milestone ? { milestone: stripMarkdown(milestone) } : {}),
      who: stripMarkdown(optionalText(row['who']) ?? ''),
      what: stripMarkdown(what),
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
export function currentRelease<T extends Pick<Release, 'version' | 'generalAvailability'>>(releases: readonly T[], today: string): T | undefined {
  const upcoming = releases
    .filter((release) => release.generalAvailability && release.generalAvailability >= today)
    .sort((left, right) => (left.generalAvailability ?? '').localeCompare(right.generalAvailability ?? ''));
  return upcoming[0];
}
