/**
 * `npm run bench -- --count 1000`: how the build scales. Generates a synthetic corpus, then builds
 * it cold, warm with nothing changed and warm with one CEP edited, with live tracking data from a
 * local GitHub API server; builds the same corpus with a bare Astro project (the floor); prints a
 * table and writes the figures as JSON. See docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { editCep, generateCorpus, type GeneratedCorpus } from '../tools/bench/corpus.ts';
import { writeFloorProject } from '../tools/bench/floor.ts';
import { peerBuildArguments, writePeerProject } from '../tools/bench/peer.ts';
import { stageProject } from '../tools/bench/stage.ts';
import { measureSkippedRun } from '../tools/bench/skipped-run.ts';
import { canMeasureMemory, folderSize, runMeasured, type MeasuredRun } from '../tools/bench/measure.ts';
import { checkTargets, formatResults, seconds, type BenchResults, type BuildFigures, type Machine } from '../tools/bench/report.ts';
import { fixtureLabel, makeIssue, startFakeGitHub, type FakeIssue } from '../tools/github/fake-github.ts';

const projectRoot = path.resolve(import.meta.dirname, '..');
const astroBin = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');

const usage = `
Usage: npm run bench -- [options]

Generates a synthetic corpus of CEPs (4-55 KB each, median about 14 KB, both input forms) in a
temporary folder and measures, in one run:
  - the catalogue's cold build, warm rebuild with nothing changed, and warm rebuild after one CEP
    was edited: wall time, peak memory of the build's process tree, pages, search index size,
    and the GitHub API requests for tracking data (against a local GitHub API server); then a
    cold build without GITHUB_TOKEN (committed snapshot), as pull-request CI builds;
  - the floor: a bare Astro project (one glob collection, one page per entry rendering <Content />)
    building the same corpus, cold and after one edit;
  - a peer: Eleventy building the same corpus (one page per file through one layout, its default
    markdown), cold and after one edit.
Prints a table and writes the figures as JSON.

Options:
  --count N         number of CEPs to generate (default 1000)
  --json FILE       where to write the results (default bench-results/bench-<count>.json)
  --keep            keep the temporary folder (corpus, outputs, build logs) and print its path
  --skip-floor      do not build the bare Astro project
  --skip-peer       do not build the Eleventy project
  -h, --help        show this help

Exit code 0 when every build succeeded (whether or not the targets were met), 1 when a build
failed, 2 for bad options.
`;

class UsageError extends Error {}

interface Options {
  count: number;
  json: string;
  keep: boolean;
  skipFloor: boolean;
  skipPeer: boolean;
}

const MAX_COUNT = 20_000;

function readOptions(argv: readonly string[]): Options {
  let values: { count?: string; json?: string; keep?: boolean; 'skip-floor'?: boolean; 'skip-peer'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        count: { type: 'string' },
        json: { type: 'string' },
        keep: { type: 'boolean', default: false },
        'skip-floor': { type: 'boolean', default: false },
        'skip-peer': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    // node's messages run over several lines ("… To specify a positional argument …"); keep the first.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new UsageError(message.replace(/\.$/, ''));
  }
  if (values.help) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  const written = values.count ?? '1000';
  if (!/^\d+$/.test(written.trim()) || Number(written) < 1 || Number(written) > MAX_COUNT) {
    throw new UsageError(`--count must be a whole number from 1 to ${MAX_COUNT}, not "${written}"`);
  }
  const count = Number(written);
  if (values.json !== undefined && values.json.trim() === '') throw new UsageError('--json needs a file name');
  return {
    count,
    json: path.resolve(values.json ?? path.join(projectRoot, 'bench-results', `bench-${count}.json`)),
    keep: values.keep ?? false,
    skipFloor: values['skip-floor'] ?? false,
    skipPeer: values['skip-peer'] ?? false,
  };
}

function machine(): Machine {
  const cpus = os.cpus();
  let cpuModel = cpus[0]?.model ?? 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // Not Linux: os.cpus() is as good as it gets.
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel,
    memoryBytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()}`,
    node: process.versions.node,
  };
}

let commit: string | null | undefined;
/** This repository's HEAD commit, or undefined outside git. */
function headCommit(): string | undefined {
  if (commit === undefined) {
    try {
      commit =
        execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() ||
        null;
    } catch {
      commit = null;
    }
  }
  return commit ?? undefined;
}

