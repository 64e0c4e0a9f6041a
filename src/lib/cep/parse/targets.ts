/**
 * Which releases a proposal targets: the template's "This CEP targets <stage> for version: vX.Y"
 * lines, "- Alpha: v1.9" lines in a "Target releases" block, stage-less lines of features without
 * graduation phases ("Ship target version: v1.8", "This VEP targets version: v1.9") and the front
 * matter's `milestone`. Lines are read from the plain text of the syntax tree (see sections.ts), so
 * code, comments and struck-through text are never taken for a target.
 */
import type { CepFrontMatter, CepRecord } from '../schema.ts';
import {
  compareReleases,
  readReleaseVersion,
  readStageWord,
  targetStages,
  type ReleaseReading,
  type ReleaseVersion,
  type TargetStage,
} from '../vocabulary.ts';
import type { Locate } from './front-matter.ts';
import type { Report } from './report.ts';

export interface TargetLine {
  /** Absent for a stage-less target: a feature that is not gated by graduation stages. */
  stage?: TargetStage;
  reading: ReleaseReading;
  line: number;
  /** Written in the past tense ("targeted"): history, superseded by a later line for the same stage. */
  past: boolean;
  /** Every release the line lists, when it lists more than one ("1.9.0, 1.10.0"); `reading` is the latest. */
  listed?: ReleaseVersion[];
}

/** A line in a "Target releases" block that names a target but cannot be read as one. */
export interface UnreadTargetLine {
  text: string;
  line: number;
}

// "This VEP targets alpha for version: v1.9", "targeted alpha2 for version v1.8", "targets GA for version: TBD"
const targetPattern = /^this\s+\w+\s+(targets|targeted)\s+(alpha|beta|ga|stable)\d*\s+for\s+(?:version|release)\s*:?\s*(.*)$/i;
// Stage-less: "This VEP targets version: v1.9" (the VEP template's form), "Ship target version: v1.8", "Target release: v1.9".
const stagelessPattern =
  /^(?:this\s+\w+\s+(targets|targeted)\s+(?:version|release)|(?:ship\s+)?target(?:ed)?\s+(?:version|release))\s*:?\s*(.*)$/i;
// Inside a "Target releases" block only: "Alpha: v1.9", "Beta release: TBD".
const stageLinePattern = /^(alpha|beta|ga|stable)\d*(?:\s+(?:release|target|version))*\s*:\s*(.*)$/i;
// A line in a "Target releases" block that names a version, so that it should have been readable as a
// target line; one without a version says nothing.
const looksLikeTargetPattern = /\bv?\d+\.\d+\b/i;
// ...and is shaped like one: a list item, a line about a "target", or "<label>: <version>". A prose
// sentence that merely mentions releases ("it ran for three releases (v1.6 through v1.8)") is not.
const targetShapePattern = /\btarget|:\s*(?:kubevirt\s+)?v?\d+\.\d+/i;
// The version must open the value: "v1.9", "1.9", "v1.9.0", "v1.9.", "KubeVirt v1.9", "v1.9 (design B)".
const leadingVersionPattern = /^(?:kubevirt\s+)?(v?\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?\.?)(?=$|[\s,;:()])/i;
// Further releases in a list right after the first: ", 1.10.0", " / v1.10", " and v1.10", " or 1.10".
const listedVersionPattern = /^\s*(?:,|\/|&|and\b|or\b)\s*(v?\d+\.\d+(?:\.\d+)?\.?)(?=$|[\s,;:()/])/giy;
const leadingUnsetPattern = /^(?:tbd|tba|n\/a|na|none|not\s+(?:yet\s+)?(?:set|decided|planned|applicable))\b/i;

