/**
 * Reads the structure of a proposal's markdown body line by line: the H1, the sections, the
 * "targets <stage> for version" lines, the signoff checklist and relative links. Fenced code is
 * skipped so examples inside code blocks are never taken for metadata.
 */
import { compareReleases, readReleaseVersion, type ReleaseReading, type ReleaseVersion } from './release-version.ts';
import type { TargetStage } from './vocabulary.ts';

/** A heading with the line it starts on (1-based, counted in the body). */
export interface Heading {
  depth: number;
  text: string;
  line: number;
}

/** A section: a heading and the text until the next heading of the same or higher level. */
export interface Section extends Heading {
  content: string;
}

export interface TargetLine {
  stage: TargetStage;
  reading: ReleaseReading;
  line: number;
  /** Written in the past tense ("targeted"): history, superseded by a later line for the same stage. */
  past: boolean;
  /** Every release the line lists, when it lists more than one ("1.9.0, 1.10.0"); `reading` is the latest. */
  listed?: ReleaseVersion[];
}

export interface ChecklistEntry {
  text: string;
  checked: boolean;
  required: boolean;
  line: number;
}

export interface RelativeLink {
  target: string;
  line: number;
  column: number;
  image: boolean;
}

/** A line in a "Target releases" block that names a target but cannot be read as one. */
export interface UnreadTargetLine {
  text: string;
  line: number;
}

export interface BodyStructure {
  h1?: Heading;
  headings: Heading[];
  sections: Section[];
  targets: TargetLine[];
  /** Lines of a "Target releases" block that look like a target but say no stage. */
  unreadTargets: UnreadTargetLine[];
  checklist: ChecklistEntry[];
  links: RelativeLink[];
}

const fencePattern = /^\s{0,3}(`{3,}|~{3,})/;
const closingFencePattern = /^\s{0,3}(?:`{3,}|~{3,})\s*$/;
const headingPattern = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
// `[x]`, `[X]`, `[ ]`, `[]`, and the ticks some authors type instead: `[+]`, `[✓]`, `[✔]`.
const checkboxPattern = /^\s*[-*+]\s*\[([ xX+✓✔]?)\]\s*(.*)$/;
// "- This VEP targets alpha for version: v1.9", "targeted alpha2 for version v1.8", "targets GA for version: TBD"
const targetPattern =
  /^\s*[-*+]?\s*this\s+\w+\s+(targets|targeted)\s+(alpha|beta|ga|stable)\d*\s+for\s+(?:version|release)\s*:?\s*(.*)$/i;
