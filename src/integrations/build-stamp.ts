/**
 * Keeps every page's "Last built … from commit …" true. With incremental builds a page that did
 * not change is not rendered again, so its HTML still names the build that last rendered it; this
 * step writes the current stamp into every such kept page once the build is done. Pages rendered
 * in this build already show it (see rendered-pages.ts) and are left alone.
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readBuildInfo, restampHtml } from '../lib/build-info.ts';
import { onRenderedPage } from './rendered-pages.ts';

export function buildStampIntegration(): AstroIntegration {
  const renderedNow = new Set<string>();
  let stopListening: (() => void) | undefined;
  return {
    name: 'cep-build-stamp',
    hooks: {
      'astro:build:start': () => {
        renderedNow.clear();
        stopListening = onRenderedPage((page) => renderedNow.add(page.file));
      },
      'astro:build:done': async ({ dir, logger }) => {
        stopListening?.();
        const build = readBuildInfo();
        const root = fileURLToPath(dir);
        const all = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.html'));
        const pages = all.filter((file) => !renderedNow.has(file.split(path.sep).join('/')));
        // Pages are independent: read and rewrite them a batch at a time rather than one by one.
        let changed = 0;
        const batchSize = 64;
        for (let start = 0; start < pages.length; start += batchSize) {
          await Promise.all(
            pages.slice(start, start + batchSize).map(async (page) => {
              const file = path.join(root, page);
              const html = await readFile(file, 'utf8');
              const stamped = restampHtml(html, build);
              if (stamped === html) return;
              // Written aside and renamed into place: the search index may be reading the page now
              // (see pagefind.ts), and must see the old page or the new one, never half of one.
              await writeFile(`${file}.stamping`, stamped);
              await rename(`${file}.stamping`, file);
              changed += 1;
            }),
          );
        }
        const stamp = `build stamp ${build.builtAt}${build.commit ? ` ${build.commit.slice(0, 7)}` : ''}`;
        logger.info(
          pages.length === 0
            ? `${stamp}: all ${all.length} pages were rendered in this build`
            : `${stamp} written into ${changed} of the ${pages.length} pages kept from the last build (${all.length} pages in all)`,
        );
      },
    },
  };
}
