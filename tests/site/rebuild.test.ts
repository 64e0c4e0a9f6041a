/**
 * Rebuilds that reuse the caches of the previous build (Astro's data store, the incremental build's
 * pages, the rendered HTML kept beside the store, the last search index), as deploys do: what
 * changed must show, nothing stale may stay, and a cache that lost files must heal, not break.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELEMENT_NODE, parse, TEXT_NODE, walkSync, type Node } from 'ultrahtml';
import { readCacheFile, writeCacheFile } from '../../src/lib/cache/cache-file.ts';
import { ParseCache } from '../../src/lib/cep/corpus.ts';
import { buildSite, projectRoot, readBuilt, testBuildDir } from '../support/build.ts';

const work = testBuildDir('rebuild-');
const contentDir = path.join(work, 'ceps');
cpSync(path.join(projectRoot, 'content/ceps'), contentDir, { recursive: true });
const outDir = path.join(work, 'dist');
const cacheDir = path.join(work, 'cache');
const environment = { CEP_CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: cacheDir };
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const edited = path.join(contentDir, '4101-arm64-e2e-lanes/cep.md');
const proposalPage = 'ceps/4101-arm64-e2e-lanes/index.html';
const renderedHtmlDir = path.join(cacheDir, 'rendered-html/ceps');

/** The text a reader sees in `node`: its text nodes joined as written (markup splits no word). */
function textContent(node: Node): string {
  let content = '';
  walkSync(node, (child) => {
    if (child.type === TEXT_NODE) content += String(child.value);
  });
  return content.replace(/\s+/g, ' ');
}

/**
 * The rendered body (the `.prose` block) of every proposal page, as text. Text, not markup: the
 * syntax highlighter may split a code line into tokens differently on a loaded machine (its
 * per-line time limit), which changes the spans but never the text.
 */
function proposalBodies(): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const slug of readdirSync(path.join(outDir, 'ceps'))) {
    let prose = '';
    walkSync(parse(readBuilt(outDir, `ceps/${slug}/index.html`)), (node) => {
      if (node.type === ELEMENT_NODE && /\bprose\b/.test(String(node.attributes['class'] ?? ''))) prose = textContent(node);
    });
    bodies[slug] = prose;
  }
  return bodies;
}

async function build(buildTime = '2026-12-01T08:00:00.000Z'): Promise<string> {
  const result = await buildSite({ ...environment, BUILD_TIME: buildTime }, outDir);
  expect(result.code, result.output).toBe(0);
  return result.output;
}

describe('a rebuild on the caches of the previous build', () => {
  it('cold: every proposal is rendered, its HTML kept beside the data store rather than in it', async () => {
    await build();
    expect(text(readBuilt(outDir, proposalPage))).toContain('Motivation');
    const files = readdirSync(renderedHtmlDir);
    // Every markdown proposal but the one with an image Astro processes at build time, like the .mdx one.
    expect(files).toHaveLength(12);
    const store = readFileSync(path.join(cacheDir, 'data-store.json'), 'utf8');
    expect(store).not.toContain('<h2 id="motivation"');
  });

  it('one proposal edited: its page shows the edit and search is indexed again; the other pages are kept', async () => {
    const keptFiles = readdirSync(renderedHtmlDir).length;
    const source = readFileSync(edited, 'utf8');
    writeFileSync(edited, source.replace(/^## Motivation\s*$/m, '## Motivation\n\nAn edit made between two builds.\n'));
    const output = await build('2026-12-02T09:30:00.000Z');
    expect(text(readBuilt(outDir, proposalPage))).toContain('An edit made between two builds.');
    expect(output).toContain('[cep-catalogue] 14 CEPs (13 unchanged since the last build, not parsed again)');
    expect(output).toMatch(/\[cep-pagefind\] indexed 15 pages/);
    // The pages that name the build are rendered on every build; the kept pages read them.
    expect(JSON.parse(readBuilt(outDir, 'build.json'))).toMatchObject({ builtAt: '2026-12-02T09:30:00.000Z' });
    expect(text(readBuilt(outDir, 'build/index.html'))).toContain('Site built 2026-12-02 09:30 UTC');
    // The edited proposal's new HTML replaced its old one.
    expect(readdirSync(renderedHtmlDir)).toHaveLength(keptFiles);
  });

  it('cache files cut off, garbage or gone, a malformed parse-cache entry: rebuilt with one line each, never published', async () => {
    const expected = proposalBodies();
    const [cut, garbage, gone] = readdirSync(renderedHtmlDir).sort();
    const cutFile = path.join(renderedHtmlDir, cut!);
    writeFileSync(cutFile, readFileSync(cutFile).subarray(0, 400));
    writeFileSync(path.join(renderedHtmlDir, garbage!), '<p>not what was rendered</p>');
    rmSync(path.join(renderedHtmlDir, gone!));
    // A parse-cache entry with a valid checksum but without its links (once: "source.links is not iterable").
    const parseCache = path.join(cacheDir, 'parsed-proposals.json');
    const version = new ParseCache(projectRoot).version();
    const stored = readCacheFile(parseCache, version);
    if (!stored.ok) throw new Error(stored.detail);
    const documents = JSON.parse(stored.content) as Record<string, { document: { links?: unknown } }>;
    delete Object.values(documents)[0]!.document.links;
    writeCacheFile(parseCache, JSON.stringify(documents), version);
    // Without Astro's record of the pages it kept, every page is rendered again, from the cache files.
    rmSync(path.join(cacheDir, 'incremental-build.json'));

    const output = await build();
    const lines = output.split('\n');
    expect(
      lines.filter((line) =>
        /rendered HTML of "[^"]+" is unusable \((cut off: \d+ of \d+ bytes|not a cache file of this catalogue \(no header\))\); rendering it again/.test(
          line,
        ),
      ),
    ).toHaveLength(2);
    expect(lines.filter((line) => line.includes('1 malformed entry ignored; that proposal is parsed again'))).toHaveLength(1);
    expect(proposalBodies()).toEqual(expected);
    expect(readdirSync(renderedHtmlDir)).toHaveLength(12);
  });

  it('a proposal removed: its page and its kept HTML are gone', async () => {
    const before = readdirSync(renderedHtmlDir).length;
    rmSync(path.join(contentDir, '4290-bazel-remote-cache'), { recursive: true });
    await build();
    expect(existsSync(path.join(outDir, 'ceps/4290-bazel-remote-cache/index.html'))).toBe(false);
    expect(text(readBuilt(outDir, 'index.html'))).not.toContain('Shared Bazel remote cache');
    expect(readdirSync(renderedHtmlDir)).toHaveLength(before - 1);
  });
});
