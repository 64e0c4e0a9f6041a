/**
 * Tells later build steps which pages Astro rendered in this build, as each one is rendered. With
 * the incremental build, unchanged pages are kept without being rendered; a step that must touch
 * every kept page once the build is done (the build stamp) can leave the rendered ones alone.
 *
 * It wraps Astro's prerenderer (`setPrerenderer` in `astro:build:start`, the API adapters use to
 * render pages elsewhere); only one integration may set it, so every step listens here.
 */
import type { AstroIntegration } from 'astro';

/** A page Astro rendered in this build. */
export interface RenderedPage {
  /** The file Astro writes it to, relative to the output folder, e.g. `ceps/4101-arm64-e2e-lanes/index.html`. */
  file: string;
}

type Listener = (page: RenderedPage) => void;

const listeners = new Set<Listener>();

/** Calls `listener` for every page rendered from now on; returns the function that stops it. */
export function onRenderedPage(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Pages Astro writes as `<name>.html` whatever the build format. */
const STATUS_PAGES = new Set(['404', '500']);

/**
 * The file Astro writes for a request, relative to the output folder, by Astro's rules for the
 * "directory" build format (the default, and this site's): `/base/ceps/x/` → `ceps/x/index.html`,
 * `/base/404/` → `404.html`, an endpoint's `/base/feed.xml` → `feed.xml`.
 */
export function outputFileOf(pathname: string, base: string, routeType: string): string {
  const decoded = decodeURI(pathname).replace(/\/$/, '');
  const root = base.replace(/\/$/, '');
  const name = decoded === root ? '' : decoded.startsWith(`${root}/`) ? decoded.slice(root.length + 1) : decoded.replace(/^\//, '');
  if (routeType === 'endpoint') return name;
  if (name === '') return 'index.html';
  return STATUS_PAGES.has(name) ? `${name}.html` : `${name}/index.html`;
}

export function renderedPagesIntegration(): AstroIntegration {
  let base = '/';
  return {
    name: 'cep-rendered-pages',
    hooks: {
      'astro:config:done': ({ config }) => {
        if (config.build.format !== 'directory') throw new Error(`rendered-pages: build.format "${config.build.format}" is not supported (only "directory")`);
        base = config.base;
      },
      'astro:build:start': ({ setPrerenderer }) => {
        setPrerenderer((inner) => ({
          ...inner,
          name: `${inner.name}+observed`,
          render: async (request, options) => {
            const result = await inner.render(request, options);
            const page: RenderedPage = { file: outputFileOf(new URL(request.url).pathname, base, options.routeData.type) };
            for (const listener of listeners) listener(page);
            return result;
          },
        }));
      },
    },
  };
}
