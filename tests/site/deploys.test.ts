/**
 * A deploy's life, as the scheduled and on-merge builds live it: real builds with GITHUB_TOKEN
 * against a local GitHub API server, each on the caches of the one before (Astro's data store, the
 * incremental build's pages, the rendered HTML kept beside the store, the tracking cache, the last
 * search index). What changed must show, nothing stale may stay, a cache that lost files must heal,
 * a damaged file of Astro's own caches must never be published (the site is built again from
 * scratch), and GitHub being down must neither break the build nor lose what was known (unless strict).
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ELEMENT_NODE, parse, TEXT_NODE, walkSync, type Node } from 'ultrahtml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCacheFile, writeCacheFile } from '../../src/lib/cache/cache-file.ts';
import { ParseCache } from '../../src/lib/cep/corpus.ts';
import { startFakeGitHub, type FakeGitHub } from '../../tools/github/fake-github.ts';
import { sampleTrackingData } from '../github/fixtures/sample-tracking.ts';
import { buildSite, projectRoot, readBuilt, testBuildDir, type BuildResult } from '../support/build.ts';

const token = 'ghp_LiveBuildToken0000000000000000000000';
const work = testBuildDir('deploys-');
const contentDir = path.join(work, 'ceps');
cpSync(path.join(projectRoot, 'content/ceps'), contentDir, { recursive: true });
const outDir = path.join(work, 'dist');
const cacheDir = path.join(work, 'cache');
const renderedHtmlDir = path.join(cacheDir, 'rendered-html/ceps');
const edited = path.join(contentDir, '4101-arm64-e2e-lanes/cep.md');
const proposalPage = 'ceps/4101-arm64-e2e-lanes/index.html';

/** The text a reader sees in `node`: its text nodes joined as written (markup splits no word). */
function textContent(node: Node): string {
  let content = '';
  walkSync(node, (child) => {
    if (child.type === TEXT_NODE) content += String(child.value);
  });
  return content.replace(/\s+/g, ' ');
}
/** A built page's text, a space for every tag. */
const pageText = (file: string) =>
  readBuilt(outDir, file)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

/** The rendered body (the `.prose` block) of every proposal page, as text. */
function proposalBodies(): Record<string, string> {
  const bodies: Record<string, string> = {};
  for (const slug of readdirSync(path.join(outDir, 'ceps'))) {
    walkSync(parse(readBuilt(outDir, `ceps/${slug}/index.html`)), (node) => {
      if (node.type === ELEMENT_NODE && /\bprose\b/.test(String(node.attributes['class'] ?? ''))) bodies[slug] = textContent(node);
    });
  }
  return bodies;
}

let github: FakeGitHub;
beforeAll(async () => {
  github = await startFakeGitHub(sampleTrackingData());
});
afterAll(async () => {
  await github?.close();
});

/** A build of the copied sample content with the token; no committed snapshot, so tracking data is what was fetched. */
function build(env: NodeJS.ProcessEnv = {}, into = outDir): Promise<BuildResult> {
  return buildSite(
    {
      ...github.env({ GITHUB_TOKEN: token }),
      CEP_CONTENT_DIR: contentDir,
      ASTRO_CACHE_DIR: cacheDir,
      TRACKING_CACHE_DIR: path.join(work, 'tracking'),
      TRACKING_SNAPSHOT: path.join(work, 'no-committed-snapshot.json'),
      ...env,
    },
    into,
  );
}