// Inside a "Target releases" block only: "- Alpha: v1.9", "- Beta release: TBD".
const stageLinePattern = /^\s*[-*+]?\s*(alpha|beta|ga|stable)\d*(?:\s+(?:release|target|version))*\s*:\s*(.*)$/i;
// A line in a "Target releases" block that names a version, so that it should have been readable as a
// target line ("Ship target version: v1.9"); one without a version ("Ship target version:") says nothing.
const looksLikeTargetPattern = /\bv?\d+\.\d+\b/i;
// ...and is shaped like one: a list item, a line about a "target", or "<label>: <version>". A prose
// sentence that merely mentions releases ("it ran for three releases (v1.6 through v1.8)") is not.
const targetShapePattern = /^\s*[-*+]\s|\btarget|:\s*(?:kubevirt\s+)?v?\d+\.\d+/i;
// The wrapped rest of a list item: indented, without a list marker of its own.
const continuationPattern = /^(?:\s{2,}|\t)(?![-*+]\s)/;
const struckPattern = /^\s*[-*+]?\s*~~?.*~~?\s*$/;
// Struck-through text (`~~old~~` or `~old~`), which the author has withdrawn.
const struckSegmentPattern = /~~[^~]*~~|~[^~\s][^~]*~/g;
const inlineCommentPattern = /<!--[\s\S]*?-->/g;
const linkPattern = /(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
// The version must open the value: "v1.9", "1.9", "v1.9.0", "v1.9.", "KubeVirt v1.9", "v1.9 (design B)".
const leadingVersionPattern = /^(?:kubevirt\s+)?(v?\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?\.?)(?=$|[\s,;:()])/i;
// Further releases in a list right after the first: ", 1.10.0", " / v1.10", " and v1.10", " or 1.10".
const listedVersionPattern = /^\s*(?:,|\/|&|and\b|or\b)\s*(v?\d+\.\d+(?:\.\d+)?\.?)(?=$|[\s,;:()/])/giy;
const leadingUnsetPattern = /^(?:tbd|tba|n\/a|na|none|not\s+(?:yet\s+)?(?:set|decided|planned|applicable))\b/i;

function stageOf(written: string): TargetStage {
  const lower = written.toLowerCase();
  return lower === 'ga' ? 'stable' : (lower as TargetStage);
}

/** A line without inline comments, struck-through text and emphasis markers. */
function cleanTargetText(text: string): string {
  return text
    .replace(inlineCommentPattern, '')
    .replace(struckSegmentPattern, '')
    .replace(/\*\*|__|[*`]/g, '')
    .replace(/(^|[^\w])_([^_]+)_(?=[^\w]|$)/g, '$1$2')
    .trim();
}

// The value must open with a version or a "not set" word; anything else cannot be read, rather
// than taking a version mentioned further on ("TBD (maybe v1.12)" is not v1.12).
function readTargetValue(text: string): { reading: ReleaseReading; listed?: ReleaseVersion[] } {
  const value = text.trim();
  if (value === '' || leadingUnsetPattern.test(value)) return { reading: { kind: 'unset' } };
  const versionToken = leadingVersionPattern.exec(value);
  if (!versionToken?.[1]) return { reading: readReleaseVersion(value) };
  const reading = readReleaseVersion(versionToken[1]);
  // "1.9.0, 1.10.0" or "v1.9 / v1.10": a list of releases, of which the latest is the one targeted now.
  const listed = [reading, ...[...value.slice(versionToken[0].length).matchAll(listedVersionPattern)].map((match) => readReleaseVersion(match[1]))]
    .flatMap((candidate) => (candidate.kind === 'set' ? [candidate.release] : []));
  if (reading.kind !== 'set' || listed.length < 2) return { reading };
  const latest = [...listed].sort(compareReleases).at(-1) ?? reading.release;
  return { reading: { kind: 'set', release: latest }, listed };
}

/** Removes HTML comments (template guidance) and whitespace; empty means "not filled in". */
export function meaningfulText(markdown: string): string {
  return markdown.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim();
}

/** Analyses a markdown body; `firstLine` is the file line the body starts on. */
export function readBodyStructure(body: string, firstLine = 1): BodyStructure {
  const lines = body.split(/\r?\n/);
  const headings: Heading[] = [];
  const targets: TargetLine[] = [];
  const unreadTargets: UnreadTargetLine[] = [];
  const checklist: ChecklistEntry[] = [];
  const links: RelativeLink[] = [];
  const contentByHeading = new Map<Heading, string[]>();
  let fence: string | undefined;
  let fenceIndent = 0;
  let inComment = false;
  let current: Heading | undefined;
  // Depth of the checklist heading we are under (H2 or H3, with any deeper sub-headings), if any.
  let checklistDepth: number | undefined;
  // Depth of the "Target releases" heading we are under, if any.
  let targetBlockDepth: number | undefined;

  lines.forEach((text, index) => {
    const line = firstLine + index;
    const fenceMatch = fencePattern.exec(text);
    if (fence) {
      // A closing fence is the opening one's character, at least as long, with nothing after it (CommonMark).
      if (fenceMatch?.[1] && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && closingFencePattern.test(text)) {
        fence = undefined;
        if (current) contentByHeading.get(current)?.push(text);
        return;
      }
      // A fence opened inside a list item ends with the item: at a line indented less than the fence.
      const indent = /^ */.exec(text)?.[0].length ?? 0;
      if (!(fenceIndent >= 2 && text.trim() !== '' && indent < fenceIndent)) {
        if (current) contentByHeading.get(current)?.push(text);
        return;
      }
      fence = undefined;
    } else if (fenceMatch?.[1]) {
      fence = fenceMatch[1];
      fenceIndent = /^ */.exec(text)?.[0].length ?? 0;
      if (current) contentByHeading.get(current)?.push(text);
      return;
    }
    // Template guidance lives in HTML comments; nothing inside one is metadata.
    const wasInComment = inComment;
    const opens = text.lastIndexOf('<!--');
    const closes = text.lastIndexOf('-->');
    if (opens > closes) inComment = true;
    else if (closes >= 0) inComment = false;
    if (wasInComment) {
      if (current) contentByHeading.get(current)?.push(text);
      return;
    }

    const headingMatch = headingPattern.exec(text);
    if (headingMatch?.[1] && headingMatch[2] !== undefined) {
      const heading: Heading = { depth: headingMatch[1].length, text: headingMatch[2], line };
      headings.push(heading);
      contentByHeading.set(heading, []);
      current = heading;
      if (checklistDepth !== undefined && heading.depth <= checklistDepth) checklistDepth = undefined;
      if (/signoff checklist/i.test(heading.text)) checklistDepth = heading.depth;
      if (targetBlockDepth !== undefined && heading.depth <= targetBlockDepth) targetBlockDepth = undefined;
      if (/target releases?\b/i.test(heading.text)) targetBlockDepth = heading.depth;
      return;
    }
    if (current) contentByHeading.get(current)?.push(text);

    const checkboxMatch = checkboxPattern.exec(text);
    const cleaned = struckPattern.test(text) ? '' : cleanTargetText(text);
    const targetMatch = targetPattern.exec(cleaned);
    const stageMatch = targetBlockDepth !== undefined && !targetMatch ? stageLinePattern.exec(cleaned) : null;
    if (targetMatch?.[1] && targetMatch[2]) {
      targets.push({ stage: stageOf(targetMatch[2]), ...readTargetValue(targetMatch[3] ?? ''), line, past: targetMatch[1].toLowerCase() === 'targeted' });
    } else if (stageMatch?.[1]) {
      targets.push({ stage: stageOf(stageMatch[1]), ...readTargetValue(stageMatch[2] ?? ''), line, past: false });
    } else if (targetBlockDepth !== undefined && !checkboxMatch && cleaned && !continuationPattern.test(text) && looksLikeTargetPattern.test(cleaned) && targetShapePattern.test(cleaned)) {
      unreadTargets.push({ text: cleaned.replace(/^[-*+]\s*/, ''), line });
    }
    if (checklistDepth !== undefined && checkboxMatch) {
      const itemText = (checkboxMatch[2] ?? '').trim();
      checklist.push({
        text: itemText.replace(/^\(R\)\s*/, ''),
        checked: /^[xX+✓✔]$/.test(checkboxMatch[1] ?? ''),
        required: /^\(R\)/.test(itemText),
        line,
      });
    }
    for (const match of text.matchAll(linkPattern)) {
      const target = match[2] ?? '';
      if (/^(?:[a-z][a-z0-9+.-]*:|#|\/\/)/i.test(target)) continue;
      links.push({ target, line, column: (match.index ?? 0) + 1, image: match[1] === '!' });
    }
  });

  const sections = headings.map((heading, index) => {
    // A section runs until the next heading of the same or a higher level.
    const parts = [...(contentByHeading.get(heading) ?? [])];
    for (const next of headings.slice(index + 1)) {
      if (next.depth <= heading.depth) break;
      parts.push(`${'#'.repeat(next.depth)} ${next.text}`, ...(contentByHeading.get(next) ?? []));
    }
    return { ...heading, content: parts.join('\n') };
  });
  return { h1: headings.find((heading) => heading.depth === 1), headings, sections, targets, unreadTargets, checklist, links };
}

/**
 * Splits an H1 such as `CEP #0042: Title`, `VEP 104: Title`, `VEP-104 - Title`, `[VEP #7] Title`
 * or `Title` into number and title.
 */
export function readProposalHeading(text: string, prefix: string): { number?: number; title: string } {
  const trimmed = text.trim();
  // `NNNN` is the template's placeholder: a heading without a number yet.
  const pattern = new RegExp(`^\\[?(?:${prefix}|[A-Z]EP)[\\s#-]*(\\d+|N+)\\]?\\s*[:.\\-–—]?\\s*(.*)$`, 'i');
  const match = pattern.exec(trimmed);
  if (!match) {
    // `VEP: Title` or `VEP #Title` names the kind but no number.
    const bare = new RegExp(`^(?:${prefix}|[A-Z]EP)\\b\\s*(?:#\\s*|[:\\-–—]\\s*)(.+)$`, 'i').exec(trimmed);
    return { title: (bare?.[1] ?? trimmed).trim() };
  }
  const title = (match[2] ?? '').trim();
  return /^\d+$/.test(match[1] ?? '') ? { number: Number(match[1]), title } : { title };
}

/** Turns a paragraph of markdown into plain text for summaries and meta tags. */
export function markdownToPlainText(markdown: string, maxLength = 300): string {
  const text = meaningfulText(markdown)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*_~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength / 2))}…`;
}

/** The first paragraph of a section's text. */
export function firstParagraph(markdown: string): string {
  const paragraphs = meaningfulText(markdown)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph && !/^(#|```|~~~|\||[-*+] \[)/.test(paragraph));
  return paragraphs[0] ?? '';
}
