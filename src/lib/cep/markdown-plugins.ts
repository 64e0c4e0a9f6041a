/**
 * Sätteri (Astro 7's markdown engine) plugins for proposal documents:
 * - a proposal's H1 is dropped, because the page shows the title in its own header;
 * - relative links between proposals (`../4402-x/cep.md#design`) become site URLs, and links to
 *   other files in the content folder point at the file on GitHub.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineHastPlugin, defineMdastPlugin, type HastPluginEntry, type MdastPluginEntry } from 'satteri';
import type { CatalogueConfig } from '../config.ts';
import { sanitiserHastPlugin } from '../security/sanitise-tree.ts';
import { extraPagePath, proposalPath } from '../urls.ts';

/**
 * Maps a relative link written in `fromFile` to where it points on the site; `undefined` leaves
 * the link as written (absolute URLs, anchors, files outside the content folder).
 */
export function resolveProposalLink(
  config: Pick<CatalogueConfig, 'contentDir' | 'basePath' | 'sourceUrl' | 'kind'>,
  fromFile: string,
  href: string,
): string | undefined {
  if (/^(?:[a-z][a-z0-9+.-]*:|#|\/)/i.test(href)) return undefined;
  const match = /^([^?#]*)([?#].*)?$/.exec(href);
  const target = match?.[1] ?? '';
  const suffix = match?.[2] ?? '';
  if (!target) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return undefined;
  }
  const resolved = path.resolve(path.dirname(fromFile), decoded);
  const relative = path.relative(config.contentDir, resolved).split(path.sep).join('/');
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.split('/');
  const fileName = parts.at(-1) ?? '';
  const folder = parts.at(-2);
  if (folder && config.kind.documentNames.includes(fileName)) return proposalPath(config, folder) + suffix;
  if (folder && /\.mdx?$/.test(fileName)) return extraPagePath(config, folder, fileName.replace(/\.mdx?$/, '')) + suffix;
  if (parts.length === 1 || (folder && fileName === '')) return proposalPath(config, parts[0] ?? '') + suffix;
  return `${config.sourceUrl}/${relative}${suffix}`;
}

/** The plugin list for `satteri({ mdastPlugins })`. */
export function proposalMarkdownPlugins(
  config: Pick<CatalogueConfig, 'contentDir' | 'basePath' | 'sourceUrl' | 'kind'>,
): MdastPluginEntry[] {
  return [
    renderingVersionPlugin(),
    ({ fileURL }) => {
      const fromFile = fileURL ? fileURLToPath(fileURL) : undefined;
      if (!fromFile || !path.resolve(fromFile).startsWith(path.resolve(config.contentDir) + path.sep)) return null;
      // Only a proposal's own H1 duplicates the page header; supporting pages keep theirs.
      let droppedTitle = !config.kind.documentNames.includes(path.basename(fromFile));
      return defineMdastPlugin({
        name: 'cep-proposal-links',
        heading(node, context) {
          if (node.depth === 1 && !droppedTitle) {
            droppedTitle = true;
            context.removeNode(node);
          }
        },
        link(node, context) {
          const resolved = resolveProposalLink(config, fromFile, node.url);
          if (resolved) context.setProperty(node, 'url', resolved);
        },
        // A missing image would stop Astro's build; the linter reports it, and the page links it on GitHub.
        image(node, context) {
          if (/^(?:[a-z][a-z0-9+.-]*:|#|\/)/i.test(node.url)) return;
          let local: string;
          try {
            local = path.resolve(path.dirname(fromFile), decodeURIComponent(node.url.split(/[?#]/)[0] ?? ''));
          } catch {
            return;
          }
          if (existsSync(local)) return;
          const resolved = resolveProposalLink(config, fromFile, node.url);
          if (resolved) context.setProperty(node, 'url', resolved);
        },
      });
    },
  ];
}

/**
 * HAST plugins for `satteri({ hastPlugins })`, which `.mdx` files inherit:
 * - every document is sanitised (src/lib/security/sanitise-tree.ts): raw HTML parsed, then cleaned
 *   with a GitHub-like schema; scripts, handlers and unsafe URLs go;
 * - GFM task-list checkboxes get an accessible name ("done" / "not done"), which Markdown cannot
 *   give them and WCAG requires of every form control (after sanitising, which would not keep it
 *   on raw HTML).
 */
export function proposalHastPlugins(config: Pick<CatalogueConfig, 'trustedMdx'> = { trustedMdx: false }): HastPluginEntry[] {
  return [
    sanitiserHastPlugin({ trustedMdx: config.trustedMdx }),
    defineHastPlugin({
      name: 'cep-task-list-labels',
      element: {
        filter: ['input'],
        visit(node, context) {
          const properties = node.properties ?? {};
          if (properties['type'] !== 'checkbox' || properties['ariaLabel'] !== undefined) return;
          context.setProperty(node, 'ariaLabel', properties['checked'] ? 'done' : 'not done');
        },
      },
    }),
  ];
}

/**
 * A plugin that does nothing but carry, in its name, a digest of the code that shapes rendered
 * proposals. Astro keeps rendered entries in its data store (restored between CI runs) and clears
 * the store only when the serialisable part of its config changes; plugins are functions and do not
 * count. The digest in a name does, so a change to this code (or to how rendered HTML is stored)
 * re-renders every proposal.
 */
export function renderingVersionPlugin(): MdastPluginEntry {
  const sources = ['./markdown-plugins.ts', '../urls.ts', './rendered-html.ts', '../security/html-schema.ts', '../security/sanitise-tree.ts'].map((file) => readFileSync(new URL(file, import.meta.url)));
  const digest = createHash('sha256').update(Buffer.concat(sources)).digest('hex').slice(0, 12);
  return defineMdastPlugin({ name: `cep-rendering-${digest}` });
}
