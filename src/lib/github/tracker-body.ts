/**
 * Reads the body of a VEP tracking issue, written from kubevirt/enhancements'
 * `.github/ISSUE_TEMPLATE/vep.md`, as a further source of a proposal's state:
 *
 *     **Primary contact (assignee)**:      /assign @handle
 *     **Current Feature Stage**:           New | Alpha | Beta | GA | Deprecated
 *     **Feature Gate**:                    `GateName`
 *     **Responsible SIGs**:                /sig compute
 *     **Timeline**:
 *     * Alpha release target (x.y): 1.9
 *     * [x] Alpha
 *       * [x] VEP PRs: https://github.com/kubevirt/enhancements/pull/12
 *       * [ ] Code PRs: kubevirt/kubevirt#1234, #77
 *       * [ ] Docs PRs:
 *
 * Pure and total: HTML comments (the template's guidance and its commented-out Beta/GA blocks) and
 * the template's placeholders (`$ASSIGNEE`, `$SIG`, `x.y`) are ignored, and no input makes it throw.
 * What cannot be read is left out rather than guessed.
 */
import { normaliseRelease, type ReleaseVersion } from '../cep/release-version.ts';

/** The stage a tracking issue says the feature has reached; "New" is before alpha. */
export type TrackerStage = 'new' | 'alpha' | 'beta' | 'stable' | 'deprecated';
/** The stages the timeline checklist has an entry for. */
export type TimelineStage = 'alpha' | 'beta' | 'stable';
export type TrackerPrKind = 'vep' | 'code' | 'docs';

export interface TrackerLink {
  /** `owner/name`. */
  repository: string;
  number: number;
  url: string;
}

export interface TrackerPrGroup {
  kind: TrackerPrKind;
  /** The group's checkbox is ticked. */
  done: boolean;
  links: TrackerLink[];
}

export interface TrackerTimelineStage {
  stage: TimelineStage;
  /** The stage's checkbox is ticked. */
  done: boolean;
  prs: TrackerPrGroup[];
}

export interface TrackerBody {
  /** `@handle` of the primary contact. */
  primaryContact?: string;
  stage?: TrackerStage;
  featureGate?: string;
  /** Responsible SIGs, primary first, as `sig-<name>`. */
  sigs: string[];
  targets: Partial<Record<TimelineStage, ReleaseVersion>>;
  /** Timeline entries that say something: ticked, or with at least one PR group that is ticked or has links. */
  stages: TrackerTimelineStage[];
}

export interface TrackerBodyOptions {
  /** Repository a bare `#123` refers to: the one the issue lives in (default kubevirt/enhancements). */
  repository?: string;
}