// The value must open with a version or a "not set" word; anything else cannot be read, rather
// than taking a version mentioned further on ("TBD (maybe v1.12)" is not v1.12).
function readTargetValue(text: string): { reading: ReleaseReading; listed?: ReleaseVersion[] } {
  const value = text.trim();
  if (value === '' || leadingUnsetPattern.test(value)) return { reading: { kind: 'unset' } };
  const versionToken = leadingVersionPattern.exec(value);
  if (!versionToken?.[1]) return { reading: readReleaseVersion(value) };
  const reading = readReleaseVersion(versionToken[1]);
  // "1.9.0, 1.10.0" or "v1.9 / v1.10": a list of releases, of which the latest is the one targeted now.
  const listed = [
    reading,
    ...[...value.slice(versionToken[0].length).matchAll(listedVersionPattern)].map((match) => readReleaseVersion(match[1])),
  ].flatMap((candidate) => (candidate.kind === 'set' ? [candidate.release] : []));
  if (reading.kind !== 'set' || listed.length < 2) return { reading };
  const latest = [...listed].sort(compareReleases).at(-1) ?? reading.release;
  return { reading: { kind: 'set', release: latest }, listed };
}

export interface LineContext {
  /** Inside a "Target releases" block. */
  inTargetBlock: boolean;
  /** A line of its own (not the wrapped rest of a list item, not a checkbox): may be reported as unread. */
  standalone: boolean;
  /** The line opens a list item. */
  inListItem: boolean;
}

/** Reads one line of plain text as a target statement, an unread target line, or nothing. */
export function readTargetStatement(text: string, line: number, context: LineContext): TargetLine | UnreadTargetLine | undefined {
  const cleaned = text.trim();
  if (!cleaned) return undefined;
  const staged = targetPattern.exec(cleaned);
  const stage = staged?.[2] ? readStageWord(staged[2]) : undefined;
  if (staged && stage) return { stage, ...readTargetValue(staged[3] ?? ''), line, past: staged[1]?.toLowerCase() === 'targeted' };
  const stageless = stagelessPattern.exec(cleaned);
  if (stageless) {
    const value = readTargetValue(stageless[2] ?? '');
    // "Ship target version:" with nothing after it says nothing.
    if (value.reading.kind === 'unset') return undefined;
    return { ...value, line, past: stageless[1]?.toLowerCase() === 'targeted' };
  }
  if (!context.inTargetBlock) return undefined;
  const stageLine = stageLinePattern.exec(cleaned);
  const lineStage = stageLine?.[1] ? readStageWord(stageLine[1]) : undefined;
  if (stageLine && lineStage) return { stage: lineStage, ...readTargetValue(stageLine[2] ?? ''), line, past: false };
  if (context.standalone && looksLikeTargetPattern.test(cleaned) && (context.inListItem || targetShapePattern.test(cleaned)))
    return { text: cleaned, line };
  return undefined;
}

export const isTargetLine = (entry: TargetLine | UnreadTargetLine): entry is TargetLine => 'reading' in entry;

export interface Targets {
  targets: Partial<Record<TargetStage, ReleaseVersion>>;
  /** The release of a stage-less target line: the feature ships there, not gated by stages. */
  ungated?: ReleaseVersion;
}

