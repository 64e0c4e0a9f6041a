/**
 * The sanitiser every rendered proposal goes through (CEP bodies, extra pages, and MDX unless
 * MDX is trusted): raw HTML is parsed as a browser would (hast-util-raw, parse5), then cleaned
 * with {@link proposalHtmlSchema} (hast-util-sanitize). It runs as a Sätteri HAST plugin, in the
 * one markdown processor that `.md` and `.mdx` share (astro.config.mjs; @astrojs/mdx inherits it).
 */
import { randomUUID } from 'node:crypto';
import type { Element, Nodes, Properties, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { sanitize } from 'hast-util-sanitize';
import { defineHastPlugin, type HastPluginEntry, type HastVisitorContext } from 'satteri';
import { cleanElementCheck } from './clean-elements.ts';
import { isSiteImageUrl, proposalHtmlSchema } from './html-schema.ts';

/** MDX node types; in a sanitised tree they are dropped (no import, export, expression or JSX survives). */
const MDX_NODE_TYPES = ['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement'];

/** A plain copy of a value inside a node (properties, data): no handles, no functions. */
function plainValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainValue);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key.startsWith('_') || typeof item === 'function') continue;
    copy[key] = plainValue(item);
  }
  return copy;
}

/** The fields of a hast node (and of the MDX nodes the sanitiser drops); `position` is not needed. */
const NODE_FIELDS = ['type', 'tagName', 'properties', 'children', 'value', 'content', 'data', 'name', 'attributes'] as const;

/**
 * Plain hast without the handles a Sätteri tree carries, so the unified utilities can walk it.
 * Only the node fields are read, one by one: every field of a Sätteri node is built when first
 * read, and building positions and handles for every node of a thousand documents cost seconds
 * of a build (docs/performance.md).
 */
function plain(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(plain);
  if (node === null || typeof node !== 'object') return node;
  const source = node as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const field of NODE_FIELDS) {
    if (!(field in source)) continue;
    const value = source[field];
    if (value === undefined || typeof value === 'function') continue;
    copy[field] = field === 'children' || field === 'content' ? plain(value) : plainValue(value);
  }
  return copy;
}

const isHighlighted = (node: RootContent): boolean => {
  if (node.type !== 'element' || node.tagName !== 'pre') return false;
  // Shiki writes `class` as one string; hast utilities write `className` as a list.
  const written = node.properties?.['className'] ?? node.properties?.['class'];
  const classes = Array.isArray(written) ? written.map(String) : String(written ?? '').split(/\s+/);
  return classes.includes('astro-code');
};

function hasRaw(node: { type: string; children?: unknown[] }): boolean {
  return node.type === 'raw' || (node.children ?? []).some((child) => hasRaw(child as { type: string; children?: unknown[] }));
}

/**
 * Sanitises a proposal's HAST. Code blocks highlighted by Shiki (which run before this, and whose
 * inline colour styles the schema would strip) are set aside and put back afterwards: they are
 * element nodes the highlighter made from text, and at this point raw HTML is still unparsed `raw`
 * nodes, so an author cannot pass markup off as one. Placeholders carry a per-call nonce.
 */
export function sanitiseProposalTree(tree: Root): Root {
  const nonce = randomUUID();
  const highlighted: Element[] = [];
  const setAside = (parent: { children: RootContent[] }) => {
    parent.children = parent.children.map((child) => {
      if (child.type === 'element' && isHighlighted(child)) {
        highlighted.push(child);
        return { type: 'element', tagName: 'div', properties: { id: `${nonce}-${highlighted.length - 1}` }, children: [] };
      }
      if (child.type === 'element') setAside(child);
      return child;
    });
  };
  setAside(tree);
  // Parsing again with parse5 is the costly part; a document without raw HTML does not need it.
  const parsed = (hasRaw(tree) ? raw(tree, { passThrough: MDX_NODE_TYPES }) : tree) as Nodes;
  const clean = sanitize(parsed, proposalHtmlSchema) as Root;
  const putBack = (parent: { children: RootContent[] }) => {
    parent.children = parent.children.map((child) => {
      if (child.type !== 'element') return child;
      const id = child.properties?.['id'];
      if (child.tagName === 'div' && typeof id === 'string' && id.startsWith(`${nonce}-`)) {
        return highlighted[Number(id.slice(nonce.length + 1))] ?? child;
      }
      // The schema cannot tell `//host/x.png` from a relative path; it would load from elsewhere.
      for (const property of ['src', 'srcSet']) {
        const value = child.properties?.[property];
        if (value !== undefined && !isSiteImageUrl(String(value))) delete child.properties[property];
      }
      putBack(child);
      return child;
    });
  };
  putBack(clean);
  return clean;
}

