/**
 * The benchmark's parts, quickly: the corpus generator (lint-clean, both input forms, realistic
 * sizes, reproducible), the measuring and reporting helpers, the bare project, and the CLI's
 * help and bad-input handling. The benchmark itself (minutes of builds) is run by hand: npm run bench.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editCep, generateCorpus, SIZE_RANGE } from '../../tools/bench/corpus.ts';
import { writeFloorProject } from '../../tools/bench/floor.ts';
import { peerBuildArguments, writePeerProject } from '../../tools/bench/peer.ts';
import { canMeasureMemory, folderSize, runMeasured } from '../../tools/bench/measure.ts';
import { createRandom } from '../../tools/bench/random.ts';
import { checkTargets, formatResults, type BenchResults, type BuildFigures } from '../../tools/bench/report.ts';
import { stageProject } from '../../tools/bench/stage.ts';
import { readCorpus } from '../../src/lib/cep/corpus.ts';
import { readCatalogueConfig } from '../../src/lib/config.ts';
import { projectRoot } from '../support/build.ts';

const created: string[] = [];
const temporary = (prefix: string) => {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(folder);
  return folder;
};
afterAll(() => {
  for (const folder of created) rmSync(folder, { recursive: true, force: true });
});

describe('the synthetic corpus', () => {
  const contentDir = path.join(temporary('cep-bench-corpus-'), 'ceps');
  const corpus = generateCorpus({ count: 60, contentDir, releases: ['v1.8', 'v1.9', 'v1.10'] });

  it('passes the catalogue rules without errors or warnings, in both input forms', () => {
    const read = readCorpus(
      readCatalogueConfig({ CEP_CONTENT_DIR: contentDir, CEP_RELEASES_DIR: path.join(projectRoot, 'content/releases') }),
    );
    expect(read.diagnostics).toEqual([]);
    expect(read.ceps).toHaveLength(60);
    expect(new Set(read.ceps.map((cep) => cep.form))).toEqual(new Set(['front-matter', 'template']));
    expect(read.ceps.some((cep) => cep.status === 'replaced' && cep.supersededBy !== undefined)).toBe(true);
    expect(read.ceps.filter((cep) => Object.keys(cep.targets).length > 0).length).toBeGreaterThan(20);
  });

  it('has proposals of real sizes, with headings, lists, tables, code and links between proposals', () => {
    for (const cep of corpus.ceps) {
      expect(cep.bytes).toBeGreaterThanOrEqual(SIZE_RANGE.min);
      expect(cep.bytes).toBeLessThanOrEqual(SIZE_RANGE.max + 2048);
    }
    expect(corpus.sizes.median).toBeGreaterThan(10 * 1024);
    expect(corpus.sizes.median).toBeLessThan(20 * 1024);
    const all = corpus.ceps.map((cep) => readFileSync(path.join(contentDir, cep.relativePath), 'utf8')).join('\n');
    expect(all).toMatch(/^## Graduation Requirements$/m);
    expect(all).toMatch(/^### 1\. /m);
    expect(all).toMatch(/^- \[[ x]\] /m);
    expect(all).toMatch(/^\| --- \|/m);
    expect(all).toMatch(/^```(yaml|bash|go)$/m);
    expect(all).toMatch(/\]\(\.\.\/\d+-[a-z0-9-]+\/cep\.md(#design)?\)/);
    expect(all).toMatch(/^- This CEP targets alpha for version: /m);
  });

  it('is the same for the same count and seed', () => {
    const again = generateCorpus({
      count: 60,
      contentDir: path.join(temporary('cep-bench-corpus-'), 'ceps'),
      releases: ['v1.8', 'v1.9', 'v1.10'],
    });
    expect(again.bytes).toBe(corpus.bytes);
    expect(again.ceps.map((cep) => cep.slug)).toEqual(corpus.ceps.map((cep) => cep.slug));
  });

  it('edits a proposal in its Overview', () => {
    const file = path.join(contentDir, corpus.ceps[3]!.relativePath);
    const marker = editCep(file, 'An edit for the test.');
    const text = readFileSync(file, 'utf8');
    expect(text.indexOf(marker)).toBeLessThan(text.indexOf('## Motivation'));
    expect(text.indexOf(marker)).toBeGreaterThan(text.indexOf('## Overview'));
  });

  it('rejects a count that is not a positive integer', () => {
    expect(() => generateCorpus({ count: 0, contentDir, releases: [] })).toThrow(/positive integer/);
  });
});

describe('the seeded random numbers', () => {
  it('repeat for a seed and stay in range', () => {
    const first = createRandom(7);
    const second = createRandom(7);
    const values = Array.from({ length: 100 }, () => first.int(3, 9));
    expect(Array.from({ length: 100 }, () => second.int(3, 9))).toEqual(values);
    expect(Math.min(...values)).toBe(3);
    expect(Math.max(...values)).toBe(9);
    expect(createRandom(1).sample(['a', 'b', 'c', 'd'], 2)).toHaveLength(2);
  });
});

describe('measuring', () => {
  it('times a command and reads the peak memory of its process tree', async () => {
    // The child starts a grandchild that holds ~120 MB: the tree's peak must include it.
    const script = `const { spawnSync } = require('node:child_process'); spawnSync(process.execPath, ['-e', 'const b = Buffer.alloc(120 * 1024 * 1024, 1); setTimeout(() => console.log(b.length), 600)'], { stdio: 'inherit' });`;
    const run = await runMeasured(process.execPath, ['-e', script], { cwd: projectRoot, env: process.env, pollMs: 50 });
    expect(run.code).toBe(0);
    expect(run.output).toContain(String(120 * 1024 * 1024));
    expect(run.wallMs).toBeGreaterThan(500);
    if (canMeasureMemory()) {
      expect(run.peakBytes).toBeGreaterThan(120 * 1024 * 1024);
      expect(run.peakProcesses).toBeGreaterThanOrEqual(2);
    }
  });

  it('adds up the files of a folder', () => {
    expect(folderSize(path.join(projectRoot, 'content/releases')).files).toBeGreaterThanOrEqual(3);
    expect(folderSize(path.join(projectRoot, 'no-such-folder'))).toEqual({ files: 0, bytes: 0 });
  });
});

describe('the build roots', () => {
  it("the bare project has one collection over the corpus and one page per entry, on this repository's packages", () => {
    const root = temporary('cep-bench-floor-');
    writeFloorProject({ root, nodeModules: path.join(projectRoot, 'node_modules'), contentDir: '/corpus/ceps' });
    expect(readFileSync(path.join(root, 'src/content.config.ts'), 'utf8')).toContain(`glob({ pattern: '**/*.md', base: "/corpus/ceps" })`);
    expect(readFileSync(path.join(root, 'src/pages/[...id].astro'), 'utf8')).toContain('<Content />');
    expect(lstatSync(path.join(root, 'node_modules/astro')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(root, 'node_modules/astro'))).toBe(path.join(projectRoot, 'node_modules/astro'));
  });

  it('the peer is an Eleventy project that builds one page per markdown file, leaving the corpus untouched', () => {
    const contentDir = temporary('cep-bench-peer-corpus-');
    mkdirSync(path.join(contentDir, '5000-a'));
    writeFileSync(
      path.join(contentDir, '5000-a/cep.md'),
      '---\ntitle: Shard lanes\n---\n\n## Overview\n\nRun `{{ .Values.shard }}` per lane.\n',
    );
    mkdirSync(path.join(contentDir, '5001-b'));
    writeFileSync(path.join(contentDir, '5001-b/cep.md'), '# CEP-5001: template form\n\n## Motivation\n\nText.\n');
    const root = temporary('cep-bench-peer-');
    writePeerProject({ root, contentDir });
    const result = spawnSync(process.execPath, peerBuildArguments(path.join(projectRoot, 'node_modules')), { cwd: root, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const page = readFileSync(path.join(root, 'dist/5000-a/cep/index.html'), 'utf8');
    expect(page).toContain('<title>Shard lanes</title>');
    expect(page).toContain('<code>{{ .Values.shard }}</code>');
    expect(readFileSync(path.join(root, 'dist/5001-b/cep/index.html'), 'utf8')).toContain('<h1>CEP-5001: template form</h1>');
    expect(readdirSync(contentDir).sort()).toEqual(['5000-a', '5001-b']);
  });

  it('the catalogue is copied with its own node_modules folder, so .vite and .astro stay out of the repository', () => {
    const root = stageProject(projectRoot, temporary('cep-bench-site-'));
    expect(existsSync(path.join(root, 'astro.config.mjs'))).toBe(true);
    expect(existsSync(path.join(root, 'src/content.config.ts'))).toBe(true);
    expect(lstatSync(path.join(root, 'node_modules')).isSymbolicLink()).toBe(false);
    expect(existsSync(path.join(root, 'node_modules/.vite'))).toBe(false);
  });
});