/** The targets of a proposal, from the body's lines and the front matter, with findings on their lines. */
export function readTargets(
  frontMatterData: CepFrontMatter,
  hasFrontMatter: boolean,
  lines: readonly TargetLine[],
  unread: readonly UnreadTargetLine[],
  report: Report,
  locate: Locate,
  prefix: string,
): Targets {
  const targets: Partial<Record<TargetStage, ReleaseVersion>> = {};
  for (const entry of unread) {
    report(
      entry.line,
      1,
      'warning',
      'target-unreadable',
      `cannot tell which stage "${entry.text}" targets; write "This ${prefix} targets <alpha|beta|GA> for version: vX.Y" (or "This ${prefix} targets version: vX.Y" for a feature without stages)`,
    );
  }
  for (const target of lines) {
    const what = target.stage ? `the ${target.stage} target` : 'the target';
    if (target.listed && target.reading.kind === 'set') {
      report(
        target.line,
        1,
        'warning',
        'release-several',
        `${what} lists several releases (${target.listed.join(', ')}); the latest, ${target.reading.release}, is used: keep only the upcoming one`,
      );
    }
    if (target.reading.kind === 'unreadable') {
      report(
        target.line,
        1,
        'warning',
        'release-unreadable',
        `cannot read ${what} release "${target.reading.text}"; write it as vX.Y or TBD`,
      );
    }
  }
  for (const stage of targetStages) {
    const bodyLine = chooseLine(
      lines.filter((target) => target.stage === stage),
      stage,
      report,
    );
    const written = hasFrontMatter ? frontMatterData.milestone?.[stage] : undefined;
    const reading = readReleaseVersion(written);
    if (reading.kind === 'unreadable') {
      const where = locate(['milestone', stage]);
      report(
        where.line,
        where.column,
        'warning',
        'release-unreadable',
        `milestone.${stage}: cannot read release "${reading.text}"; write it as vX.Y or TBD`,
      );
    }
    const fromFrontMatter = reading.kind === 'set' ? reading.release : undefined;
    const fromBodyRelease = bodyLine?.reading.kind === 'set' ? bodyLine.reading.release : undefined;
    if (fromFrontMatter && fromBodyRelease && fromFrontMatter !== fromBodyRelease && bodyLine) {
      report(
        bodyLine.line,
        1,
        'warning',
        'target-mismatch',
        `body targets ${stage} for ${fromBodyRelease} but front matter milestone.${stage} says ${fromFrontMatter}`,
      );
    }
    const release = fromFrontMatter ?? fromBodyRelease;
    if (release) targets[stage] = release;
  }
  const ungatedLine = chooseLine(
    lines.filter((target) => target.stage === undefined),
    undefined,
    report,
  );
  const ungated = ungatedLine?.reading.kind === 'set' ? ungatedLine.reading.release : undefined;
  return { targets, ...(ungated ? { ungated } : {}) };
}

/**
 * The body's line for one stage. Present-tense lines ("targets") win over history ("targeted", of
 * which the last counts); among present-tense lines a set release wins over a blank or unreadable one
 * (a file may hold a filled-in block and an empty one). Present-tense lines that set different
 * releases cannot both be right: that is a warning, and the stage is left unset rather than guessed.
 */
function chooseLine(lines: readonly TargetLine[], stage: TargetStage | undefined, report: Report): TargetLine | undefined {
  const present = lines.filter((line) => !line.past);
  if (present.length === 0) return lines.at(-1);
  const withRelease = present.filter((line) => line.reading.kind === 'set');
  const releases = [...new Set(withRelease.map((line) => (line.reading.kind === 'set' ? line.reading.release : '')))];
  if (releases.length > 1) {
    const last = withRelease.at(-1);
    const where = withRelease.map((line) => `${line.reading.kind === 'set' ? line.reading.release : ''} (line ${line.line})`).join(', ');
    report(
      last?.line ?? 1,
      1,
      'warning',
      'target-conflict',
      `${stage ?? 'the stage-less target'} is targeted at ${where}; keep one line per stage`,
    );
    return undefined;
  }
  return withRelease.at(-1) ?? present.at(-1);
}

/** The latest release a proposal targets, with or without a stage. */
export function latestTarget(targets: Targets): ReleaseVersion | undefined {
  return [...Object.values(targets.targets), ...(targets.ungated ? [targets.ungated] : [])].sort(compareReleases).at(-1);
}

/** Every release a proposal targets (each once): the stages' and the stage-less one. */
export function releasesTargeted(record: Pick<CepRecord, 'targets' | 'ungatedTarget'>): ReleaseVersion[] {
  const releases = [...Object.values(record.targets), ...(record.ungatedTarget ? [record.ungatedTarget] : [])] as ReleaseVersion[];
  return [...new Set(releases)];
}
