/**
 * Rebuilds that reuse the caches of the previous build (Astro's data store, the incremental build's
 * pages, the rendered HTML kept beside the store, the last search index), as deploys do: what
 * changed must show, nothing stale may stay, and a cache that lost files must heal, not break.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('the rendered HTML deleted from the cache: pages are rendered again, complete', async () => {
    rmSync(path.join(cacheDir, 'rendered-html'), { recursive: true });
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('An edit made between two builds.', 'A second edit.'));
    await build();
    const html = text(readBuilt(outDir, proposalPage));
    expect(html).toContain('A second edit.');
    expect(text(readBuilt(outDir, 'ceps/3912-flaky-test-quarantine/index.html'))).toContain('Motivation');
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
