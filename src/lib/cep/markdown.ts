/**
 * Reads the structure of a proposal's markdown body line by line: the H1, the sections, the
 * "targets <stage> for version" lines, the signoff checklist and relative links. Fenced code is
 * skipped so examples inside code blocks are never taken for metadata.
 */
import { readReleaseVersion, type ReleaseReading } from './release-version.ts';
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

export interface BodyStructure {
  h1?: Heading;
  headings: Heading[];
  sections: Section[];
  targets: TargetLine[];
  checklist: ChecklistEntry[];
  links: RelativeLink[];
}

const fencePattern = /^\s{0,3}(`{3,}|~{3,})/;
const headingPattern = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const checkboxPattern = /^\s*[-*+]\s*\[([ xX]?)\]\s*(.*)$/;
// "- This CEP targets alpha for version: v1.9", "targeted alpha2 for version v1.8", "targets GA for version: TBD"
const targetPattern =
  /^\s*[-*+]?\s*this\s+\w+\s+(targets|targeted)\s+(alpha|beta|ga|stable)\d*\s+for\s+(?:version|release)\s*:?\s*(.*)$/i;
const struckPattern = /^\s*[-*+]?\s*~~?.*~~?\s*$/;
const linkPattern = /(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

function stageOf(written: string): TargetStage {
  const lower = written.toLowerCase();
  return lower === 'ga' ? 'stable' : (lower as TargetStage);
}

// The version is the first token that looks like one; trailing prose such as "(design B)" is dropped.
function readTargetValue(text: string): ReleaseReading {
  const withoutMarkup = text.replace(/[*_`]/g, '').trim();
  const versionToken = /v?\d+\.\d+(?:\.\d+)?\.?/i.exec(withoutMarkup);
  return readReleaseVersion(versionToken ? versionToken[0] : withoutMarkup.replace(/\s*\(.*\)\s*$/, ''));
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
  const checklist: ChecklistEntry[] = [];
  const links: RelativeLink[] = [];
  const contentByHeading = new Map<Heading, string[]>();
  let fence: string | undefined;
  let inComment = false;
  let current: Heading | undefined;
  let inChecklist = false;

  lines.forEach((text, index) => {
    const line = firstLine + index;
    const fenceMatch = fencePattern.exec(text);
    if (fence) {
      if (fenceMatch?.[1] && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      if (current) contentByHeading.get(current)?.push(text);
      return;
    }
    if (fenceMatch?.[1]) {
      fence = fenceMatch[1];
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
      inChecklist = /signoff checklist/i.test(heading.text);
      return;
    }
    if (current) contentByHeading.get(current)?.push(text);

    const targetMatch = targetPattern.exec(text);
    if (targetMatch?.[1] && targetMatch[2] && !struckPattern.test(text)) {
      targets.push({
        stage: stageOf(targetMatch[2]),
        reading: readTargetValue(targetMatch[3] ?? ''),
        line,
        past: targetMatch[1].toLowerCase() === 'targeted',
      });
    }
    const checkboxMatch = checkboxPattern.exec(text);
    if (inChecklist && checkboxMatch) {
      const itemText = (checkboxMatch[2] ?? '').trim();
      checklist.push({
        text: itemText.replace(/^\(R\)\s*/, ''),
        checked: (checkboxMatch[1] ?? '').toLowerCase() === 'x',
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
  return { h1: headings.find((heading) => heading.depth === 1), headings, sections, targets, checklist, links };
}

/** Splits an H1 such as `CEP #0042: Title`, `VEP 104: Title` or `Title` into number and title. */
export function readProposalHeading(text: string, prefix: string): { number?: number; title: string } {
  // `NNNN` is the template's placeholder: a heading without a number yet.
  const pattern = new RegExp(`^(?:${prefix}|[A-Z]EP)\\s*#?\\s*(\\d+|N+)\\s*[:.\\-–—]?\\s*(.*)$`, 'i');
  const match = pattern.exec(text.trim());
  if (!match) return { title: text.trim() };
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
