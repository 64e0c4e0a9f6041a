/**
 * The floor of the benchmark: the least an Astro site can do with the same corpus. A bare Astro
 * project, written into a temporary folder, with one glob collection over every markdown file of
 * the corpus and one page per entry that renders `<Content />`; no schema, no enrichment, no
 * search, no integrations, Astro's default markdown processing. Its `node_modules` holds symlinks to
 * this repository's packages (see stage.ts), so nothing is downloaded and the framework is the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { linkNodeModules } from './stage.ts';

export interface FloorProjectOptions {
  /** Folder to create the project in (created). */
  root: string;
  /** This repository's `node_modules`, linked into the project. */
  nodeModules: string;
  /** Folder holding the corpus' proposal folders. */
  contentDir: string;
}

/** Writes the bare project; build it with `astro build` run in `root`. */
export function writeFloorProject(options: FloorProjectOptions): void {
  const { root } = options;
  mkdirSync(path.join(root, 'src/pages'), { recursive: true });
  linkNodeModules(options.nodeModules, root);
  writeFileSync(path.join(root, 'package.json'), `${JSON.stringify({ name: 'bench-floor', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(
    path.join(root, 'astro.config.mjs'),
    [
      "import { defineConfig } from 'astro/config';",
      '',
      'export default defineConfig({',
      "  site: 'https://floor.example.test',",
      "  outDir: process.env.OUT_DIR || './dist',",
      "  cacheDir: process.env.ASTRO_CACHE_DIR || './node_modules/.astro',",
      '});',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(root, 'src/content.config.ts'),
    [
      "import { defineCollection } from 'astro:content';",
      "import { glob } from 'astro/loaders';",
      '',
      `const docs = defineCollection({ loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(options.contentDir)} }) });`,
      '',
      'export const collections = { docs };',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(root, 'src/pages/[...id].astro'),
    [
      '---',
      "import { getCollection, render } from 'astro:content';",
      '',
      'export async function getStaticPaths() {',
      "  return (await getCollection('docs')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));",
      '}',
      '',
      'const { entry } = Astro.props;',
      'const { Content } = await render(entry);',
      '---',
      '<html lang="en">',
      '  <head><meta charset="utf-8" /><title>{entry.id}</title></head>',
      '  <body><main><Content /></main></body>',
      '</html>',
      '',
    ].join('\n'),
  );
}
