/**
 * The words and the markdown blocks of the benchmark's synthetic proposals (tools/bench/corpus.ts):
 * titles' parts, people and SIGs, sentences, paragraphs, lists, tables and fenced code. Every
 * function draws from the given `Random` only, so the same seed gives the same text.
 */
import type { Random } from './random.ts';

export const verbs = [
  'Shard',
  'Quarantine',
  'Cache',
  'Lint',
  'Bump',
  'Sign',
  'Retire',
  'Mirror',
  'Report',
  'Schedule',
  'Isolate',
  'Measure',
  'Automate',
  'Consolidate',
  'Parallelise',
];
export const subjects = [
  'e2e presubmit lanes',
  'flaky functional tests',
  'kubevirtci providers',
  'Prow job configuration',
  'Bazel build outputs',
  'test artifacts',
  'periodic jobs',
  'CI images',
  'release branch lanes',
  'arm64 lanes',
  's390x lanes',
  'GPU passthrough tests',
  'network conformance tests',
  'storage migration tests',
  'build cluster capacity',
  'container image builds',
  'CI cost data',
  'test ownership data',
  'merge queue batches',
  'nested virtualization hosts',
];
export const qualifiers = [
  'per SIG',
  'across build clusters',
  'before merge',
  'on every pull request',
  'for release branches',
  'with a robot',
  'by default',
  'on demand',
  'in the merge queue',
  'with provenance',
];
export const sigs = [
  'sig-ci',
  'sig-compute',
  'sig-network',
  'sig-storage',
  'sig-release',
  'sig-architecture',
  'sig-scale',
  'sig-observability',
];
export const people = [
  'mara-ci',
  'tkowalski',
  'pnavarro',
  'rbalogun',
  'yzhang-kv',
  'ikarlsson',
  'okafor-e',
  'lindqvist-a',
  'fmoretti',
  'sofia-mtz',
  'dchen',
  'akumar-kv',
  'jsmith-ci',
  'nwagner',
  'lrossi',
  'hsato',
  'mdubois',
  'pkowal',
  'ebrown',
  'gsingh',
];
const words = [
  'lane',
  'provider',
  'cluster',
  'job',
  'test',
  'flake',
  'retest',
  'pull request',
  'presubmit',
  'periodic',
  'robot',
  'artifact',
  'bucket',
  'image',
  'node',
  'capacity',
  'queue',
  'shard',
  'label',
  'owner',
  'report',
  'threshold',
  'budget',
  'signal',
  'release',
  'branch',
  'merge',
  'cache',
  'digest',
  'manifest',
  'runner',
  'pod',
  'timeout',
  'quota',
  'dashboard',
  'alert',
  'policy',
];
const adjectives = [
  'optional',
  'voting',
  'flaky',
  'slow',
  'stable',
  'nightly',
  'dedicated',
  'shared',
  'bare-metal',
  'ephemeral',
  'curated',
  'stale',
  'signed',
  'reproducible',
];
const actions = [
  'runs',
  'reports',
  'quarantines',
  'retries',
  'caches',
  'schedules',
  'labels',
  'bumps',
  'uploads',
  'measures',
  'blocks',
  'skips',
  'promotes',
  'reads',
];
const connectors = ['because', 'so that', 'while', 'unless', 'after', 'before', 'whenever', 'once'];
export const repos = [
  'kubevirt/kubevirt',
  'kubevirt/project-infra',
  'kubevirt/kubevirtci',
  'kubevirt/containerized-data-importer',
  'kubevirt/sig-release',
];

/** `Shard e2e presubmit lanes per SIG` → `shard-e2e-presubmit-lanes-per-sig`. */
export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export function phrase(random: Random): string {
  return `${random.pick(adjectives)} ${random.pick(words)}`;
}

