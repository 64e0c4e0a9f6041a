/**
 * The one markdown reader: every part of the catalogue that reads markdown (proposal bodies,
 * tracking-issue bodies, check-in excerpts, schedule cells) reads it here, over the syntax tree of
 * satteri, the parser the site is rendered with. So a link written in inline code or a code block is
 * no link, a reference-style link is checked at its definition, and positions are the parser's.
 */
import { markdownToMdast, mdxToMdast } from 'satteri';
import type { Definition, Heading, Image, Link, ListItem, Nodes, Parent, Root } from 'mdast';

export type { Nodes, Root };

/** Line and column (1-based, columns in UTF-16 code units as in JavaScript strings). */
export interface Point {
  line: number;
  column: number;
}

export interface ReadOptions {
  /** Read as MDX (`{expressions}` and JSX are nodes, not text). */
  mdx?: boolean;
  /** File line of the source's first line, so that positions are the file's (default 1). */
  firstLine?: number;
}

export interface MarkdownTree {
  root: Root;
  /** Set when the source is not valid (MDX only: plain markdown always parses). */
  error?: { message: string } & Point;
  /** Added to every line the tree reports. */
  lineOffset: number;
}

/** Parses markdown (no front matter: the caller has split it off) into its syntax tree. */
export function readMarkdown(source: string, options: ReadOptions = {}): MarkdownTree {
  const lineOffset = (options.firstLine ?? 1) - 1;
  const features = { frontmatter: false };
  if (!options.mdx) return { root: markdownToMdast(source, { features }) as Root, lineOffset };
  try {
    return { root: mdxToMdast(source, { features }) as Root, lineOffset };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // satteri's MDX errors start with "line:column: ".
    const where = /^(\d+):(\d+):\s*/.exec(message);
    return {
      root: { type: 'root', children: [] },
      error: {
        message: message.slice(where?.[0].length ?? 0).split('\n')[0] ?? message,
        line: Number(where?.[1] ?? 1) + lineOffset,
        column: Number(where?.[2] ?? 1),
      },
      lineOffset,
    };
  }
}

/** Where a node starts, in file lines. */
export function startOf(tree: MarkdownTree, node: Nodes): Point {
  const start = node.position?.start;
  return { line: (start?.line ?? 1) + tree.lineOffset, column: start?.column ?? 1 };
}

const isParent = (node: Nodes): node is Nodes & Parent => 'children' in node && Array.isArray(node.children);

/** Calls `visit` for every node below `node` in document order; return `false` to skip a node's children. */
export function walk(node: Nodes, visit: (node: Nodes, ancestors: readonly Nodes[]) => boolean | void, ancestors: Nodes[] = []): void {
  if (!isParent(node)) return;
  ancestors.push(node);
  for (const child of node.children as Nodes[]) {
    if (visit(child, ancestors) !== false) walk(child, visit, ancestors);
  }
  ancestors.pop();
}

// Nodes whose content is not prose: code, raw HTML (template guidance lives in HTML comments) and MDX
// expressions and ESM, which a reader of the page never sees as written.
const silentTypes = new Set(['code', 'html', 'yaml', 'toml', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm']);

export interface PlainTextOptions {
  /** Keep struck-through text (default: dropped, the author has withdrawn it). */
  keepDeleted?: boolean;
}

/**
 * The text of a node's prose: text, inline code and image alt text, without markup, comments,
 * code blocks or MDX expressions. Block boundaries and line breaks become "\n". (What a reader
 * sees of a document with raw HTML, such as a GitHub comment, is visible-text.ts's `visibleText`.)
 */
export function plainText(node: Nodes, options: PlainTextOptions = {}): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'break':
      return '\n';
    case 'delete':
      if (!options.keepDeleted) return '';
      break;
    default:
      if (silentTypes.has(node.type)) return '';
  }
  if (!isParent(node) || silentTypes.has(node.type)) return '';
  const children = node.children as Nodes[];
  const inline = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell' || isPhrasing(node);
  return children.map((child) => plainText(child, options)).join(inline ? '' : '\n');
}

