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
 * Read over the syntax tree of the one markdown reader (src/lib/markdown/reader.ts), so HTML comments
 * (the template's guidance and its commented-out Beta/GA blocks) and code are never read as fields.
 * Pure and total: the template's placeholders (`$ASSIGNEE`, `$SIG`, `x.y`) are ignored, and no input
 * makes it throw. What cannot be read is left out rather than guessed.
 */
import type { List, ListItem, Nodes } from 'mdast';
import { readMarkdown, taskItemOf, textLines, walk, type MarkdownTree } from '../markdown/reader.ts';
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
// "Label: value" as a reader sees it (the template writes the label in bold: `**Label**:`).
const fieldPattern = /^([A-Za-z][^:]{0,60}?)\s*:\s*(.*)$/;
const targetPattern = /^(alpha|beta|stable|ga)\s+release\s+target\b\s*(?:\([^)]*\))?\s*:?\s*(.*)$/i;
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
  const tree = readMarkdown(markdown);
  const fields = new Map<string, string[]>();
  let field: string[] | undefined;
  walk(tree.root, (node, ancestors) => {
    if (node.type === 'list') {
      field = undefined;
      if (!ancestors.some((ancestor) => ancestor.type === 'list')) readList(tree, node, undefined, body, defaultRepository);
    }
    if (node.type !== 'paragraph') return;
    const inList = ancestors.some((ancestor) => ancestor.type === 'listItem');
    for (const { text } of textLines(tree, node)) {
      for (const command of text.matchAll(/^\/sig\s+(.+)$/gim)) {
        for (const name of (command[1] ?? '').split(/[\s,]+/)) addSig(body.sigs, name);
      }
      if (inList) continue;
      const fieldMatch = fieldPattern.exec(text);
      if (fieldMatch?.[1]) {
        field = [];
        fields.set(fieldMatch[1].trim().toLowerCase(), field);
        if (fieldMatch[2]?.trim()) field.push(fieldMatch[2].trim());
      } else if (field && text) {
        field.push(text);
      }
    }
    return false;
  });

  const contact = fieldValue(fields, 'primary contact');
  if (contact) {
    const assign = /\/assign\s+(.*)/i.exec(contact)?.[1] ?? contact;
    const handle = handlePattern.exec(assign)?.[1] ?? (namePattern.test(assign.trim()) ? assign.trim() : undefined);
    if (handle) body.primaryContact = `@${handle}`;
  }
  const stageText = fieldValue(fields, 'current feature stage');
  const featureStage = stageText ? trackerStageOf(stageText) : undefined;
  if (featureStage) body.stage = featureStage;
  const gate = fieldValue(fields, 'feature gate');
  const gateName = gate ? (gate.split(/[\s,;]+/)[0] ?? '') : '';
  if (namePattern.test(gateName) && !/^(?:n\/?a|none|tbd|no|-)$/i.test(gateName)) body.featureGate = gateName;

  body.stages = body.stages
    .map((entry) => ({ ...entry, prs: entry.prs.filter((prGroup) => prGroup.done || prGroup.links.length > 0) }))
    .filter((entry) => entry.done || entry.prs.length > 0);
  return body;
}

/** The timeline: target items, stage checkboxes and, under a stage, its PR groups with their links. */
function readList(
  tree: MarkdownTree,
  list: List,
  stage: TrackerTimelineStage | undefined,
  body: TrackerBody,
  defaultRepository: string,
): void {
  for (const item of list.children) {
    const first = item.children[0];
    const text = first?.type === 'paragraph' ? (textLines(tree, first)[0]?.text ?? '') : '';
    const target = targetPattern.exec(text);
    if (target?.[1]) {
      const release = normaliseRelease(target[2] ?? '');
      if (release) body.targets[timelineStageOf(target[1])] = release;
      continue;
    }
    const task = taskItemOf(tree, item);
    let itemStage = stage;
    if (task) {
      const prGroup = prGroupPattern.exec(task.text);
      const stageItem = prGroup ? null : stagePattern.exec(task.text);
      if (prGroup?.[1] && stage) {
        const group: TrackerPrGroup = { kind: prKindOf(prGroup[1]), done: task.checked, links: [] };
        stage.prs.push(group);
        addLinks(group.links, item, defaultRepository);
        continue;
      }
      if (stageItem?.[1]) {
        itemStage = { stage: timelineStageOf(stageItem[1]), done: task.checked, prs: [] };
        body.stages.push(itemStage);
      }
    }
    for (const child of item.children) if (child.type === 'list') readList(tree, child, itemStage, body, defaultRepository);
  }
}

/** The lines of a field that are not template placeholders (`$ASSIGNEE`), joined. */
function fieldValue(fields: Map<string, string[]>, prefix: string): string | undefined {
  for (const [name, values] of fields) {
    if (!name.startsWith(prefix)) continue;
    const value = values
      .filter((text) => !/\$[A-Z_]+/.test(text))
      .join(' ')
      .trim();
    return value || undefined;
  }
  return undefined;
}

function addSig(sigs: string[], written: string): void {
  const name = written
    .trim()
    .toLowerCase()
    .replace(/^sig[-/]/, '');
  if (!name || name.startsWith('$') || !namePattern.test(name)) return;
  const sig = `sig-${name}`;
  if (!sigs.includes(sig)) sigs.push(sig);
}

/** Links of a PR group: link addresses (not their text) and cross-references in its text, sub-items included. */
function addLinks(links: TrackerLink[], item: ListItem, defaultRepository: string): void {
  const found: TrackerLink[] = [];
  const fromUrl = (text: string) => {
    for (const match of text.matchAll(urlPattern)) {
      const repository = match[1] ?? '';
      const number = Number(match[3]);
      found.push({ repository, number, url: `https://github.com/${repository}/${match[2]}/${number}` });
    }
  };
  walk(item, (node: Nodes) => {
    if (node.type === 'link') {
      fromUrl(node.url);
      return false;
    }
    if (node.type !== 'text') return;
    fromUrl(node.value);
    // Cross-references outside URLs: `kubevirt/kubevirt#1234`, or `#77` in the issue's own repository.
    for (const match of node.value.replace(urlPattern, ' ').matchAll(crossReferencePattern)) {
      const repository = match[1] ?? defaultRepository;
      const number = Number(match[2]);
      found.push({ repository, number, url: `https://github.com/${repository}/pull/${number}` });
    }
  });
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
