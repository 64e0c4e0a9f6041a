/**
 * The structure of a proposal's body, read from its syntax tree (src/lib/markdown/reader.ts): the
 * H1, the sections, the target lines, the signoff checklist, relative links (and reference-style
 * link definitions) and the summary. Code, HTML comments and MDX expressions are never metadata.
 */
import type { Nodes, RootContent } from 'mdast';
import {
  headingsOf,
  linksOf,
  plainLine,
  readMarkdown,
  taskItemOf,
  textLines,
  truncateText,
  walk,
  type MarkdownTree,
} from '../../markdown/reader.ts';
import type { Severity } from '../diagnostics.ts';
import { isWrittenElsewhere } from '../links.ts';
import { requiredSections } from '../vocabulary.ts';
import { headingWords, squash } from './identity.ts';
import type { Report } from './report.ts';
import { isTargetLine, readTargetStatement, type TargetLine, type UnreadTargetLine } from './targets.ts';

export type { TargetLine, UnreadTargetLine } from './targets.ts';

/** A heading with the file line and column it starts on; `text` is its plain text. */
export interface Heading {
  depth: number;
  text: string;
  line: number;
  column?: number;
}

/** A section: a heading and what follows until the next heading of the same or higher level. */
export interface Section extends Heading {
  /** The section's markdown source, sub-sections included. */
  content: string;
  /** Its nodes, sub-headings included. */
  nodes: RootContent[];
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
  /** Lines of a "Target releases" block that look like a target but say no stage. */
  unreadTargets: UnreadTargetLine[];
  checklist: ChecklistEntry[];
  links: RelativeLink[];
  /** Set when an MDX body does not parse: where and why. */
  mdxError?: { message: string; line: number; column: number };
}

export interface BodyOptions {
  mdx?: boolean;
}

/** Analyses a markdown body; `firstLine` is the file line the body starts on. */
export function readBodyStructure(body: string, firstLine = 1, options: BodyOptions = {}): BodyStructure {
  const tree = readMarkdown(body, { firstLine, ...(options.mdx ? { mdx: true } : {}) });
  // Sections are made of the document's top-level headings; a heading quoted or in a list opens none.
  const topLevel = tree.root.children;
  const headingEntries = headingsOf(tree).filter((entry) => topLevel.includes(entry.node));
  const headings: Heading[] = headingEntries.map(({ depth, text, line, column }) => ({ depth, text, line, column }));
  const sections: Section[] = headingEntries.map((entry, index) => {
    const start = topLevel.indexOf(entry.node);
    const next = headingEntries.slice(index + 1).find((candidate) => candidate.depth <= entry.depth);
    const end = next ? topLevel.indexOf(next.node) : topLevel.length;
    const nodes = topLevel.slice(start + 1, end);
    const from = entry.node.position?.end.offset ?? 0;
    const to = next?.node.position?.start.offset ?? body.length;
    return { ...(headings[index] as Heading), content: body.slice(from, to).replace(/^\r?\n/, ''), nodes };
  });

  const targets: TargetLine[] = [];
  const unreadTargets: UnreadTargetLine[] = [];
  const checklist: ChecklistEntry[] = [];
  let targetBlockDepth: number | undefined;
  let checklistDepth: number | undefined;
  for (const node of topLevel) {
    if (node.type === 'heading') {
      const text = plainLine(node, { keepDeleted: true });
      if (checklistDepth !== undefined && node.depth <= checklistDepth) checklistDepth = undefined;
      if (/signoff checklist/i.test(text)) checklistDepth = node.depth;
      if (targetBlockDepth !== undefined && node.depth <= targetBlockDepth) targetBlockDepth = undefined;
      if (/target releases?\b/i.test(text)) targetBlockDepth = node.depth;
      continue;
    }
    readTargetLines(tree, node, targetBlockDepth !== undefined, targets, unreadTargets);
    if (checklistDepth !== undefined) readChecklist(tree, node, checklist);
  }

  const links = linksOf(tree)
    .filter((link) => !isWrittenElsewhere(link.url))
    .map((link) => ({ target: link.url, line: link.line, column: link.column, image: link.kind === 'image' }));
  const h1 = headings.find((heading) => heading.depth === 1);
  return {
    ...(h1 ? { h1 } : {}),
    headings,
    sections,
    targets,
    unreadTargets,
    checklist,
    links,
    ...(tree.error ? { mdxError: tree.error } : {}),
  };
}

