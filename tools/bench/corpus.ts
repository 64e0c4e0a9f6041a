/**
 * Synthetic CEP corpus for `npm run bench`: `count` proposals that look like the real ones in size
 * and shape, written the two ways the catalogue reads (YAML front matter, and the template's H1 and
 * "targets <stage> for version" lines), and that pass `npm run lint` without errors, so the build
 * accepts them.
 *
 * Size mix: real proposals are 4-55 KB of markdown with a median of about 14 KB; sizes here are
 * drawn from a log-normal distribution with that median, clamped to that range. Every document has
 * the template's sections, a signoff checklist, lists, tables, fenced code (YAML, shell, Go), links
 * to other proposals and to GitHub; some have a supporting document beside them, some replace
 * others. The same `count` and `seed` always give the same files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRandom, type Random } from './random.ts';

export interface CorpusOptions {
  /** Number of proposals. */
  count: number;
  /** Folder to write `<number>-<slug>/cep.md` folders into (created). */
  contentDir: string;
  /** Releases that have a schedule (`v1.8`, …); targets are drawn from these. */
  releases: readonly string[];
  /** Seed of the generator (default 4101). */
  seed?: number;
  /** Number of the first proposal (default 5000); the others follow without gaps. */
  firstNumber?: number;
}

export interface GeneratedCep {
  number: number;
  slug: string;
  /** `<slug>/cep.md`, relative to the content folder. */
  relativePath: string;
  form: 'front-matter' | 'template';
  bytes: number;
  /** Supporting documents beside the proposal, relative to the content folder. */
  extraPages: string[];
}

export interface GeneratedCorpus {
  contentDir: string;
  ceps: GeneratedCep[];
  /** Tracking-issue numbers (one per proposal: its own number). */
  issueNumbers: number[];
  /** Markdown files written (proposals and supporting documents). */
  files: number;
  /** Bytes of markdown written. */
  bytes: number;
  /** Proposal sizes in bytes. */
  sizes: { min: number; median: number; max: number };
}

/** Real proposals: 4 KB to 55 KB, median about 14 KB. */
export const SIZE_RANGE = { min: 4 * 1024, median: 14 * 1024, max: 55 * 1024 } as const;
/** Share of proposals written with YAML front matter (the others in the template's form). */
export const FRONT_MATTER_SHARE = 0.7;
/** Share of proposals with a supporting document (`design-details.md`). */
export const EXTRA_PAGE_SHARE = 0.06;
/** Share of proposals that replace an earlier one. */
export const REPLACEMENT_SHARE = 0.02;

