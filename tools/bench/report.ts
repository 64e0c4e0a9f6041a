import type { SkippedRunFigures } from './skipped-run.ts';

/**
 * The benchmark's results: their JSON shape, the targets they are checked against, and the table
 * `npm run bench` prints.
 */

/** One build, measured. */
export interface BuildFigures {
  wallMs: number;
  /** Peak resident memory of the build's process tree, bytes (null: not measurable here). */
  peakBytes: number | null;
  /** HTML pages in the output. */
  pages: number;
  /** Bytes of the Pagefind search index (`<outDir>/pagefind/`); 0 for the floor, which has none. */
  searchIndexBytes: number;
  /** Files in the search index. */
  searchIndexFiles: number;
  /** Bytes of the whole output folder. */
  outputBytes: number;
  /** GraphQL requests the build sent to the (fake) GitHub API; null for the floor. */
  apiRequests: number | null;
  /** Pages Astro reused from the previous build (`experimental.incrementalBuild`). */
  pagesReused: number;
  /** Whether the last search index was reused (no indexed page changed). */
  searchIndexReused: boolean;
  /** One-minute load average of the machine when the build started (other work skews the times). */
  loadAverage: number;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  platform: string;
  node: string;
}

export interface BenchResults {
  format: 1;
  date: string;
  machine: Machine;
  astro: string;
  count: number;
  corpus: {
    files: number;
    bytes: number;
    sizes: { min: number; median: number; max: number };
    frontMatter: number;
    template: number;
    extraPages: number;
  };
  /** Cold, warm and edited: live tracking data (local GitHub API); coldSnapshot: no token, committed snapshot. */
  site: { cold: BuildFigures; warm: BuildFigures; edited: BuildFigures; coldSnapshot: BuildFigures };
  /** A deploy run with nothing new: tracking fetch and digest comparison, build and deploy skipped. */
  skippedRun?: SkippedRunFigures;
  /**
   * Bare Astro over the same corpus; null with --skip-floor. `searchIndex`: the Pagefind CLI over
   * its cold build's pages, what a search index adds to the floor (the catalogue builds one).
   */
  floor: { cold: BuildFigures; edited: BuildFigures; searchIndex?: BuildFigures } | null;
  /** Another generator (Eleventy) over the same corpus; null with --skip-peer. */
  peer: { generator: string; cold: BuildFigures; edited: BuildFigures } | null;
  /** Our cold build time over the floor's. */
  coldToFloor: number | null;
  /** Our cold build time over the peer's. */
  coldToPeer: number | null;
  /** The same for the cold build without a token. */
  coldSnapshotToFloor: number | null;
  targets: TargetResult[];
}

export interface TargetResult {
  name: string;
  target: string;
  actual: string;
  /** null when it could not be measured (no floor, no /proc). */
  met: boolean | null;
}

/** The targets of the benchmark issue (set for 1000 CEPs on a 2-core machine). */
export const targets = {
  coldToFloor: 1.25,
  editedRebuildMs: 15_000,
  /** A one-CEP rebuild no slower than bare Astro's one-file rebuild. */
  editedToFloor: 1,
  peakBytes: 2 * 1024 ** 3,
  coldRequests: 25,
  warmRequests: 2,
} as const;