describe('deploys, each on the caches of the last', () => {
  it('cold: fetches live in one batched request, renders every proposal and keeps its HTML beside the data store', async () => {
    const result = await build();
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(github.graphqlRequests).toHaveLength(1);
    expect(github.graphqlRequests[0]?.issueNumbers).toHaveLength(14);
    expect(result.output).not.toContain(token);
    expect(pageText(proposalPage)).toMatch(/Tracking state as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC ?\./);
    expect(pageText(proposalPage)).not.toContain('(snapshot)');
    expect(pageText(proposalPage)).toContain('Motivation');
    // Every markdown proposal but the one with an image Astro processes at build time, like the .mdx one.
    expect(readdirSync(renderedHtmlDir)).toHaveLength(12);
    expect(readFileSync(path.join(cacheDir, 'data-store.json'), 'utf8')).not.toContain('<h2 id="motivation"');
  });

  it('one proposal edited: its page shows the edit, search is indexed again, the other pages are kept, and tracking costs one request', async () => {
    github.resetCounters();
    const keptFiles = readdirSync(renderedHtmlDir).length;
    const source = readFileSync(edited, 'utf8');
    writeFileSync(
      edited,
      source
        .replace(/^stage: alpha$/m, 'stage: beta')
        .replace(/^## Motivation\s*$/m, '## Motivation\n\nAn edit made between two builds.\n'),
    );
    const result = await build({ BUILD_TIME: '2026-12-02T09:30:00.000Z' });
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(pageText(proposalPage)).toContain('An edit made between two builds.');
    // Only the edited proposal's page is rendered again.
    const renderedProposals = [...result.output.matchAll(/\/ceps\/([^/ ]+)\/index\.html(?! \((?:restored|cached)\))/g)].map(
      (match) => match[1],
    );
    expect(renderedProposals).toEqual(['4101-arm64-e2e-lanes']);
    // Its badge is drawn again with the new stage; the other proposals' badges are kept as they were.
    expect(readBuilt(outDir, 'cep/4101/badge.svg')).toMatch(/aria-label="CEP 4101: implementable · beta/);
    expect(result.output).not.toMatch(/\/cep\/4101\/badge\.svg \((?:restored|cached)\)/);
    expect(result.output).toMatch(/\/cep\/4150\/badge\.svg \((?:restored|cached)\)/);
    expect(result.output).toContain('[cep-catalogue] 14 CEPs (13 unchanged since the last build, not parsed again)');
    expect(result.output).toMatch(/\[cep-pagefind\] indexed 15 pages/);
    // The pages that name the build are rendered on every build; the kept pages read them.
    expect(JSON.parse(readBuilt(outDir, 'build.json'))).toMatchObject({ builtAt: '2026-12-02T09:30:00.000Z' });
    expect(pageText('build/index.html')).toContain('Site built 2026-12-02 09:30 UTC');
    // The edited proposal's new HTML replaced its old one.
    expect(readdirSync(renderedHtmlDir)).toHaveLength(keptFiles);
    // Only what changed on GitHub since the last fetch is asked for.
    expect(github.graphqlRequests.length).toBeLessThanOrEqual(2);
    expect(github.graphqlRequests[0]?.searches.length).toBeGreaterThan(0);
  });

  it('caches cut off, garbage or gone and GitHub down: the caches heal with one line each, the last tracking data is kept with its time', async () => {
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
    github.fail({ type: 'status', status: 502, message: 'Bad Gateway' }, Infinity);

    const result = await build({ TRACKING_MAX_AGE_HOURS: '0.0001' });
    github.clearFailures();
    expect(result.code, result.output.slice(-2000)).toBe(0);
    const lines = result.output.split('\n');
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
    // GitHub down: the build goes on with what was fetched last, says why, and the pages say when.
    expect(result.output).toMatch(/502/);
    expect(result.output).not.toContain(token);
    expect(result.output).toContain('building with the last tracking data fetched');
    // The last known state is kept, with the time it was fetched: still open, never shown as closed.
    expect(pageText(proposalPage)).toContain('Tracking issue: open');
    expect(pageText(proposalPage)).toMatch(/Tracking state as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  });

  it("a proposal removed, and Astro's kept page and cached image damaged: the removed page is gone, the damaged files never published", async () => {
    const before = readdirSync(renderedHtmlDir).length;
    rmSync(path.join(contentDir, '4290-bazel-remote-cache'), { recursive: true });
    // What the incremental build copies from unchanged: a kept page, cut off, and the optimised diagram, garbage.
    const keptPage = path.join(cacheDir, 'dist', proposalPage);
    truncateSync(keptPage, Math.floor(readFileSync(keptPage).length / 2));
    const cachedDiagram = readdirSync(path.join(cacheDir, 'assets')).find((name) => /^architecture\.[^.]+\.svg$/.test(name));
    expect(cachedDiagram).toBeDefined();
    writeFileSync(path.join(cacheDir, 'assets', cachedDiagram!), 'not an image at all');

    const result = await build();
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(existsSync(path.join(outDir, 'ceps/4290-bazel-remote-cache/index.html'))).toBe(false);
    expect(pageText('index.html')).not.toContain('Shared Bazel remote cache');
    expect(readdirSync(renderedHtmlDir)).toHaveLength(before - 1);
    // Found in the output, so Astro's cache folder was emptied and the site built once more from scratch.
    expect(result.output).toContain(`build: ${proposalPage} in the output is bad (`);
    expect(result.output).toMatch(/build: _astro\/architecture\.[^ ]+\.svg in the output is bad \(not a svg image/);
    expect(result.output).toContain('building once more from scratch');
    expect(readBuilt(outDir, proposalPage).trimEnd().endsWith('</html>')).toBe(true);
    expect(pageText(proposalPage)).toContain('An edit made between two builds.');
    const diagrams = readdirSync(path.join(outDir, '_astro')).filter((name) => /^architecture\.[^.]+\.svg$/.test(name));
    expect(diagrams.length).toBeGreaterThan(0);
    for (const name of diagrams) expect(readFileSync(path.join(outDir, '_astro', name), 'utf8')).toMatch(/<svg[\s>]/);
  });

  it('strict mode turns GitHub being down into a failed build', async () => {
    github.fail({ type: 'status', status: 502 }, Infinity);
    const result = await build({ TRACKING_MAX_AGE_HOURS: '0.0001', TRACKING_STRICT: '1' }, testBuildDir('strict-'));
    github.clearFailures();
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/502/);
    expect(result.output).not.toContain(token);
  });
});