function isPhrasing(node: Nodes): boolean {
  return ['emphasis', 'strong', 'delete', 'link', 'linkReference', 'mdxJsxTextElement'].includes(node.type);
}

/** Plain text on one line, whitespace collapsed. */
export function plainLine(node: Nodes, options: PlainTextOptions = {}): string {
  return plainText(node, options).replace(/\s+/g, ' ').trim();
}

/** Plain text of a markdown fragment, on one line (schedule cells, summaries). */
export function markdownLine(source: string, options: ReadOptions = {}): string {
  return plainLine(readMarkdown(source, options).root);
}

/** Plain text cut at a word to at most `maxLength` characters, with "…" when cut. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength / 2))}…`;
}

export interface HeadingEntry extends Point {
  depth: number;
  /** Plain text of the heading. */
  text: string;
  node: Heading;
}

/** Every heading, in order (headings in block quotes and lists too). */
export function headingsOf(tree: MarkdownTree): HeadingEntry[] {
  const headings: HeadingEntry[] = [];
  walk(tree.root, (node) => {
    if (node.type !== 'heading') return;
    headings.push({ depth: node.depth, text: plainLine(node, { keepDeleted: true }), node, ...startOf(tree, node) });
    return false;
  });
  return headings;
}

export interface LinkEntry extends Point {
  url: string;
  /** `image` for images, `definition` for a reference-style link's target (`[ref]: url`). */
  kind: 'link' | 'image' | 'definition';
  node: Link | Image | Definition;
}

/** Every link destination written in the document: links, images and definitions; never code. */
export function linksOf(tree: MarkdownTree): LinkEntry[] {
  const links: LinkEntry[] = [];
  walk(tree.root, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      links.push({ url: node.url, kind: node.type, node, ...startOf(tree, node) });
    }
  });
  return links;
}

export interface TaskItem extends Point {
  checked: boolean;
  /** Plain text of the item's first paragraph, after the box. */
  text: string;
  node: ListItem;
}

// Ticks some authors type instead of GFM's `[x]`: `[+]`, `[✓]`, `[✔]`, and `[]` for an empty box.
const looseBoxPattern = /^\[([+✓✔]?)\]\s*/;

/** The checkbox items of a list item subtree (GFM task items, and the loose ticks above). */
export function taskItemOf(tree: MarkdownTree, item: ListItem): TaskItem | undefined {
  const first = item.children[0];
  const text = first && first.type === 'paragraph' ? plainLine(first, { keepDeleted: true }) : '';
  if (item.checked === true || item.checked === false) return { checked: item.checked, text, node: item, ...startOf(tree, item) };
  const loose = looseBoxPattern.exec(text);
  if (!loose) return undefined;
  return { checked: loose[1] !== '', text: text.slice(loose[0].length), node: item, ...startOf(tree, item) };
}

/** The source lines of a paragraph's plain text, each with its file line (for line-shaped statements). */
export function textLines(tree: MarkdownTree, node: Nodes): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | undefined;
  const startLine = startOf(tree, node).line;
  const add = (text: string, line: number) => {
    text.split('\n').forEach((part, index) => {
      if (index > 0 || !current) {
        current = { text: '', line: line + index };
        lines.push(current);
      }
      current.text += part;
    });
  };
  const collect = (child: Nodes) => {
    const line = (child.position?.start.line ?? 1) + tree.lineOffset;
    if (child.type === 'text' || child.type === 'inlineCode') add(child.value, line);
    else if (child.type === 'break') add('\n', line);
    else if (child.type === 'image' || child.type === 'imageReference') add(child.alt ?? '', line);
    else if (child.type === 'delete' || silentTypes.has(child.type)) add('', line);
    else if (isParent(child)) (child.children as Nodes[]).forEach(collect);
  };
  if (isParent(node)) (node.children as Nodes[]).forEach(collect);
  if (lines.length === 0) lines.push({ text: '', line: startLine });
  return lines.map((entry) => ({ text: entry.text.trim(), line: entry.line }));
}