export function sentence(random: Random): string {
  const parts = [`The ${phrase(random)} ${random.pick(actions)} the ${phrase(random)}`];
  if (random.chance(0.6))
    parts.push(`${random.pick(connectors)} the ${phrase(random)} ${random.pick(actions)} ${random.int(2, 60)} ${random.pick(words)}s`);
  if (random.chance(0.25)) parts.push(`in \`${random.pick(repos)}\``);
  const text = parts.join(' ');
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}.`;
}

/** A paragraph wrapped at about 90 columns, as the real documents are. */
export function paragraph(random: Random, sentences = random.int(2, 6)): string {
  const text = Array.from({ length: sentences }, () => sentence(random)).join(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > 90) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function bulletList(random: Random, items = random.int(3, 6)): string {
  return Array.from({ length: items }, () => `- ${sentence(random)}`).join('\n');
}

export function table(random: Random): string {
  const rows = random.int(3, 8);
  const header = `| ${random.pick(['Lane', 'Job', 'Provider', 'Cluster'])} | Median (min) | Share | Owner |\n| --- | --- | --- | --- |`;
  const body = Array.from(
    { length: rows },
    () =>
      `| \`${random.pick(['pull', 'periodic'])}-kubevirt-${random.pick(['e2e', 'unit', 'build', 'check'])}-${random.pick(['k8s-1.36', 'k8s-1.37', 'arm64', 'sig-compute', 'sig-network'])}\` | ${random.int(4, 180)} | ${random.int(1, 99)}% | ${random.pick(sigs)} |`,
  );
  return [header, ...body].join('\n');
}

export function codeBlock(random: Random, number: number): string {
  const kind = random.int(0, 2);
  if (kind === 0) {
    const lane = `pull-kubevirt-${random.pick(['e2e', 'check', 'build'])}-${number}-${random.int(1, 9)}`;
    return [
      '```yaml',
      'presubmits:',
      `  ${random.pick(repos)}:`,
      `    - name: ${lane}`,
      `      cluster: ${random.pick(['kubevirt-prow-workloads', 'arm64-workloads', 'prow-control-plane'])}`,
      `      always_run: ${random.chance(0.5)}`,
      `      optional: ${random.chance(0.5)}`,
      `      max_concurrency: ${random.int(1, 20)}`,
      '      decorate: true',
      '      decoration_config:',
      `        timeout: ${random.int(1, 4)}h`,
      '      spec:',
      '        containers:',
      '          - image: quay.io/kubevirtci/bootstrap:v20261104-1a2b3c4',
      `            command: ["/usr/local/bin/runner.sh", "/bin/sh", "-c", "automation/test.sh"]`,
      '            resources:',
      `              requests: { memory: "${random.int(4, 52)}Gi", cpu: "${random.int(2, 16)}" }`,
      '```',
    ].join('\n');
  }
  if (kind === 1) {
    return [
      '```bash',
      `export KUBEVIRT_PROVIDER=k8s-1.${random.int(34, 37)}`,
      `export KUBEVIRT_E2E_LABEL_FILTER='${random.pick(sigs)} && !QUARANTINE'`,
      `export KUBEVIRT_NUM_NODES=${random.int(2, 4)}`,
      'make cluster-up && make cluster-sync',
      `./automation/test.sh --shard ${random.int(1, 4)}/${random.int(4, 8)} 2>&1 | tee "\${ARTIFACTS}/test-${number}.log"`,
      '```',
    ].join('\n');
  }
  return [
    '```go',
    `// plan${number} assigns tests to shards so that shards finish at about the same time.`,
    `func plan${number}(durations map[string]time.Duration, shards int) [][]string {`,
    '\tnames := maps.Keys(durations)',
    '\tsort.Slice(names, func(i, j int) bool { return durations[names[i]] > durations[names[j]] })',
    '\tplan := make([][]string, shards)',
    '\tload := make([]time.Duration, shards)',
    '\tfor _, name := range names {',
    '\t\tlightest := slices.Index(load, slices.Min(load))',
    '\t\tplan[lightest] = append(plan[lightest], name)',
    '\t\tload[lightest] += durations[name]',
    '\t}',
    '\treturn plan',
    '}',
    '```',
  ].join('\n');
}

export function isoDate(random: Random, fromYear: number, toYear: number): string {
  const year = random.int(fromYear, toYear);
  return `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}