export function checkTargets(results: {
  site: Pick<BenchResults['site'], 'cold' | 'warm' | 'edited'> & Partial<BenchResults['site']>;
  coldToFloor: number | null;
  floor?: BenchResults['floor'];
}): TargetResult[] {
  const { cold, warm, edited, coldSnapshot } = results.site;
  const editedToFloor = results.floor ? edited.wallMs / results.floor.edited.wallMs : null;
  const peaks = [cold.peakBytes, warm.peakBytes, edited.peakBytes, ...(coldSnapshot ? [coldSnapshot.peakBytes] : [])];
  const peak = peaks.every((value) => value !== null) ? Math.max(...(peaks as number[])) : null;
  return [
    {
      name: 'cold build vs bare Astro',
      target: `≤ ${targets.coldToFloor.toFixed(2)}x`,
      actual: results.coldToFloor === null ? 'n/a' : `${results.coldToFloor.toFixed(2)}x`,
      met: results.coldToFloor === null ? null : results.coldToFloor <= targets.coldToFloor,
    },
    {
      name: 'rebuild after one CEP edited',
      target: `< ${seconds(targets.editedRebuildMs)}`,
      actual: seconds(edited.wallMs),
      met: edited.wallMs < targets.editedRebuildMs,
    },
    {
      name: "one-CEP rebuild vs bare Astro's",
      target: `≤ ${targets.editedToFloor.toFixed(2)}x`,
      actual: editedToFloor === null ? 'n/a' : `${editedToFloor.toFixed(2)}x`,
      met: editedToFloor === null ? null : editedToFloor <= targets.editedToFloor,
    },
    {
      name: 'peak memory (any build)',
      target: `< ${bytes(targets.peakBytes)}`,
      actual: peak === null ? 'n/a' : bytes(peak),
      met: peak === null ? null : peak < targets.peakBytes,
    },
    {
      name: 'tracking requests, cold',
      target: `≤ ${targets.coldRequests}`,
      actual: String(cold.apiRequests ?? 'n/a'),
      met: cold.apiRequests === null ? null : cold.apiRequests <= targets.coldRequests,
    },
    {
      name: 'tracking requests, warm',
      target: `≤ ${targets.warmRequests}`,
      actual: String(warm.apiRequests ?? 'n/a'),
      met: warm.apiRequests === null ? null : warm.apiRequests <= targets.warmRequests,
    },
  ];
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function bytes(value: number | null): string {
  if (value === null) return 'n/a';
  if (value >= 1024 ** 3) return `${(value / 1024 ** 3).toFixed(2)} GiB`;
  if (value >= 1024 ** 2) return `${(value / 1024 ** 2).toFixed(1)} MiB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${value} B`;
}

function pad(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The table printed at the end of a run. */
export function formatResults(results: BenchResults): string {
  const row = (label: string, figures: BuildFigures) => [
    label,
    seconds(figures.wallMs),
    bytes(figures.peakBytes),
    String(figures.pages),
    figures.pagesReused > 0 ? String(figures.pagesReused) : '-',
    figures.searchIndexFiles > 0 ? `${bytes(figures.searchIndexBytes)}${figures.searchIndexReused ? ' (reused)' : ''}` : '-',
    figures.apiRequests === null ? '-' : String(figures.apiRequests),
    figures.loadAverage.toFixed(1),
  ];
  const rows = [
    ['build', 'wall', 'peak memory', 'pages', 'reused', 'search index', 'API requests', 'load'],
    row('catalogue, cold', results.site.cold),
    row('catalogue, warm (no change)', results.site.warm),
    row('catalogue, warm (1 CEP edited)', results.site.edited),
    row('catalogue, cold, no token', results.site.coldSnapshot),
  ];
  if (results.floor) {
    rows.push(row('bare Astro, cold', results.floor.cold), row('bare Astro, warm (1 edited)', results.floor.edited));
    if (results.floor.searchIndex) rows.push(row('Pagefind CLI over bare Astro', results.floor.searchIndex));
  }
  if (results.peer) {
    rows.push(row('Eleventy, cold', results.peer.cold), row('Eleventy, warm (1 edited)', results.peer.edited));
  }
  const { corpus, machine } = results;
  const lines = [
    `${results.count} CEPs: ${corpus.files} markdown files, ${bytes(corpus.bytes)} (proposals ${bytes(corpus.sizes.min)} to ${bytes(corpus.sizes.max)}, median ${bytes(corpus.sizes.median)}; ${corpus.frontMatter} with front matter, ${corpus.template} in template form)`,
    `${machine.cpus} × ${machine.cpuModel}, ${bytes(machine.memoryBytes)} RAM, Node ${machine.node}, Astro ${results.astro}, ${results.date}`,
    '',
    pad(rows),
    '',
    pad([
      ['target', 'goal', 'actual', ''],
      ...results.targets.map((target) => [
        target.name,
        target.target,
        target.actual,
        target.met === null ? 'not measured' : target.met ? 'met' : 'MISSED',
      ]),
    ]),
  ];
  if (results.skippedRun) {
    const skipped = results.skippedRun;
    lines.push(
      '',
      `unchanged, skipped (a scheduled run with nothing new): ${seconds(skipped.wallMs)} (sync ${seconds(skipped.syncMs)}, digest ${seconds(skipped.digestMs)}), ` +
        `peak ${bytes(skipped.peakBytes)}, ${skipped.apiRequests} API request(s), ${skipped.skipped ? 'build and deploy skipped' : 'NOT skipped'}, ` +
        `instead of a warm build of ${seconds(results.site.warm.wallMs)} and a deploy; checkout and npm install come on top`,
    );
  }
  if (results.coldSnapshotToFloor !== null) {
    lines.push(
      '',
      `cold build without a token (committed snapshot, as pull-request CI builds): ${results.coldSnapshotToFloor.toFixed(2)}x bare Astro`,
    );
  }
  const { floor } = results;
  if (floor?.searchIndex) {
    const withSearch = floor.cold.wallMs + floor.searchIndex.wallMs;
    const ratios = [results.site.cold, results.site.coldSnapshot].map((figures) => (figures.wallMs / withSearch).toFixed(2));
    lines.push(
      `bare Astro with a search index (its cold build, then the Pagefind CLI over its pages): ${seconds(withSearch)}; our cold build is ${ratios[0]}x that, ${ratios[1]}x without a token`,
    );
  }
  if (results.peer && results.coldToPeer !== null) {
    const floorToPeer = results.floor ? `, bare Astro ${(results.floor.cold.wallMs / results.peer.cold.wallMs).toFixed(2)}x` : '';
    lines.push(
      `peer: ${results.peer.generator} (one layout, default markdown without code highlighting): our cold build is ${results.coldToPeer.toFixed(2)}x its time${floorToPeer}`,
    );
  }
  lines.push(
    'Live builds fetch tracking data from a local GitHub API server (queries one at a time, as in production); "load" is the load average when the build started.',
  );
  if (results.count !== 1000) lines.push('', '(the targets are set for 1000 CEPs)');
  return lines.join('\n');
}
