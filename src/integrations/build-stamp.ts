/**
 * Keeps every page's "Last built … from commit …" true. With incremental builds a page that did
 * not change is not rendered again, so its HTML still names the build that last rendered it; this
 * step writes the current stamp into every page once the build is done.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readBuildInfo, restampHtml } from '../lib/build-info.ts';

export function buildStampIntegration(): AstroIntegration {
  return {
    name: 'cep-build-stamp',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const build = readBuildInfo();
        const root = fileURLToPath(dir);
        const pages = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.html'));
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
              await writeFile(file, stamped);
              changed += 1;
            }),
          );
        }
        logger.info(`build stamp ${build.builtAt}${build.commit ? ` ${build.commit.slice(0, 7)}` : ''} on ${changed} of ${pages.length} pages`);
      },
    },
  };
}