const verbs = [
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
const subjects = [
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
const qualifiers = [
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
const sigs = ['sig-ci', 'sig-compute', 'sig-network', 'sig-storage', 'sig-release', 'sig-architecture', 'sig-scale', 'sig-observability'];
const people = [
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
const repos = [
  'kubevirt/kubevirt',
  'kubevirt/project-infra',
  'kubevirt/kubevirtci',
  'kubevirt/containerized-data-importer',
  'kubevirt/sig-release',
];

/** `Shard e2e presubmit lanes per SIG` → `shard-e2e-presubmit-lanes-per-sig`. */
function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function phrase(random: Random): string {
  return `${random.pick(adjectives)} ${random.pick(words)}`;
}

function sentence(random: Random): string {
  const parts = [`The ${phrase(random)} ${random.pick(actions)} the ${phrase(random)}`];
  if (random.chance(0.6))
    parts.push(`${random.pick(connectors)} the ${phrase(random)} ${random.pick(actions)} ${random.int(2, 60)} ${random.pick(words)}s`);
  if (random.chance(0.25)) parts.push(`in \`${random.pick(repos)}\``);
  const text = parts.join(' ');
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}.`;
}

/** A paragraph wrapped at about 90 columns, as the real documents are. */
function paragraph(random: Random, sentences = random.int(2, 6)): string {
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

function bulletList(random: Random, items = random.int(3, 6)): string {
  return Array.from({ length: items }, () => `- ${sentence(random)}`).join('\n');
}

function table(random: Random): string {
  const rows = random.int(3, 8);
  const header = `| ${random.pick(['Lane', 'Job', 'Provider', 'Cluster'])} | Median (min) | Share | Owner |\n| --- | --- | --- | --- |`;
  const body = Array.from(
    { length: rows },
    () =>
      `| \`${random.pick(['pull', 'periodic'])}-kubevirt-${random.pick(['e2e', 'unit', 'build', 'check'])}-${random.pick(['k8s-1.36', 'k8s-1.37', 'arm64', 'sig-compute', 'sig-network'])}\` | ${random.int(4, 180)} | ${random.int(1, 99)}% | ${random.pick(sigs)} |`,
  );
  return [header, ...body].join('\n');
}

function codeBlock(random: Random, number: number): string {
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

interface Plan {
  number: number;
  slug: string;
  title: string;
  form: 'front-matter' | 'template';
  targetBytes: number;
  status: string;
  replaces?: number;
  supersededBy?: number;
  extraPage: boolean;
}

function drawSize(random: Random): number {
  // Log-normal around the median; sigma 0.45 puts about 90% of documents between 7 KB and 30 KB.
  const size = Math.round(SIZE_RANGE.median * Math.exp(random.normal(0, 0.45)));
  return Math.min(SIZE_RANGE.max, Math.max(SIZE_RANGE.min, size));
}

function drawStatus(random: Random): string {
  const roll = random.next();
  if (roll < 0.27) return 'provisional';
  if (roll < 0.62) return 'implementable';
  if (roll < 0.87) return 'implemented';
  if (roll < 0.93) return 'deferred';
  if (roll < 0.96) return 'rejected';
  return 'withdrawn';
}

function isoDate(random: Random, fromYear: number, toYear: number): string {
  const year = random.int(fromYear, toYear);
  return `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

function linkTo(other: Plan, from: Plan, random: Random): string {
  const label = random.chance(0.5) ? `CEP #${other.number}` : `CEP ${other.number}`;
  const anchor = random.chance(0.3) ? '#design' : '';
  return other.number === from.number ? `[this CEP](#overview)` : `[${label}](../${other.slug}/cep.md${anchor})`;
}

function frontMatter(plan: Plan, random: Random, targets: Record<string, string>): string {
  const created = isoDate(random, 2024, 2026);
  const touched = isoDate(random, 2026, 2026);
  const lines = [
    '---',
    `title: ${JSON.stringify(plan.title)}`,
    `cep-number: ${plan.number}`,
    `creation-date: "${created}"`,
    `last-updated: "${touched > created ? touched : created}"`,
    `status: ${plan.status}`,
  ];
  if (plan.status === 'implementable' || plan.status === 'implemented') lines.push(`stage: ${random.pick(['alpha', 'beta', 'stable'])}`);
  lines.push('', 'authors:', ...random.sample(people, random.int(1, 3)).map((login) => `  - "@${login}"`));
  lines.push('', `owning-sig: ${random.chance(0.85) ? 'sig-ci' : random.pick(sigs)}`);
  const participating = random.sample(sigs.slice(1), random.int(0, 3));
  if (participating.length > 0) lines.push('participating-sigs:', ...participating.map((sig) => `  - ${sig}`));
  lines.push('', 'reviewers:', ...random.sample(people, 2).map((login) => `  - "@${login}"`));
  lines.push('approvers:', ...random.sample(people, 1).map((login) => `  - "@${login}"`));
  lines.push('', `tracking-issue: https://github.com/kubevirt/project-infra/issues/${plan.number}`);
  const milestone = Object.entries(targets);
  if (milestone.length > 0) lines.push('', 'milestone:', ...milestone.map(([stage, release]) => `  ${stage}: "${release}"`));
  if (plan.replaces !== undefined) lines.push(`replaces: ${plan.replaces}`);
  if (plan.supersededBy !== undefined) lines.push(`superseded-by: ${plan.supersededBy}`);
  const lastTarget = milestone.at(-1)?.[1];
  if (lastTarget && random.chance(0.05)) {
    lines.push(
      '',
      'exceptions:',
      `  - release: "${lastTarget}"`,
      `    state: ${random.pick(['requested', 'granted', 'denied'])}`,
      `    link: https://groups.google.com/g/kubevirt-dev/c/bench${plan.number}`,
      `    requested: "${isoDate(random, 2026, 2026)}"`,
    );
  }
  lines.push('---', '');
  return lines.join('\n');
}

function heading(plan: Plan, random: Random): string {
  if (plan.form === 'front-matter') return `# CEP #${plan.number}: ${plan.title}`;
  // The template's H1 and the variants seen in real documents; the folder gives the number when the H1 has none.
  return random.pick([
    `# CEP #${plan.number}: ${plan.title}`,
    `# CEP ${plan.number}: ${plan.title}`,
    `# CEP-${plan.number}: ${plan.title}`,
    `# ${plan.title}`,
  ]);
}

function targetBlock(targets: Record<string, string>, random: Random): string {
  const line = (stage: string, label: string) => `- This CEP targets ${label} for version: ${targets[stage] ?? 'TBD'}`;
  const lines = ['## CEP Status Metadata', '', '### Target releases', ''];
  if (targets['beta'] && random.chance(0.2)) lines.push(`- ~This CEP targets beta for version: ${targets['alpha'] ?? 'TBD'}~`);
  lines.push(line('alpha', 'alpha'), line('beta', 'beta'), line('stable', 'GA'));
  return lines.join('\n');
}

function checklist(random: Random): string {
  const box = () => (random.chance(0.7) ? '[x]' : '[ ]');
  return [
    '## Release Signoff Checklist',
    '',
    'Items marked with (R) are required *prior to targeting to a milestone / release*.',
    '',
    `- ${box()} (R) Enhancement issue created, which links to CEP dir in [kubevirt/project-infra] (not the initial CEP PR)`,
    `- ${box()} (R) Target version is explicitly mentioned and approved`,
    `- ${box()} (R) Graduation criteria filled`,
  ].join('\n');
}

function drawTargets(plan: Plan, releases: readonly string[], random: Random): Record<string, string> {
  const targets: Record<string, string> = {};
  if (releases.length === 0 || (plan.status === 'provisional' && random.chance(0.5))) return targets;
  let index = random.int(0, releases.length - 1);
  for (const stage of ['alpha', 'beta', 'stable']) {
    const release = releases[index];
    if (release === undefined || (stage !== 'alpha' && random.chance(0.35))) break;
    targets[stage] = release;
    index += 1;
  }
  return targets;
}

function designSubsection(plan: Plan, others: readonly Plan[], random: Random, index: number): string {
  const topic = `${random.pick(['Planning', 'Rollout of', 'Ownership of', 'Monitoring', 'Configuration of', 'Failure handling for', 'Capacity for'])} ${random.pick(subjects)}`;
  const parts = [`### ${index}. ${topic}`, paragraph(random)];
  const roll = random.next();
  if (roll < 0.45) parts.push(codeBlock(random, plan.number));
  else if (roll < 0.7) parts.push(table(random));
  else parts.push(bulletList(random));
  if (others.length > 0 && random.chance(0.6)) {
    parts.push(
      `This builds on ${linkTo(random.pick(others), plan, random)}; see also the [lane migration process](https://github.com/kubevirt/project-infra/blob/main/docs/lane-migration-process.md).`,
    );
  }
  parts.push(paragraph(random, random.int(1, 4)));
  return parts.join('\n\n');
}

function renderCep(plan: Plan, plans: readonly Plan[], releases: readonly string[], random: Random): string {
  const targets = drawTargets(plan, releases, random);
  const others = Array.from({ length: 6 }, () => random.pick(plans)).filter((other) => other.number !== plan.number);
  // Short proposals say less in every section, as real ones do.
  const brief = plan.targetBytes < 9 * 1024;
  const para = (sentences?: number) => paragraph(random, brief ? random.int(1, 2) : sentences);
  const list = (items?: number) => bulletList(random, brief ? 2 : items);
  const head: string[] = [];
  if (plan.form === 'front-matter') head.push(frontMatter(plan, random, targets));
  head.push(heading(plan, random));
  if (plan.form === 'template') head.push(targetBlock(targets, random));
  head.push(checklist(random));
  head.push('## Overview', para(random.int(3, 6)));
  if (!brief) head.push(para());
  head.push('## Motivation', para(), list(), !brief && random.chance(0.5) ? table(random) : para());
  head.push('## Goals', list());
  head.push('## Non Goals', list(random.int(2, 4)));
  head.push('## Definition of Users', list(random.int(2, 4)));
  head.push(
    '## User Stories',
    Array.from(
      { length: brief ? 2 : random.int(2, 5) },
      () =>
        `- As a ${random.pick(['contributor', 'SIG approver', 'release manager', 'CI maintainer'])}, I want ${phrase(random)}s so that ${sentence(random).toLowerCase()}`,
    ).join('\n'),
  );
  head.push(
    '## Repos',
    random
      .sample(repos, random.int(1, 3))
      .map((repo) => `- \`${repo}\``)
      .join('\n'),
  );
  head.push('## Design', para());
  if (plan.extraPage) head.push('The data model and the failure modes are described in the [design details](design-details.md).');

  const tail: string[] = [];
  tail.push('## Alternatives', list(random.int(2, 4)));
  tail.push('## Scalability', para());
  tail.push('## Update/Rollback Compatibility', para(random.int(1, 3)));
  tail.push('## Functional Testing Approach', list(random.int(2, 4)));
  tail.push(
    '## Implementation History',
    Array.from(
      { length: brief ? 2 : random.int(2, 6) },
      (_, index) =>
        `- ${isoDate(random, 2025, 2026)}: ${sentence(random)}${index % 2 === 0 ? `\n  PR: https://github.com/kubevirt/project-infra/pull/${plan.number + index * 7}` : ''}`,
    ).join('\n'),
  );
  tail.push(
    '## Graduation Requirements',
    ...['Alpha', 'Beta', 'GA'].flatMap((stage) => [
      `### ${stage}`,
      Array.from({ length: brief ? 1 : random.int(2, 4) }, () => `- [${random.chance(0.4) ? 'x' : ' '}] ${sentence(random)}`).join('\n'),
    ]),
  );

  const design: string[] = [];
  const fixed = head.join('\n\n').length + tail.join('\n\n').length;
  let size = fixed;
  for (let index = 1; size < plan.targetBytes || index === 1; index += 1) {
    const subsection = designSubsection(plan, others, random, index);
    design.push(subsection);
    size += subsection.length + 2;
  }
  return `${[...head, ...design, ...tail].join('\n\n')}\n`;
}

function renderExtraPage(plan: Plan, random: Random): string {
  const parts = [`# Design details of CEP #${plan.number}`, paragraph(random)];
  for (let index = 1; index <= random.int(2, 5); index += 1) {
    parts.push(
      `## ${random.pick(['Data model', 'Failure modes', 'Migration', 'Metrics', 'Security'])} ${index}`,
      paragraph(random),
      random.chance(0.5) ? codeBlock(random, plan.number) : table(random),
    );
  }
  parts.push(`Back to [the proposal](cep.md).`);
  return `${parts.join('\n\n')}\n`;
}

/** Plans the corpus: numbers, titles, forms, sizes, statuses and replacement pairs. */
function planCorpus(count: number, firstNumber: number, random: Random): Plan[] {
  const plans: Plan[] = Array.from({ length: count }, (_, index) => {
    const number = firstNumber + index;
    const title = `${random.pick(verbs)} ${random.pick(subjects)} ${random.pick(qualifiers)}`;
    return {
      number,
      title,
      slug: `${number}-${slugOf(title)}`,
      form: random.chance(FRONT_MATTER_SHARE) ? 'front-matter' : 'template',
      targetBytes: drawSize(random),
      status: drawStatus(random),
      extraPage: random.chance(EXTRA_PAGE_SHARE),
    };
  });
  // Replacement pairs need front matter on both sides ("replaces" and "superseded-by").
  const withFrontMatter = plans.filter((plan) => plan.form === 'front-matter');
  const pairs = Math.floor(count * REPLACEMENT_SHARE);
  for (let pair = 0; pair < pairs && 2 * pair + 1 < withFrontMatter.length; pair += 1) {
    const older = withFrontMatter[2 * pair] as Plan;
    const newer = withFrontMatter[2 * pair + 1] as Plan;
    older.status = 'replaced';
    older.supersededBy = newer.number;
    newer.replaces = older.number;
    if (newer.status === 'replaced') newer.status = 'implementable';
  }
  return plans;
}

/** Writes the corpus into `options.contentDir`. */
export function generateCorpus(options: CorpusOptions): GeneratedCorpus {
  if (!Number.isInteger(options.count) || options.count < 1) throw new Error(`count must be a positive integer, not ${options.count}`);
  const random = createRandom(options.seed ?? 4101);
  const plans = planCorpus(options.count, options.firstNumber ?? 5000, random);
  const ceps: GeneratedCep[] = [];
  let bytes = 0;
  let files = 0;
  for (const plan of plans) {
    const folder = path.join(options.contentDir, plan.slug);
    mkdirSync(folder, { recursive: true });
    const text = renderCep(plan, plans, options.releases, random);
    writeFileSync(path.join(folder, 'cep.md'), text);
    const size = Buffer.byteLength(text);
    bytes += size;
    files += 1;
    const extraPages: string[] = [];
    if (plan.extraPage) {
      const extra = renderExtraPage(plan, random);
      writeFileSync(path.join(folder, 'design-details.md'), extra);
      bytes += Buffer.byteLength(extra);
      files += 1;
      extraPages.push(`${plan.slug}/design-details.md`);
    }
    ceps.push({ number: plan.number, slug: plan.slug, relativePath: `${plan.slug}/cep.md`, form: plan.form, bytes: size, extraPages });
  }
  const sorted = ceps.map((cep) => cep.bytes).sort((left, right) => left - right);
  return {
    contentDir: options.contentDir,
    ceps,
    issueNumbers: ceps.map((cep) => cep.number),
    files,
    bytes,
    sizes: { min: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 },
  };
}

/**
 * Edits one proposal the way an author would: a new paragraph in its Overview. Returns what was
 * appended, so a caller can check that the built page shows it.
 */
export function editCep(filePath: string, marker = `Edited for the benchmark at ${new Date().toISOString()}.`): string {
  const text = readFileSync(filePath, 'utf8');
  const at = text.indexOf('\n## Motivation');
  if (at < 0) throw new Error(`${filePath} has no "## Motivation" section to edit before`);
  writeFileSync(filePath, `${text.slice(0, at)}\n${marker}\n${text.slice(at)}`);
  return marker;
}