function readTargetLines(tree: MarkdownTree, node: Nodes, inTargetBlock: boolean, targets: TargetLine[], unread: UnreadTargetLine[]): void {
  const visitParagraph = (paragraph: Nodes, listItem: boolean, checkbox: boolean) => {
    textLines(tree, paragraph).forEach(({ text, line }, index) => {
      // The wrapped rest of a list item belongs to it; a checkbox is a checklist item, not a target.
      const standalone = !checkbox && (!listItem || index === 0);
      const found = readTargetStatement(text, line, { inTargetBlock, standalone, inListItem: listItem && index === 0 });
      if (found) (isTargetLine(found) ? targets : unread).push(found as TargetLine & UnreadTargetLine);
    });
  };
  if (node.type === 'paragraph') return visitParagraph(node, false, false);
  walk(node, (child, ancestors) => {
    if (child.type !== 'paragraph') return;
    const parent = ancestors.at(-1);
    const item = parent?.type === 'listItem' ? parent : undefined;
    const checkbox = item ? taskItemOf(tree, item) !== undefined : false;
    visitParagraph(child, item !== undefined && item.children[0] === child, checkbox);
    return false;
  });
}

function readChecklist(tree: MarkdownTree, node: Nodes, checklist: ChecklistEntry[]): void {
  walk(node, (child) => {
    if (child.type !== 'listItem') return;
    const task = taskItemOf(tree, child);
    if (!task) return;
    checklist.push({
      text: task.text.replace(/^\(R\)\s*/, ''),
      checked: task.checked,
      required: /^\(R\)/.test(task.text),
      line: task.line,
    });
  });
}

const onlyComments = (html: string) => html.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() === '';

/** Whether a section holds anything but headings and the template's guidance (HTML comments). */
export function sectionIsFilled(section: Section): boolean {
  return section.nodes.some(
    (node) =>
      node.type !== 'heading' &&
      !(node.type === 'html' && onlyComments(node.value)) &&
      !(node.type === 'paragraph' && plainLine(node) === '' && !hasMedia(node)),
  );
}

function hasMedia(node: Nodes): boolean {
  let found = false;
  walk(node, (child) => {
    if (child.type === 'image' || child.type === 'imageReference') found = true;
  });
  return found;
}

/** The summary: the first paragraph (or list) of a section as plain text, at most `maxLength` characters. */
export function summaryOf(section: Section | undefined, maxLength = 300): string {
  for (const node of section?.nodes ?? []) {
    if (node.type === 'heading') break;
    if (
      node.type !== 'paragraph' &&
      !(node.type === 'list' && node.children.every((item) => item.checked === null || item.checked === undefined))
    )
      continue;
    const text = plainLine(node);
    if (text) return truncateText(text, maxLength);
  }
  return '';
}

/** The H2 section named `name` (or one of its aliases). */
export function findSection(structure: BodyStructure, names: readonly string[]): Section | undefined {
  const wanted = names.map(squash);
  return structure.sections.find((section) => section.depth === 2 && wanted.includes(headingWords(section.text)));
}

export function checkRequiredSections(
  structure: BodyStructure,
  severity: Severity,
  aliases: Readonly<Record<string, readonly string[]>>,
  report: Report,
): void {
  const lastLine = structure.headings.at(-1)?.line ?? 1;
  for (const name of requiredSections) {
    const section = findSection(structure, [name, ...(aliases[name] ?? [])]);
    if (!section) {
      report(lastLine, 1, severity, 'section-missing', `required section "## ${name}" is missing`);
      continue;
    }
    if (!sectionIsFilled(section)) {
      report(section.line, 1, severity, 'section-empty', `section "## ${name}" holds only the template's guidance; fill it in`);
    }
  }
}
