/**
 * The text a reader sees of a markdown document that may carry raw HTML (a GitHub comment): the
 * syntax tree of the one markdown reader, with its raw HTML read as a browser reads it.
 *
 * Raw HTML in mdast is a list of `html` nodes that are not balanced: inline, `<script>`, the text
 * `alert(1)` and `</script>` are three siblings; a block (`<div>` alone on a line) runs to the next
 * blank line and holds whatever follows it as raw text, markdown syntax and all. So the tree is
 * written out once as HTML (text escaped, raw HTML as it is) and that is parsed by Sätteri's HTML
 * parser (`htmlToHast`, an HTML5 tree builder): a comment, however it is written, is a comment node; an element's content
 * is its own; entities inside raw HTML are decoded once, as in a browser.
 */
import type { Element, Nodes as HastNodes } from 'hast';
import type { Nodes, Parent } from 'mdast';
import { htmlToHast } from 'satteri';

/** Elements whose content is never readable text (or, for `svg` and `math`, not prose). */
const NON_TEXT_ELEMENTS = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'template',
  'noscript',
  'svg',
  'math',
  'textarea',
  'title',
  'select',
]);

/** Elements that run inline with the text beside them; any other element is a word boundary. */
const PHRASING_ELEMENTS = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'del',
  'dfn',
  'em',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);

/** Markdown nodes that are not shown as written: front matter and MDX code. */
const UNSHOWN_TYPES = new Set(['definition', 'yaml', 'toml', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm']);

/** Markdown nodes whose children run on one line; the children of any other are blocks. */
const INLINE_CONTAINERS = new Set([
  'paragraph',
  'heading',
  'tableCell',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'mdxJsxTextElement',
]);

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Visible text of a markdown tree: text, link text (never the address), image alt text, code, and
 * the text inside raw HTML; without tags, comments, or the content of scripts, styles and the
 * other {@link NON_TEXT_ELEMENTS}. Blocks are separated by line breaks.
 */
export function visibleText(root: Nodes): string {
  return textOf(htmlToHast(asHtml(root), { fragment: true }) as HastNodes);
}

/** The tree written as HTML that keeps only what is shown: text escaped, raw HTML kept as written. */
function asHtml(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return escapeHtml(node.value);
    case 'html':
      return node.value;
    case 'image':
    case 'imageReference':
      return escapeHtml(node.alt ?? '');
    case 'break':
      return '\n';
    default:
      if (UNSHOWN_TYPES.has(node.type) || !('children' in node)) return '';
  }
  const children = (node as Parent).children as Nodes[];
  return children.map(asHtml).join(INLINE_CONTAINERS.has(node.type) ? '' : '\n');
}

function textOf(node: HastNodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'comment' || node.type === 'doctype') return '';
  if (!('children' in node)) return '';
  if (node.type === 'element' && NON_TEXT_ELEMENTS.has(node.tagName)) return ' ';
  const text = node.children.map(textOf).join('');
  return node.type === 'element' && !isPhrasing(node) ? ` ${text} ` : text;
}

const isPhrasing = (element: Element) => PHRASING_ELEMENTS.has(element.tagName);
