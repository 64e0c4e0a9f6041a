/**
 * Whether an element would come out of the sanitiser exactly as it went in. Most proposals are
 * plain Markdown, whose tree the sanitiser leaves as it is; asking this of each element lets
 * sanitise-tree.ts skip copying such a tree out of Sätteri and back (seconds of a thousand-proposal
 * build, docs/performance.md) without deciding anything about HTML itself.
 *
 * The answer comes from hast-util-sanitize: what it does to an element depends only on the
 * element's tag name, its properties and the tag names of its ancestors (never on its children),
 * so it is asked once about a childless copy of the element under childless copies of its
 * ancestors, and the element is clean when the copy comes back unchanged.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Element, Properties, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';

/** Verdicts are kept per distinct element; the limit bounds memory over a large corpus. */
const MAX_REMEMBERED = 50_000;

export type CleanElementCheck = (ancestors: readonly string[], tagName: string, properties: Properties) => boolean;

export function cleanElementCheck(schema: Schema): CleanElementCheck {
  const verdicts = new Map<string, boolean>();
  return (ancestors, tagName, properties) => {
    const key = JSON.stringify([ancestors, tagName, properties]);
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      verdict = comesBackUnchanged(schema, ancestors, tagName, properties);
      if (verdicts.size >= MAX_REMEMBERED) verdicts.clear();
      verdicts.set(key, verdict);
    }
    return verdict;
  };
}

function comesBackUnchanged(schema: Schema, ancestors: readonly string[], tagName: string, properties: Properties): boolean {
  const element = (name: string, props: Properties, children: Element[]): Element => ({
    type: 'element',
    tagName: name,
    properties: props,
    children,
  });
  let skeleton = element(tagName, structuredClone(properties), []);
  for (const ancestor of [...ancestors].reverse()) skeleton = element(ancestor, {}, [skeleton]);
  const root: Root = { type: 'root', children: [skeleton] };
  // Down the same path in the result: an ancestor that was dropped or unwrapped changes the depth.
  let node: unknown = sanitize(root, schema);
  for (let depth = 0; depth <= ancestors.length; depth++) {
    const children = (node as { children?: unknown[] }).children;
    if (!children || children.length !== 1) return false;
    node = children[0];
  }
  const result = node as Partial<Element>;
  return result.type === 'element' && result.tagName === tagName && isDeepStrictEqual(result.properties, properties);
}