/** What a visited element's position in the tree says: the tags above it, and whether it is inside a highlighted code block. */
interface Ancestry {
  tags: readonly string[];
  highlighted: boolean;
}

const TOP_LEVEL: Ancestry = { tags: [], highlighted: false };

/**
 * A raw HTML node that is one whole comment and nothing after it but whitespace, as an HTML
 * parser reads it: `<!--`, not closed at once (`<!-->` and `<!--->` end there, and what follows
 * would be markup), then up to the first `-->` or `--!>` (both end a comment), which must end the
 * node. A comment left open, or anything after its end, does not match.
 */
const WHOLE_COMMENT = /^<!--(?!-?>)(?:(?!--!?>)[\s\S])*--!?>\s*$/;

/**
 * The HAST plugin. Its visitors look at every element and at every node that is not an element
 * or text; the tree is copied out and sanitised only when something would change
 * ({@link cleanElementCheck}): raw HTML other than whole comments, MDX, or an element the schema
 * would alter.
 * Elements inside highlighted code blocks are not looked at, as the sanitiser sets them aside.
 *
 * Trusted MDX (`CEP_TRUSTED_MDX=1`) is left as its author wrote it: its code runs at build time
 * anyway, and sanitising would drop its components.
 */
export function sanitiserHastPlugin(options: { trustedMdx: boolean }): HastPluginEntry {
  const isClean = cleanElementCheck(proposalHtmlSchema);
  // A function: each document gets its own state (the loader renders ten at a time).
  return () => {
    let needsSanitising = false;
    const ancestries = new WeakMap<object, Ancestry>();
    const mustSanitise = () => {
      needsSanitising = true;
    };
    // The ancestry of a node's parent; parents are the same objects within a pass, so it is remembered.
    const ancestryAbove = (node: Readonly<Element>, context: HastVisitorContext): Ancestry => {
      const parent = context.parent(node);
      if (parent?.type !== 'element') return TOP_LEVEL;
      let ancestry = ancestries.get(parent);
      if (!ancestry) {
        const above = ancestryAbove(parent, context);
        ancestry = { tags: [...above.tags, parent.tagName], highlighted: above.highlighted || isHighlighted(parent) };
        ancestries.set(parent, ancestry);
      }
      return ancestry;
    };
    return defineHastPlugin({
      name: 'cep-sanitise-html',
      element: {
        filter: [],
        visit(node, context) {
          if (needsSanitising) return;
          const above = ancestryAbove(node, context);
          if (above.highlighted || isHighlighted(node)) return;
          const properties = plainValue(node.properties ?? {}) as Properties;
          const imageUrls = [properties['src'], properties['srcSet']].filter((value) => value !== undefined);
          if (!isClean(above.tags, node.tagName, properties) || imageUrls.some((url) => !isSiteImageUrl(String(url)))) mustSanitise();
        },
      },
      // Comments are dropped by the sanitiser: a node that is one whole comment is removed without
      // parsing the document's HTML. Any other raw HTML sends the document through the sanitiser.
      raw(node, context) {
        if (WHOLE_COMMENT.test(node.value)) context.removeNode(node);
        else mustSanitise();
      },
      comment: mustSanitise,
      doctype: mustSanitise,
      mdxjsEsm: mustSanitise,
      mdxFlowExpression: mustSanitise,
      mdxTextExpression: mustSanitise,
      mdxJsxFlowElement: { filter: [], visit: mustSanitise },
      mdxJsxTextElement: { filter: [], visit: mustSanitise },
      after(root, context) {
        if (context.sourceFormat === 'mdx' && options.trustedMdx) return;
        if (needsSanitising) context.replaceNode(root, sanitiseProposalTree(plain(root) as Root));
      },
    });
  };
}
