/**
 * SVG images: Astro publishes an image a proposal shows under `/_astro/` as it is, and an SVG
 * opened from there is a document on the site's origin, whose scripts run. Rather than rewrite
 * authors' drawings, lint refuses (as an error, so the build stops) an SVG with anything active in
 * it: scripts, event handlers, `foreignObject`, references to anything outside the file, DTDs.
 * A plain drawing (what diagram tools export) passes.
 */
import type { Nodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { find, svg as svgSpace } from 'property-information';

const ACTIVE_ELEMENTS = new Set(['script', 'foreignObject', 'iframe', 'embed', 'object', 'handler', 'listener']);
// Animation can set an attribute such as href to a javascript: URL.
const ANIMATING_ELEMENTS = new Set(['set', 'animate', 'animateTransform', 'animateMotion']);
const REFERENCE_ATTRIBUTES = /^(?:href|xlink:href|src|action|formaction)$/i;
const EXTERNAL_CSS = /url\(\s*['"]?\s*(?!#)|@import|expression\(/i;

/**
 * What makes an SVG unsafe to publish, one entry per finding with its line in the SVG file;
 * empty when the drawing is inert.
 */
export function findActiveSvgContent(svgText: string): { line: number; problem: string }[] {
  const problems: { line: number; problem: string }[] = [];
  const doctype = /<!(?:DOCTYPE|ENTITY)/i.exec(svgText);
  if (doctype) problems.push({ line: svgText.slice(0, doctype.index).split('\n').length, problem: 'a DTD (<!DOCTYPE>/<!ENTITY>)' });
  const walk = (node: Nodes) => {
    if (node.type === 'element') {
      const line = node.position?.start.line ?? 1;
      const tag = node.tagName;
      if (ACTIVE_ELEMENTS.has(tag)) problems.push({ line, problem: `<${tag}>` });
      if (tag === 'style' && node.children.some((child) => child.type === 'text' && EXTERNAL_CSS.test(child.value))) {
        problems.push({ line, problem: 'a stylesheet that loads from outside the file' });
      }
      for (const [property, value] of Object.entries(node.properties ?? {})) {
        const name = find(svgSpace, property).attribute;
        const written = Array.isArray(value) ? value.join(' ') : String(value);
        if (/^on/i.test(name)) problems.push({ line, problem: `an event handler (${name} on <${tag}>)` });
        else if (REFERENCE_ATTRIBUTES.test(name) && !written.trim().startsWith('#'))
          problems.push({ line, problem: `a reference outside the file (${name}="${written.slice(0, 40)}" on <${tag}>)` });
        else if (EXTERNAL_CSS.test(written))
          problems.push({ line, problem: `a style that loads from outside the file (${name} on <${tag}>)` });
        else if (ANIMATING_ELEMENTS.has(tag) && name === 'attributeName' && /href/i.test(written))
          problems.push({ line, problem: `<${tag}> changing ${written}` });
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(fromHtml(svgText, { fragment: true, space: 'svg' }));
  return problems;
}