describe('the report', () => {
  const build = (wallMs: number, apiRequests: number | null, peakBytes: number | null = 1024 ** 3): BuildFigures => ({
    wallMs,
    peakBytes,
    pages: 2000,
    searchIndexBytes: 5 * 1024 ** 2,
    searchIndexFiles: 900,
    outputBytes: 90 * 1024 ** 2,
    apiRequests,
    pagesReused: 0,
    searchIndexReused: false,
    loadAverage: 0.5,
  });

  it('checks the targets of the issue', () => {
    const site = { cold: build(30_000, 20), warm: build(20_000, 1), edited: build(16_000, 1, 2.5 * 1024 ** 3) };
    const checked = checkTargets({ site, coldToFloor: 1.2 });
    expect(checked.map((target) => target.met)).toEqual([true, false, null, false, true, true]);
    expect(checkTargets({ site, coldToFloor: null })[0]?.met).toBeNull();
    // The one-CEP rebuild against bare Astro's one-file rebuild: 16 s against 15 s is slower.
    const floor = { cold: build(25_000, null), edited: build(15_000, null) };
    expect(checkTargets({ site, coldToFloor: 1.2, floor })[2]).toMatchObject({ actual: '1.07x', met: false });
  });

  it('prints a table with a row per build and the targets', () => {
    const site = { cold: build(30_000, 20), warm: build(20_000, 1), edited: build(12_000, 1), coldSnapshot: build(27_000, 0) };
    const results: BenchResults = {
      format: 1,
      date: '2026-12-01T00:00:00.000Z',
      machine: { cpus: 2, cpuModel: 'Test CPU', memoryBytes: 8 * 1024 ** 3, platform: 'linux', node: '24.0.0' },
      astro: '7.3.5',
      count: 100,
      corpus: {
        files: 103,
        bytes: 1.5 * 1024 ** 2,
        sizes: { min: 4500, median: 14000, max: 50000 },
        frontMatter: 70,
        template: 30,
        extraPages: 3,
      },
      site,
      floor: { cold: build(25_000, null), edited: build(10_000, null), searchIndex: build(5_000, null) },
      peer: { generator: 'Eleventy 3.1.8', cold: build(5_000, null), edited: build(5_000, null) },
      coldToFloor: 1.2,
      coldToPeer: 6,
      coldSnapshotToFloor: 1.08,
      targets: checkTargets({ site, coldToFloor: 1.2 }),
    };
    const table = formatResults(results);
    expect(table).toContain('catalogue, cold');
    expect(table).toContain('bare Astro, cold');
    expect(table).toMatch(/cold build vs bare Astro\s+≤ 1\.25x\s+1\.20x\s+met/);
    expect(table).toContain('catalogue, cold, no token');
    expect(table).toContain('1.08x bare Astro');
    expect(table).toContain('Pagefind CLI over bare Astro');
    expect(table).toContain(
      'bare Astro with a search index (its cold build, then the Pagefind CLI over its pages): 30.0 s; our cold build is 1.00x that, 0.90x without a token',
    );
    expect(table).toContain('(the targets are set for 1000 CEPs)');
    expect(table).toContain('Eleventy, cold');
    expect(table).toContain(
      'peer: Eleventy 3.1.8 (one layout, default markdown without code highlighting): our cold build is 6.00x its time, bare Astro 5.00x',
    );
  });
});

describe('npm run bench', () => {
  const bench = (args: string[]) =>
    spawnSync(process.execPath, [path.join(projectRoot, 'scripts/bench.ts'), ...args], { cwd: projectRoot, encoding: 'utf8' });

  it('--help explains the options and exits 0', () => {
    const result = bench(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run bench/);
    for (const option of ['--count', '--json', '--keep', '--skip-floor', '--skip-peer']) expect(result.stdout).toContain(option);
  });

  it.each([
    [['--count', 'many'], /^bench: --count must be a whole number from 1 to 20000, not "many"/],
    [['--count', '0'], /^bench: --count must be a whole number/],
    [['--count'], /^bench: Option '--count <value>' argument missing/],
    [['--frobnicate'], /^bench: Unknown option '--frobnicate'/],
    [['1000'], /^bench: Unexpected argument '1000'/],
  ])('bad input %j: one line on stderr, exit 2', (args, message) => {
    const result = bench(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});
