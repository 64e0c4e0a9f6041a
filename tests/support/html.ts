/**
 * Reading built pages through an HTML parser (ultrahtml and its CSS selectors), so that tests assert
 * what a page holds, not how its markup happens to be spelled.
 */
import { decodeHTML } from 'entities';
import { ELEMENT_NODE, parse, TEXT_NODE, walkSync, type ElementNode, type Node } from 'ultrahtml';
import { querySelector, querySelectorAll } from 'ultrahtml/selector';

/** The text of `node` as one line: its text nodes in order, a space between any two, whitespace collapsed. */
export function textOf(node: Node): string {
  const parts: string[] = [];
  walkSync(node, (child) => {
    if (child.type === TEXT_NODE) parts.push(String(child.value));
  });
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The text of `node` as the DOM's `textContent` gives it: its text nodes joined as they are, entities decoded. */
export function textContent(node: Node): string {
  const parts: string[] = [];
  walkSync(node, (child) => {
    if (child.type === TEXT_NODE) parts.push(decodeHTML(String(child.value)));
  });
  return parts.join('');
}

/** The classes of an element, from its `class` attribute. */
export const classesOf = (element: ElementNode): string[] =>
  String(element.attributes['class'] ?? '')
    .split(/\s+/)
    .filter(Boolean);

export interface HtmlPage {
  /** The document's root node. */
  root: Node;
  /** Every element matching `selector`, in document order. */
  all(selector: string, within?: Node): ElementNode[];
  /** The first element matching `selector`; throws naming the selector when there is none. */
  one(selector: string, within?: Node): ElementNode;
  /** The text of the first element matching `selector` (of the whole page without one). */
  text(selector?: string): string;
}

/** Parses `html` for assertions. */
export function readPage(html: string): HtmlPage {
  const root = parse(html);
  const all = (selector: string, within: Node = root) =>
    querySelectorAll(within, selector).filter((node): node is ElementNode => node.type === ELEMENT_NODE);
  const one = (selector: string, within: Node = root) => {
    const found = querySelector(within, selector) as Node | undefined | null;
    if (!found || found.type !== ELEMENT_NODE) throw new Error(`no element matches ${selector}`);
    return found as ElementNode;
  };
  return { root, all, one, text: (selector) => textOf(selector === undefined ? root : one(selector)) };
}
