/**
 * The peer of the benchmark: another static site generator building the same corpus, the way a
 * small project would set it up. Eleventy (11ty) 3, one page per markdown file through one layout,
 * with its default markdown (markdown-it: no syntax highlighting, unlike Astro's Shiki), no
 * collections, no search. It shows where Astro itself stands, as the floor shows where we stand
 * against Astro.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PeerProjectOptions {
  /** Folder to create the project in (created). */
  root: string;
  /** Folder holding the corpus' proposal folders (read, never written). */
  contentDir: string;
}

/** Arguments that build the peer project with `node`, run in its root (see {@link writePeerProject}). */
export function peerBuildArguments(nodeModules: string): string[] {
  return [path.join(nodeModules, '@11ty/eleventy/cmd.cjs'), '--config=eleventy.config.mjs', '--quiet'];
}

/** Writes the Eleventy project. */
export function writePeerProject(options: PeerProjectOptions): void {
  const { root } = options;
  mkdirSync(path.join(root, '_includes'), { recursive: true });
  writeFileSync(path.join(root, 'package.json'), `${JSON.stringify({ name: 'bench-peer', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(
    path.join(root, 'eleventy.config.mjs'),
    [
      'export default function (eleventyConfig) {',
      // Every page gets the one layout; markdown is not run through a template language first
      // (proposals hold Go templates and shell snippets with braces).
      "  eleventyConfig.addGlobalData('layout', 'proposal.liquid');",
      '  return {',
      '    markdownTemplateEngine: false,',
      '    dir: {',
      `      input: ${JSON.stringify(options.contentDir)},`,
      `      includes: ${JSON.stringify(path.relative(options.contentDir, path.join(root, '_includes')))},`,
      `      output: ${JSON.stringify(path.join(root, 'dist'))},`,
      '    },',
      '  };',
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(root, '_includes/proposal.liquid'),
    [
      '<!doctype html>',
      '<html lang="en">',
      '<head><meta charset="utf-8"><title>{{ title }}</title></head>',
      '<body><main>{{ content }}</main></body>',
      '</html>',
      '',
    ].join('\n'),
  );
}
