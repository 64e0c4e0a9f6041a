/**
 * Sätteri (Astro 7's markdown engine) plugins for proposal documents:
 * - a proposal's H1 is dropped, because the page shows the title in its own header;
 * - relative links between proposals (`../4402-x/cep.md#design`) become site URLs, and links to
 *   other files in the content folder point at the file on GitHub.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { defineHastPlugin, defineMdastPlugin, type HastPluginEntry, type MdastPluginEntry } from 'satteri';
import type { CatalogueConfig } from '../config.ts';
import { sanitiserHastPlugin } from '../security/sanitise-tree.ts';
import { imagePlace, publishedUrl, readLink } from './links.ts';

type SiteConfig = Pick<CatalogueConfig, 'contentDir' | 'basePath' | 'sourceUrl' | 'kind'>;

/** The plugin list for `satteri({ mdastPlugins })`. */
export function proposalMarkdownPlugins(config: SiteConfig): MdastPluginEntry[] {
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
          const resolved = publishedUrl(config, readLink(fromFile, node.url));
          if (resolved) context.setProperty(node, 'url', resolved);
        },
        // A reference-style link (`[text][ref]`) takes its address from the definition (`[ref]: ../x/cep.md`).
        definition(node, context) {
          const resolved = publishedUrl(config, readLink(fromFile, node.url));
          if (resolved) context.setProperty(node, 'url', resolved);
        },
        // A missing image would stop Astro's build; the linter reports it, and the page links it on GitHub.
        image(node, context) {
          const link = readLink(fromFile, node.url);
          if (link.kind !== 'file') return;
          // Astro processes only images; any other file would publish its raw image placeholder.
          if (imagePlace(config, fromFile, link).kind === 'published') {
            // A dark variant beside the image (`diagram.dark.svg` for `diagram.svg`) is shown in dark mode instead.
            const dark = darkVariantOf(node.url);
            const darkLink = dark === undefined ? undefined : readLink(fromFile, dark);
            if (darkLink?.kind === 'file' && imagePlace(config, fromFile, darkLink).kind === 'published') {
              context.insertAfter(node, { type: 'image', url: dark, alt: node.alt ?? '', title: node.title ?? null });
            }
            return;
          }
          // Not published here (missing, or another kind of file): a link to the file on GitHub, with
          // the image's words, rather than an image the sanitiser would not load from another site.
          context.replaceNode(node, {
            type: 'link',
            url: publishedUrl(config, link) ?? node.url,
            title: node.title ?? null,
            children: [{ type: 'text', value: node.alt || node.url }],
          });
        },
      });
    },
  ];
}

/**
 * HAST plugins for `satteri({ hastPlugins })`, which `.mdx` files inherit:
 * - every document is sanitised first (src/lib/security/sanitise-tree.ts): raw HTML parsed, then
 *   cleaned with a GitHub-like schema; scripts, handlers and unsafe URLs go; what the plugins after
 *   it add is the catalogue's own markup;
 * - every heading gets a self-link to copy (see headingSelfLinks); images with a dark variant get
 *   their classes; tables can be scrolled from the keyboard;
 * - GFM task-list checkboxes get an accessible name ("done" / "not done"), which Markdown cannot
 *   give them and WCAG requires of every form control.
 */
export function proposalHastPlugins(config: Pick<CatalogueConfig, 'trustedMdx'> = { trustedMdx: false }): HastPluginEntry[] {
  return [
    sanitiserHastPlugin({ trustedMdx: config.trustedMdx }),
    headingSelfLinks(),
    darkVariantClasses(),
    // A table wider than the text column scrolls inside it (src/styles/prose.css); keyboard users must be able to scroll it too.
    defineHastPlugin({
      name: 'cep-scrollable-tables',
      element: { filter: ['table'], visit: (node, context) => context.setProperty(node, 'tabIndex', 0) },
    }),
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

/** `diagram.dark.svg` for `./diagram.svg`; `undefined` for an image that is itself a dark variant. */
export function darkVariantOf(url: string): string | undefined {
  const match = /^(.*?)(\.[a-z0-9]+)([?#].*)?$/i.exec(url);
  if (!match || /\.dark$/i.test(match[1] ?? '')) return undefined;
  return `${match[1]}.dark${match[2]}${match[3] ?? ''}`;
}

/**
 * An image with a dark variant beside it gets the class `has-dark-variant`, the variant the class
 * `dark-variant`; the stylesheet shows one or the other by colour scheme.
 */
function darkVariantClasses(): HastPluginEntry {
  return defineHastPlugin({
    name: 'cep-dark-variants',
    element: {
      filter: ['img'],
      visit(node, context) {
        const src = node.properties?.['src'];
        if (typeof src !== 'string') return;
        const isDark = /\.dark\.[a-z0-9]+(?:[?#].*)?$/i.test(src);
        const next = context.parent(node)?.children[(context.indexOf(node) ?? -2) + 1];
        const nextSrc = next && next.type === 'element' && next.tagName === 'img' ? next.properties?.['src'] : undefined;
        if (isDark) context.setProperty(node, 'class', 'dark-variant');
        else if (typeof nextSrc === 'string' && nextSrc === darkVariantOf(src)) context.setProperty(node, 'class', 'has-dark-variant');
      },
    },
  });
}

/**
 * A link to itself at the end of every heading, for readers to copy a section's address. Astro's
 * own heading-id plugin runs after ours, so the id is set here with the same slugger (Astro keeps
 * an id that is already set). The link has no text (CSS draws the "#"), so the heading's text, and
 * with it the table of contents and the search index, stays as written.
 */
function headingSelfLinks(): HastPluginEntry {
  return () => {
    const slugger = new GithubSlugger();
    return defineHastPlugin({
      name: 'cep-heading-self-links',
      element: {
        filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
        visit(node, context) {
          const text = context.textContent(node);
          const existing = node.properties?.['id'];
          const id = typeof existing === 'string' ? existing : slugger.slug(text);
          if (typeof existing !== 'string') context.setProperty(node, 'id', id);
          context.appendChild(node, {
            type: 'element',
            tagName: 'a',
            properties: { href: `#${id}`, className: ['heading-link'], ariaLabel: `Link to this section: ${text}`, dataPagefindIgnore: '' },
            children: [],
          });
        },
      },
    });
  };
}

/**
 * A plugin that does nothing but carry, in its name, a digest of the code that shapes rendered
 * proposals. Astro keeps rendered entries in its data store (restored between CI runs) and clears
 * the store only when the serialisable part of its config changes; plugins are functions and do not
 * count. The digest in a name does, so a change to this code (or to how rendered HTML is stored)
 * re-renders every proposal.
 */
export function renderingVersionPlugin(): MdastPluginEntry {
  const sources = [
    './markdown-plugins.ts',
    './links.ts',
    '../urls.ts',
    './rendered-html.ts',
    '../security/html-schema.ts',
    '../security/sanitise-tree.ts',
    '../security/clean-elements.ts',
  ].map((file) => readFileSync(new URL(file, import.meta.url)));
  const digest = createHash('sha256').update(Buffer.concat(sources)).digest('hex').slice(0, 12);
  return defineMdastPlugin({ name: `cep-rendering-${digest}` });
}