const handlePattern = /@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\b/;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// `**Label**:` or `**Label:**`; a bold word without a colon is not a field.
const fieldPattern = /^\s*(?:\*\*|__)\s*([^*_:]+?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*(.*)$/;
const checkboxPattern = /^(\s*)[-*+]\s*\[([ xX]?)\]\s*(.*)$/;
const targetPattern = /^\s*[-*+]\s*(alpha|beta|stable|ga)\s+release\s+target\b\s*(?:\([^)]*\))?\s*:?\s*(.*)$/i;
const prGroupPattern = /^(vep|enhancement|code|docs?|documentation)\s+prs?\b\s*:?\s*(.*)$/i;
const stagePattern = /^(alpha|beta|stable|ga)\b\s*:?\s*(.*)$/i;
const urlPattern = /https?:\/\/github\.com\/([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)\/(pull|issues)\/(\d{1,9})(?!\d)/g;
const crossReferencePattern = /(?<![\w/.-])([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)?#(\d{1,9})\b/g;

const emptyBody = (): TrackerBody => ({ sigs: [], targets: {}, stages: [] });

/** Reads a tracking issue body; see the module comment. Never throws. */
export function parseTrackerBody(markdown: string, options: TrackerBodyOptions = {}): TrackerBody {
  try {
    return readBody(typeof markdown === 'string' ? markdown : '', options.repository ?? 'kubevirt/enhancements');
  } catch {
    // Defensive only: every step below is written not to throw.
    return emptyBody();
  }
}

function readBody(markdown: string, defaultRepository: string): TrackerBody {
  const body = emptyBody();
  const lines = withoutCommentsAndCode(markdown);
  const fields = new Map<string, string[]>();
  let field: string[] | undefined;
  let stage: { entry: TrackerTimelineStage; indent: number } | undefined;
  let group: { entry: TrackerPrGroup; indent: number } | undefined;

  for (const line of lines) {
    const fieldMatch = fieldPattern.exec(line);
    if (fieldMatch?.[1]) {
      field = [];
      fields.set(fieldMatch[1].trim().toLowerCase(), field);
      if (fieldMatch[2]?.trim()) field.push(fieldMatch[2].trim());
      stage = undefined;
      group = undefined;
      continue;
    }
    for (const command of line.matchAll(/^\s*\/sig\s+(.+)$/gim)) {
      for (const name of (command[1] ?? '').split(/[\s,]+/)) addSig(body.sigs, name);
    }
    const target = targetPattern.exec(line);
    if (target?.[1]) {
      const release = normaliseRelease(stripMarkup(target[2] ?? ''));
      if (release) body.targets[timelineStageOf(target[1])] = release;
      continue;
    }

    const checkbox = checkboxPattern.exec(line);
    if (checkbox) {
      const indent = (checkbox[1] ?? '').replace(/\t/g, '    ').length;
      const done = (checkbox[2] ?? '').toLowerCase() === 'x';
      const text = stripMarkup(checkbox[3] ?? '');
      const prGroup = prGroupPattern.exec(text);
      const stageItem = prGroup ? null : stagePattern.exec(text);
      if (prGroup?.[1] && stage) {
        group = { entry: { kind: prKindOf(prGroup[1]), done, links: [] }, indent };
        stage.entry.prs.push(group.entry);
        addLinks(group.entry.links, prGroup[2] ?? '', defaultRepository);
        continue;
      }
      if (stageItem?.[1]) {
        stage = { entry: { stage: timelineStageOf(stageItem[1]), done, prs: [] }, indent };
        body.stages.push(stage.entry);
        group = undefined;
        continue;
      }
      group = undefined;
    } else if (group && line.trim()) {
      // Links written on the lines under "Code PRs:", indented deeper than it.
      const indent = (/^\s*/.exec(line)?.[0] ?? '').replace(/\t/g, '    ').length;
      if (indent > group.indent) {
        addLinks(group.entry.links, line, defaultRepository);
        continue;
      }
      group = undefined;
    }
    if (field && line.trim()) field.push(line.trim());
  }

  const contact = fieldValue(fields, 'primary contact');
  if (contact) {
    const assign = /\/assign\s+(.*)/i.exec(contact)?.[1] ?? contact;
    const handle = handlePattern.exec(assign)?.[1] ?? (namePattern.test(assign.trim()) ? assign.trim() : undefined);
    if (handle) body.primaryContact = `@${handle}`;
  }
  const stageText = fieldValue(fields, 'current feature stage');
  const featureStage = stageText ? trackerStageOf(stripMarkup(stageText)) : undefined;
  if (featureStage) body.stage = featureStage;
  const gate = fieldValue(fields, 'feature gate');
  const gateName = gate ? stripMarkup(gate).split(/[\s,;]+/)[0] ?? '' : '';
  if (namePattern.test(gateName) && !/^(?:n\/?a|none|tbd|no|-)$/i.test(gateName)) body.featureGate = gateName;

  body.stages = body.stages
    .map((entry) => ({ ...entry, prs: entry.prs.filter((prGroup) => prGroup.done || prGroup.links.length > 0) }))
    .filter((entry) => entry.done || entry.prs.length > 0);
  return body;
}

/** Lines without HTML comments (an unclosed one hides the rest, as on GitHub) and fenced code. */
function withoutCommentsAndCode(markdown: string): string[] {
  const lines = markdown.replace(/<!--[\s\S]*?(?:-->|$)/g, '').split(/\r?\n/);
  const kept: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && /^\s*[`~]+\s*$/.test(line)) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    kept.push(line);
  }
  return kept;
}

/** The lines of a field that are not template placeholders (`$ASSIGNEE`), joined. */
function fieldValue(fields: Map<string, string[]>, prefix: string): string | undefined {
  for (const [name, values] of fields) {
    if (!name.startsWith(prefix)) continue;
    const value = values.filter((text) => !/\$[A-Z_]+/.test(text)).join(' ').trim();
    return value || undefined;
  }
  return undefined;
}

function stripMarkup(text: string): string {
  return text.replace(/\*\*|__|[*`~]/g, '').trim();
}

function addSig(sigs: string[], written: string): void {
  const name = written.trim().toLowerCase().replace(/^sig[-/]/, '');
  if (!name || name.startsWith('$') || !namePattern.test(name)) return;
  const sig = `sig-${name}`;
  if (!sigs.includes(sig)) sigs.push(sig);
}

function addLinks(links: TrackerLink[], written: string, defaultRepository: string): void {
  // `[#123](https://github.com/kubevirt/kubevirt/pull/123)` is one link: keep its address, drop its text.
  const text = written.replace(/\[[^\]]*\]\(\s*<?(https?:\/\/[^)\s>]+)>?[^)]*\)/g, ' $1 ');
  const found: TrackerLink[] = [];
  for (const match of text.matchAll(urlPattern)) {
    const repository = match[1] ?? '';
    const number = Number(match[3]);
    found.push({ repository, number, url: `https://github.com/${repository}/${match[2]}/${number}` });
  }
  // Cross-references outside URLs: `kubevirt/kubevirt#1234`, or `#77` in the issue's own repository.
  for (const match of text.replace(urlPattern, ' ').matchAll(crossReferencePattern)) {
    const repository = match[1] ?? defaultRepository;
    const number = Number(match[2]);
    found.push({ repository, number, url: `https://github.com/${repository}/pull/${number}` });
  }
  for (const link of found) {
    if (link.number > 0 && !links.some((known) => known.repository === link.repository && known.number === link.number)) links.push(link);
  }
}

function timelineStageOf(written: string): TimelineStage {
  const lower = written.toLowerCase();
  return lower === 'ga' || lower === 'stable' ? 'stable' : (lower as TimelineStage);
}

function trackerStageOf(written: string): TrackerStage | undefined {
  const word = /^[A-Za-z]+/.exec(written)?.[0]?.toLowerCase();
  switch (word) {
    case 'new':
    case 'alpha':
    case 'beta':
    case 'deprecated':
      return word;
    case 'ga':
    case 'stable':
      return 'stable';
    default:
      return undefined;
  }
}

function prKindOf(written: string): TrackerPrKind {
  const lower = written.toLowerCase();
  if (lower === 'code') return 'code';
  if (lower.startsWith('doc')) return 'docs';
  return 'vep';
}
