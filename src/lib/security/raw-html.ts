/**
 * Lint's view of what the sanitiser (sanitise-tree.ts) will drop from a proposal, so that an
 * author is told, on its line and column, rather than surprised: raw HTML elements and attributes
 * the schema does not allow, and links whose URL scheme is not http(s), mailto or relative.
 *
 * Read from the syntax tree of the same parser the site renders with (Sätteri's mdast, then the
 * raw HTML of each `html` node parsed as a browser would, with hast-util-from-html).
 */
import type { Element, Nodes as HastNodes, Properties } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { find, html as htmlSpace } from 'property-information';
import { markdownToMdast, type MdastNode } from 'satteri';
import type { Diagnostic } from '../cep/diagnostics.ts';
import type { LintRuleId } from '../rules/registry.ts';
import { isSafeUrl, isSiteImageUrl, proposalHtmlSchema } from './html-schema.ts';

interface Point {
  line: number;
  column: number;
}

// Attributes are judged one element at a time, so rules about where an element may sit do not apply.
const attributeSchema: Schema = { ...proposalHtmlSchema, ancestors: {} };
const allowedTags = new Set(proposalHtmlSchema.tagNames ?? []);
const strippedTags = new Set(proposalHtmlSchema.strip ?? []);

const shorten = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const attributeName = (property: string) => find(htmlSpace, property).attribute;

/** What of one element the sanitiser drops, as messages. */
function droppedFrom(element: Element): string[] {
  const tag = element.tagName;
  if (strippedTags.has(tag)) return [`<${tag}> is removed from the page with everything inside it (not allowed in proposals)`];
  if (!allowedTags.has(tag)) return [`<${tag}> is not allowed in proposals: the tag is dropped from the page (its text stays)`];
  const properties: Properties = element.properties ?? {};
  const cleaned = sanitize({ type: 'root', children: [{ ...element, children: [] }] }, attributeSchema);
  const kept = cleaned.type === 'root' && cleaned.children[0]?.type === 'element' ? cleaned.children[0].properties : {};
  const messages: string[] = [];
  for (const [property, value] of Object.entries(properties)) {
    if (value === undefined || value === null) continue;
    const written = Array.isArray(value) ? value.join(' ') : String(value);
    const name = attributeName(property);
    if ((property === 'src' || property === 'srcSet') && !isSiteImageUrl(written)) {
      messages.push(
        `${name}="${shorten(written)}" on <${tag}> is dropped: images must be files of the proposal (the site loads nothing from other servers)`,
      );
      continue;
    }
    if (property in kept && String(kept[property]) === String(value)) continue;
    messages.push(
      property in kept
        ? `${name}="${shorten(written)}" on <${tag}> is replaced by ${name}="${shorten(String(kept[property]))}"`
        : /^(?:href|src|action|formaction|cite|longdesc|poster|background)$/i.test(name) && !isSafeUrl(written)
          ? `${name}="${shorten(written)}" on <${tag}> is dropped: only http(s), mailto and relative URLs are kept`
          : `attribute ${name} on <${tag}> is not allowed in proposals and is dropped`,
    );
  }
  return messages;
}

/** Findings for one `html` node's raw HTML, placed at `start` (where the node starts in the file). */
function checkRawHtml(value: string, start: Point, report: (where: Point, message: string) => void): void {
  const fragment = fromHtml(value, { fragment: true });
  const walk = (node: HastNodes) => {
    if (node.type === 'element') {
      const at = node.position?.start ?? { line: 1, column: 1 };
      const where = { line: start.line + at.line - 1, column: at.line === 1 ? start.column + at.column - 1 : at.column };
      for (const message of droppedFrom(node)) report(where, message);
      if (strippedTags.has(node.tagName)) return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
    // `<template>` keeps its content aside.
    if (node.type === 'element' && node.content) walk(node.content);
  };
  walk(fragment);
}

/**
 * Warnings about what a markdown body loses when rendered.
 *
 * @param markdown the body, without front matter
 * @param file path shown in the findings
 * @param firstLine line of the file the body starts on (1-based)
 */
export function checkMarkdownSafety(markdown: string, file: string, firstLine = 1): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (where: Point, rule: LintRuleId, message: string) =>
    diagnostics.push({ file, line: where.line + firstLine - 1, column: where.column, severity: 'warning', rule, message });
  let tree: MdastNode;
  try {
    tree = markdownToMdast(markdown, { features: { gfm: true } });
  } catch {
    return diagnostics;
  }
  const walk = (node: MdastNode) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    if (node.type === 'html') checkRawHtml(node.value, start, (where, message) => at(where, 'html-dropped', message));
    if (node.type === 'image' && !isSiteImageUrl(node.url)) {
      at(
        start,
        'link-unsafe',
        `image "${shorten(node.url)}" is not shown: images must be files of the proposal (the site loads nothing from other servers)`,
      );
    } else if ((node.type === 'link' || node.type === 'definition') && !isSafeUrl(node.url)) {
      at(start, 'link-unsafe', `link to "${shorten(node.url)}" loses its URL on the page: only http(s), mailto and relative URLs are kept`);
    }
    if ('children' in node) for (const child of node.children as MdastNode[]) walk(child);
  };
  walk(tree);
  return diagnostics;
}