const packageVersion = (name: string) =>
  (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** Environment of a build: the caller's, without anything that would change what is built. */
function baseEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CATALOGUE_TODAY: '2026-12-01' };
  for (const name of [
    'GITHUB_TOKEN',
    'GH_TOKEN',
    'GITHUB_API_URL',
    'GITHUB_GRAPHQL_URL',
    'GITHUB_SERVER_URL',
    'TRACKING_REPO',
    'TRACKING_SNAPSHOT',
    'TRACKING_CACHE_DIR',
    'TRACKING_STRICT',
    'TRACKING_MAX_AGE_HOURS',
    'CATALOGUE_KIND',
    'CEP_SOURCE_URL',
    'OUT_DIR',
    'ASTRO_CACHE_DIR',
    'BASE_PATH',
  ]) {
    delete env[name];
  }
  return env;
}

/** The fake GitHub's issues: one per CEP, like real tracking issues (labels, a milestone, some check-ins, some closed). */
function trackingIssues(corpus: GeneratedCorpus): FakeIssue[] {
  return corpus.issueNumbers.map((issueNumber, index) =>
    makeIssue(issueNumber, {
      title: `[CEP] tracking issue ${issueNumber}`,
      labels: [fixtureLabel('sig/ci'), fixtureLabel('kind/enhancement'), ...(index % 3 === 0 ? [fixtureLabel('target/v1.10')] : [])],
      assignees: [`author-${index % 17}`],
      ...(index % 5 === 0 ? { state: 'CLOSED' as const, stateReason: 'COMPLETED' as const, closedAt: '2026-10-01T00:00:00Z' } : {}),
      comments:
        index % 2 === 0
          ? [
              {
                author: `author-${index % 17}`,
                body: '## Weekly check-in\n\nLanes are green; next step is beta.',
                createdAt: '2026-11-20T10:00:00Z',
              },
            ]
          : [],
    }),
  );
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function figures(run: MeasuredRun, outDir: string, apiRequests: number | null, loadAverage: number): BuildFigures {
  const pagefind = folderSize(path.join(outDir, 'pagefind'));
  return {
    wallMs: Math.round(run.wallMs),
    peakBytes: run.peakBytes,
    pages: folderSize(outDir, (file) => file.endsWith('.html')).files,
    searchIndexBytes: pagefind.bytes,
    searchIndexFiles: pagefind.files,
    outputBytes: folderSize(outDir).bytes,
    apiRequests,
    pagesReused: (run.output.match(/\((?:cached|restored)\)/g) ?? []).length,
    searchIndexReused: /reused the search index/.test(run.output),
    loadAverage: Math.round(loadAverage * 100) / 100,
  };
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (!existsSync(astroBin)) throw new Error(`${astroBin} is missing; run npm install first`);
  if (!canMeasureMemory()) progress('no /proc here: peak memory will not be measured');

  const tmp = mkdtempSync(path.join(os.tmpdir(), `cep-bench-${options.count}-`));
  const logs = path.join(tmp, 'logs');
  mkdirSync(logs);
  let failed = false;
  const github = await startFakeGitHub({ repository: 'kubevirt/project-infra', issues: [], pullRequests: [] });
  try {
    // The corpus, and the real release schedules beside it.
    const contentDir = path.join(tmp, 'content/ceps');
    const releasesDir = path.join(tmp, 'content/releases');
    cpSync(path.join(projectRoot, 'content/releases'), releasesDir, { recursive: true });
    const releases = readdirSync(releasesDir).filter((name) => /^v\d+\.\d+$/.test(name));
    progress(`generating ${options.count} CEPs in ${contentDir}`);
    const corpus = generateCorpus({ count: options.count, contentDir, releases });
    github.data.issues = trackingIssues(corpus);

    const build = async (
      label: string,
      cwd: string,
      env: NodeJS.ProcessEnv,
      outDir: string,
      countRequests: boolean,
      args = [astroBin, 'build'],
    ): Promise<BuildFigures> => {
      progress(`${label}…`);
      github.resetCounters();
      const [loadAverage = 0] = os.loadavg();
      const run = await runMeasured(process.execPath, args, { cwd, env });
      const logFile = path.join(logs, `${label.replace(/[^a-z0-9]+/gi, '-')}.log`);
      writeFileSync(logFile, run.output);
      if (run.code !== 0) {
        failed = true;
        throw new Error(
          `${label} failed (exit ${run.code ?? run.signal}); last lines of its output:\n${run.output.trim().split('\n').slice(-25).join('\n')}`,
        );
      }
      const result = figures(run, outDir, countRequests ? github.graphqlRequests.length : null, loadAverage);
      progress(`${label}: ${seconds(result.wallMs)}`);
      return result;
    };

    // The catalogue (a copy of this project in a root of its own, see stage.ts), with live tracking
    // data from the local GitHub API server.
    const siteDir = stageProject(projectRoot, path.join(tmp, 'site'));
    const siteOut = path.join(siteDir, 'dist');
    const siteEnv: NodeJS.ProcessEnv = {
      ...baseEnvironment(),
      // The commit the footer names; without it every page would ask git (GitHub Actions sets it).
      ...(headCommit() ? { GITHUB_SHA: headCommit() } : {}),
      ...github.env({ GITHUB_TOKEN: 'ghp_BenchmarkToken000000000000000000000' }),
      CEP_CONTENT_DIR: contentDir,
      CEP_RELEASES_DIR: releasesDir,
      SITE_URL: 'https://bench.example.test',
      BASE_PATH: '/',
      OUT_DIR: siteOut,
      ASTRO_CACHE_DIR: path.join(siteDir, 'node_modules/.astro'),
      TRACKING_CACHE_DIR: path.join(siteDir, 'tracking-cache'),
      // No committed snapshot to start from: the cold build fetches every tracking issue.
      TRACKING_SNAPSHOT: path.join(siteDir, 'no-committed-snapshot.json'),
    };
    // As `npm run build`: the tracking data is fetched by sync with the token, astro build runs without it.
    const catalogueBuild = (dir: string) => [path.join(dir, 'scripts/build.ts')];
    const cold = await build('catalogue, cold', siteDir, siteEnv, siteOut, true, catalogueBuild(siteDir));
    const warm = await build('catalogue, warm (no change)', siteDir, siteEnv, siteOut, true, catalogueBuild(siteDir));
    // A scheduled run with nothing new: fetch and compare, then build and deploy are skipped.
    progress('catalogue, unchanged, skipped (sync + digest)…');
    mkdirSync(path.join(tmp, 'skipped-run'));
    const skippedRun = await measureSkippedRun({
      codeRoot: siteDir,
      env: siteEnv,
      lastSnapshot: path.join(siteDir, 'tracking-cache/last.json'),
      workDir: path.join(tmp, 'skipped-run'),
      requestCount: () => github.graphqlRequests.length,
    });
    progress(`catalogue, unchanged, skipped: ${seconds(skippedRun.wallMs)}`);
    const edited = corpus.ceps[Math.floor(corpus.ceps.length / 2)] ?? corpus.ceps[0];
    if (!edited) throw new Error('the corpus is empty');
    const marker = editCep(
      path.join(contentDir, edited.relativePath),
      `Edited for the benchmark (catalogue) at ${new Date().toISOString()}.`,
    );
    const editedRun = await build('catalogue, warm (1 CEP edited)', siteDir, siteEnv, siteOut, true, catalogueBuild(siteDir));
    const editedPage = path.join(siteOut, 'ceps', edited.slug, 'index.html');
    if (!existsSync(editedPage) || !readFileSync(editedPage, 'utf8').includes(marker)) {
      failed = true;
      throw new Error(
        `after the edit, ${path.relative(siteOut, editedPage)} does not show the edited text: the rebuild served a stale page`,
      );
    }

    // As pull-request CI builds: no token, tracking data from a committed snapshot (here: the one
    // the live builds left in their cache), in a fresh copy with empty caches.
    const snapshotDir = stageProject(projectRoot, path.join(tmp, 'site-snapshot'));
    const snapshotOut = path.join(snapshotDir, 'dist');
    const snapshotEnv: NodeJS.ProcessEnv = {
      ...baseEnvironment(),
      ...(headCommit() ? { GITHUB_SHA: headCommit() } : {}),
      CEP_CONTENT_DIR: contentDir,
      CEP_RELEASES_DIR: releasesDir,
      SITE_URL: 'https://bench.example.test',
      BASE_PATH: '/',
      OUT_DIR: snapshotOut,
      ASTRO_CACHE_DIR: path.join(snapshotDir, 'node_modules/.astro'),
      TRACKING_CACHE_DIR: path.join(snapshotDir, 'tracking-cache'),
      TRACKING_SNAPSHOT: path.join(siteDir, 'tracking-cache/last.json'),
    };
    const coldSnapshot = await build('catalogue, cold, no token', snapshotDir, snapshotEnv, snapshotOut, true, catalogueBuild(snapshotDir));

    let floor: BenchResults['floor'] = null;
    if (!options.skipFloor) {
      const floorDir = path.join(tmp, 'floor');
      writeFloorProject({ root: floorDir, nodeModules: path.join(projectRoot, 'node_modules'), contentDir });
      const floorOut = path.join(floorDir, 'dist');
      const floorEnv: NodeJS.ProcessEnv = {
        ...baseEnvironment(),
        OUT_DIR: floorOut,
        ASTRO_CACHE_DIR: path.join(floorDir, 'node_modules/.astro'),
      };
      const floorCold = await build('bare Astro, cold', floorDir, floorEnv, floorOut, false);
      // What a search index costs by itself: the catalogue builds one, the bare project does not.
      const searchIndex = await build('Pagefind CLI over bare Astro', floorDir, floorEnv, floorOut, false, [
        path.join(projectRoot, 'node_modules/pagefind/lib/runner/bin.cjs'),
        '--site',
        floorOut,
      ]);
      editCep(path.join(contentDir, edited.relativePath), `Edited for the benchmark (bare Astro) at ${new Date().toISOString()}.`);
      const floorEdited = await build('bare Astro, warm (1 edited)', floorDir, floorEnv, floorOut, false);
      floor = { cold: floorCold, edited: floorEdited, searchIndex };
    }

    let peer: BenchResults['peer'] = null;
    if (!options.skipPeer) {
      const peerDir = path.join(tmp, 'peer');
      writePeerProject({ root: peerDir, contentDir });
      const peerOut = path.join(peerDir, 'dist');
      const peerArguments = peerBuildArguments(path.join(projectRoot, 'node_modules'));
      const peerCold = await build('Eleventy, cold', peerDir, baseEnvironment(), peerOut, false, peerArguments);
      editCep(path.join(contentDir, edited.relativePath), `Edited for the benchmark (Eleventy) at ${new Date().toISOString()}.`);
      const peerEdited = await build('Eleventy, warm (1 edited)', peerDir, baseEnvironment(), peerOut, false, peerArguments);
      peer = { generator: `Eleventy ${packageVersion('@11ty/eleventy')}`, cold: peerCold, edited: peerEdited };
    }

    const site = { cold, warm, edited: editedRun, coldSnapshot };
    const ratio = (figures: BuildFigures) => (floor ? Math.round((figures.wallMs / floor.cold.wallMs) * 100) / 100 : null);
    const coldToFloor = ratio(cold);
    const results: BenchResults = {
      format: 1,
      date: new Date().toISOString(),
      machine: machine(),
      astro: packageVersion('astro'),
      count: options.count,
      corpus: {
        files: corpus.files,
        bytes: corpus.bytes,
        sizes: corpus.sizes,
        frontMatter: corpus.ceps.filter((cep) => cep.form === 'front-matter').length,
        template: corpus.ceps.filter((cep) => cep.form === 'template').length,
        extraPages: corpus.ceps.reduce((total, cep) => total + cep.extraPages.length, 0),
      },
      site,
      skippedRun,
      floor,
      peer,
      coldToFloor,
      coldToPeer: peer ? Math.round((cold.wallMs / peer.cold.wallMs) * 100) / 100 : null,
      coldSnapshotToFloor: ratio(coldSnapshot),
      targets: checkTargets({ site, coldToFloor, floor }),
    };
    mkdirSync(path.dirname(options.json), { recursive: true });
    writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${formatResults(results)}\n\nResults written to ${path.relative(process.cwd(), options.json) || options.json}\n`);
    return 0;
  } finally {
    await github.close();
    if (options.keep || failed) progress(`kept ${tmp} (corpus, outputs, build logs in logs/)`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(error instanceof UsageError ? `bench: ${message} (see npm run bench -- --help)\n` : `bench: ${message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
