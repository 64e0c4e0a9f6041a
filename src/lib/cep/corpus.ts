/**
 * The whole catalogue: every proposal and release schedule read from disk, plus the rules that
 * need more than one document (unique numbers, replacements, known releases, relative links).
 * `npm run lint` and `npm run build` both call {@link readCorpus}, so they agree by construction.
 */
import { createHash } from 'node:crypto';
import { existsSync, globSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueConfig } from '../config.ts';
import { parseSchedule, type Release } from '../releases/schedule.ts';
import { checkContentFile, checkMarkdownSafety } from '../security/lint.ts';
import type { Diagnostic } from './diagnostics.ts';
import { readBodyStructure, type RelativeLink } from './markdown.ts';
import { compareReleases } from './release-version.ts';
import { parseCepSource, type ParsedCep, type ParseOptions } from './parse.ts';
import { targetStages, type TargetStage } from './vocabulary.ts';
import type { CepRecord } from './schema.ts';

/** The front matter fields the catalogue rules point at, for {@link ParsedDocument.locate}. */
export type LocatedField = readonly ['cep-number'] | readonly ['status'] | readonly ['superseded-by'] | readonly ['replaces'] | readonly ['milestone', TargetStage];

const LOCATED_FIELDS: readonly LocatedField[] = [
  ['cep-number'],
  ['status'],
  ['superseded-by'],
  ['replaces'],
  ...targetStages.map((stage): LocatedField => ['milestone', stage]),
];

/**
 * What a build keeps of a parsed proposal: its record and findings, its relative links and where
 * the fields the catalogue rules point at are written. It is small enough to keep for a thousand
 * proposals and to store between builds (see {@link loadParseCache}); the body is not kept.
 */
export interface ParsedDocument {
  /** Absent when the document is too broken to describe (empty, binary, no number). */
  record?: CepRecord;
  diagnostics: Diagnostic[];
  links: RelativeLink[];
  locate(field: LocatedField): { line: number; column: number };
}

export interface CorpusDocument extends ParsedDocument {
  /** Absolute path. */
  filePath: string;
  /** Path relative to the content folder, `/`-separated. */
  relativePath: string;
}

/** A {@link ParsedDocument} as stored in the parse cache file. */
interface StoredDocument {
  record?: CepRecord;
  diagnostics: Diagnostic[];
  links: RelativeLink[];
  locations: Record<string, { line: number; column: number }>;
}

/**
 * What is kept of a fresh parse. The positions are read now, so that nothing holds on to the parsed
 * body or YAML document (70 MB for a thousand proposals).
 */
function summarise(parsed: ParsedCep, options: ParseOptions): StoredDocument {
  return {
    ...(parsed.record ? { record: parsed.record } : {}),
    // What the sanitiser will drop from the page (src/lib/security/; MDX has its own check, there).
    diagnostics: options.relativePath.endsWith('.mdx') ? parsed.diagnostics : [...parsed.diagnostics, ...checkMarkdownSafety(parsed.body, options.displayPath, parsed.bodyStartLine)],
    links: parsed.structure.links,
    locations: Object.fromEntries(LOCATED_FIELDS.map((field) => [field.join('.'), parsed.locate(field)])),
  };
}

function fromStored(stored: StoredDocument): ParsedDocument {
  return {
    ...(stored.record ? { record: stored.record } : {}),
    diagnostics: stored.diagnostics,
    links: stored.links,
    locate: (field) => stored.locations[field.join('.')] ?? { line: 1, column: 1 },
  };
}

export interface Corpus {
  documents: CorpusDocument[];
  /** Records of every readable proposal, by number order. */
  ceps: CepRecord[];
  releases: Release[];
  /** Extra markdown pages that sit beside a proposal (`<folder>/<name>.md`). */
  extraPages: string[];
  diagnostics: Diagnostic[];
}

const toPosix = (file: string) => file.split(path.sep).join('/');

/** How a path is shown to the user: relative to the working directory when inside it. */
export function displayPath(filePath: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, filePath);
  return relative && !relative.startsWith('..') ? toPosix(relative) : toPosix(filePath);
}

/** Lists proposal documents below the content folder, sorted. */
export function findProposalFiles(config: Pick<CatalogueConfig, 'contentDir' | 'kind'>): string[] {
  if (!existsSync(config.contentDir)) return [];
  return globSync(config.kind.documentPattern, { cwd: config.contentDir })
    .map(toPosix)
    .filter((file) => statSync(path.join(config.contentDir, file)).isFile())
    .sort();
}

/** Lists extra markdown pages beside the proposal documents. */
export function findExtraPages(config: Pick<CatalogueConfig, 'contentDir' | 'kind'>, proposalFiles: readonly string[]): string[] {
  const folders = new Set(proposalFiles.map((file) => path.posix.dirname(file)));
  // One directory listing per folder: a glob per folder cost seconds for a thousand proposals.
  return [...folders]
    .flatMap((folder) =>
      readdirSync(path.join(config.contentDir, folder), { withFileTypes: true })
        .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
        .map((entry) => `${folder}/${entry.name}`),
    )
    .filter((file) => !config.kind.documentNames.includes(path.posix.basename(file)))
    .sort();
}

/** Reads every schedule below the releases folder. */
export function readReleases(releasesDir: string, cwd = process.cwd()): { releases: Release[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const releases: Release[] = [];
  if (!existsSync(releasesDir)) return { releases, diagnostics };
  for (const file of globSync('*/schedule.{yaml,yml}', { cwd: releasesDir }).map(toPosix).sort()) {
    const filePath = path.join(releasesDir, file);
    const parsed = parseSchedule(readFileSync(filePath, 'utf8'), file, displayPath(filePath, cwd));
    diagnostics.push(...parsed.diagnostics);
    if (parsed.release) releases.push(parsed.release);
  }
  releases.sort((left, right) => compareReleases(left.version, right.version));
  return { releases, diagnostics };
}

/**
 * Parsed documents, shared by every copy of this module in the process: a build reads the corpus
 * in the lint step (astro.config), for the tracking issue numbers and in the proposal loader (the
 * content config), each loaded separately. An entry holds while the file's content is the same,
 * so an edited file (`astro dev`) is parsed again.
 */
const parsedDocuments = ((globalThis as { [key: symbol]: unknown })[Symbol.for('cep-catalogue.parsed-documents')] ??= new Map()) as Map<
  string,
  { hash: string; stored: StoredDocument; fromEarlierBuild?: boolean }
>;

const cacheKeyOf = (options: ParseOptions) => `${options.kind.id}\0${options.relativePath}\0${options.displayPath}`;

/** Drops the parsed documents once the build no longer needs them. */
export function forgetParsedDocuments(): void {
  parsedDocuments.clear();
}

/** {@link parseCepSource} of a file, parsed once per content and options in this process. */
export function parseCepFile(filePath: string, options: ParseOptions): ParsedDocument {
  const source = readFileSync(filePath);
  const key = cacheKeyOf(options);
  const hash = createHash('sha1').update(source).digest('hex');
  const cached = parsedDocuments.get(key);
  if (cached?.hash === hash) return fromStored(cached.stored);
  const stored = summarise(parseCepSource(source, options), options);
  parsedDocuments.set(key, { hash, stored });
  return fromStored(stored);
}

/** The parse cache file's contents. */
interface ParseCacheFile {
  /** Digest of the code and packages that parse; a cache written by other code is ignored. */
  version: string;
  documents: Record<string, { hash: string; document: StoredDocument }>;
}

/**
 * Digest of what a parse depends on besides the file: this folder's code (the parser, the schema,
 * the vocabularies) and the versions of the YAML and schema packages.
 */
const parserVersions = new Map<string, string>();

function parserVersion(root: string): string {
  const known = parserVersions.get(root);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  // This folder's code, and the security checks the parse runs (src/lib/security/).
  for (const folder of [import.meta.dirname, path.join(import.meta.dirname, '../security')]) {
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts')).sort()) {
      hash.update(file).update('\0').update(readFileSync(path.join(folder, file))).update('\0');
    }
  }
  for (const name of ['yaml', 'zod']) {
    try {
      hash.update(readFileSync(path.join(root, 'node_modules', name, 'package.json')));
    } catch {
      hash.update(`${name}: unknown`);
    }
  }
  const version = hash.digest('hex');
  parserVersions.set(root, version);
  return version;
}

/**
 * Loads the documents parsed by an earlier build from `file`, so that a build parses only the
 * proposals that changed since (parsing a thousand takes 1.5-2 s); does nothing when the file is
 * missing, unreadable or written by other parsing code.
 *
 * @returns how many documents were loaded
 */
export function loadParseCache(file: string, root = process.cwd()): number {
  let stored: ParseCacheFile;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as ParseCacheFile;
  } catch {
    return 0;
  }
  if (stored.version !== parserVersion(root)) return 0;
  let loaded = 0;
  for (const [key, { hash, document }] of Object.entries(stored.documents ?? {})) {
    if (parsedDocuments.has(key)) continue;
    parsedDocuments.set(key, { hash, stored: document, fromEarlierBuild: true });
    loaded += 1;
  }
  return loaded;
}

/**
 * Writes the documents of `corpus`, as parsed now, to `file` for the next build.
 *
 * @returns how many of them came from an earlier build's cache, and how many were parsed now
 */
export function saveParseCache(file: string, corpus: Corpus, config: Pick<CatalogueConfig, 'kind'>, cwd = process.cwd(), root = cwd): { reused: number; parsed: number } {
  const documents: ParseCacheFile['documents'] = {};
  let reused = 0;
  for (const document of corpus.documents) {
    const key = cacheKeyOf({ kind: config.kind, relativePath: document.relativePath, displayPath: displayPath(document.filePath, cwd) });
    const cached = parsedDocuments.get(key);
    if (!cached) continue;
    documents[key] = { hash: cached.hash, document: cached.stored };
    if (cached.fromEarlierBuild) reused += 1;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const content: ParseCacheFile = { version: parserVersion(root), documents };
  writeFileSync(`${file}.tmp`, JSON.stringify(content));
  renameSync(`${file}.tmp`, file);
  return { reused, parsed: corpus.documents.length - reused };
}

/** Reads and checks the whole catalogue. Never throws on bad content: problems become diagnostics. */
export function readCorpus(config: CatalogueConfig, cwd = process.cwd()): Corpus {
  const proposalFiles = findProposalFiles(config);
  const documents: CorpusDocument[] = proposalFiles.map((relativePath) => {
    const filePath = path.join(config.contentDir, relativePath);
    const parsed = parseCepFile(filePath, { kind: config.kind, relativePath, displayPath: displayPath(filePath, cwd) });
    return { ...parsed, filePath, relativePath };
  });
  const { releases, diagnostics: releaseDiagnostics } = readReleases(config.releasesDir, cwd);
  const extraPages = findExtraPages(config, proposalFiles);
  const diagnostics = [
    ...documents.flatMap((document) => document.diagnostics),
    ...releaseDiagnostics,
    ...checkCorpus(documents, releases, config, extraPages, cwd),
  ];
  const ceps = documents
    .flatMap((document) => (document.record ? [document.record] : []))
    .sort((left, right) => left.number - right.number);
  return { documents, ceps, releases, extraPages, diagnostics };
}

function checkCorpus(
  documents: readonly CorpusDocument[],
  releases: readonly Release[],
  config: CatalogueConfig,
  extraPages: readonly string[],
  cwd: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const prefix = config.kind.prefix;
  const at = (document: CorpusDocument, where: { line: number; column: number }, severity: Diagnostic['severity'], rule: string, message: string) =>
    diagnostics.push({ file: displayPath(document.filePath, cwd), ...where, severity, rule, message });

  const byNumber = new Map<number, CorpusDocument[]>();
  for (const document of documents) {
    if (!document.record) continue;
    byNumber.set(document.record.number, [...(byNumber.get(document.record.number) ?? []), document]);
  }
  for (const [number, owners] of byNumber) {
    if (owners.length < 2) continue;
    for (const document of owners) {
      const others = owners.filter((other) => other !== document).map((other) => other.relativePath);
      at(document, document.locate(['cep-number']), config.kind.inconsistencySeverity, 'number-duplicate', `${prefix} ${number} is also used by ${others.join(', ')}`);
    }
  }

  const knownReleases = new Set(releases.map((release) => release.version));
  for (const document of documents) {
    const record = document.record;
    if (!record) continue;
    if (knownReleases.size > 0) {
      for (const stage of targetStages) {
        const release = record.targets[stage];
        if (release && !knownReleases.has(release)) {
          at(document, document.locate(['milestone', stage]), 'warning', 'release-unknown',
            `${stage} target ${release} has no schedule in ${displayPath(config.releasesDir, cwd)}/${release}/schedule.yaml`);
        }
      }
    }
    const single = (number: number) => byNumber.get(number)?.[0]?.record;
    if (record.status === 'replaced' && record.supersededBy === undefined) {
      at(document, document.locate(['status']), 'error', 'superseded-by-missing', `status is "replaced" but "superseded-by" does not name the replacing ${prefix}`);
    }
    if (record.supersededBy !== undefined) {
      const successor = single(record.supersededBy);
      if (!successor) {
        at(document, document.locate(['superseded-by']), 'error', 'superseded-by-unknown', `superseded-by: no ${prefix} ${record.supersededBy} in the catalogue`);
      } else if (!successor.replaces.includes(record.number)) {
        at(document, document.locate(['superseded-by']), 'warning', 'replacement-asymmetric',
          `superseded-by ${prefix} ${successor.number}, but ${prefix} ${successor.number} does not list ${record.number} in "replaces"`);
      }
      if (record.status !== 'replaced') {
        at(document, document.locate(['status']), 'warning', 'replacement-asymmetric', `"superseded-by" is set but status is "${record.status ?? 'unset'}", not "replaced"`);
      }
    }
    for (const replaced of record.replaces) {
      const predecessor = single(replaced);
      if (!predecessor) {
        at(document, document.locate(['replaces']), 'error', 'replaces-unknown', `replaces: no ${prefix} ${replaced} in the catalogue`);
      } else if (predecessor.supersededBy !== record.number) {
        at(document, document.locate(['replaces']), 'warning', 'replacement-asymmetric',
          `replaces ${prefix} ${replaced}, but ${prefix} ${replaced} is not marked "superseded-by: ${record.number}"`);
      }
    }
  }

  const pageLinks = extraPages.map((relativePath) => {
    const filePath = path.join(config.contentDir, relativePath);
    const source = readFileSync(filePath, 'utf8');
    if (!relativePath.endsWith('.mdx')) diagnostics.push(...checkMarkdownSafety(source, displayPath(filePath, cwd)));
    return { filePath, relativePath, source, links: readBodyStructure(source).links };
  });
  // MDX refusal and SVG images (src/lib/security/): they depend on configuration and on other files.
  for (const source of [...documents, ...pageLinks]) {
    diagnostics.push(...checkContentFile({ filePath: source.filePath, displayPath: displayPath(source.filePath, cwd), links: source.links, trustedMdx: config.trustedMdx, ...('source' in source ? { source: source.source } : {}) }));
  }
  // Links between proposals point at the same few files again and again.
  const existing = new Map<string, boolean>();
  const exists = (file: string) => {
    let found = existing.get(file);
    if (found === undefined) existing.set(file, (found = existsSync(file)));
    return found;
  };
  for (const source of [...documents, ...pageLinks]) {
    for (const link of source.links) {
      const problem = checkRelativeLink(config.contentDir, source.relativePath, link, exists);
      if (problem) {
        diagnostics.push({ file: displayPath(source.filePath, cwd), line: link.line, column: link.column, severity: config.kind.linkSeverity, rule: 'link-broken', message: problem });
      }
    }
  }
  return diagnostics;
}

function checkRelativeLink(contentDir: string, fromRelativePath: string, link: RelativeLink, exists: (file: string) => boolean): string | undefined {
  const [target = ''] = link.target.split(/[?#]/);
  if (!target) return undefined;
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return `link "${link.target}" is not a valid URL path`;
  }
  const resolved = path.resolve(contentDir, path.dirname(fromRelativePath), decoded);
  if (!exists(resolved)) {
    return `${link.image ? 'image' : 'link'} "${link.target}" points at ${toPosix(path.relative(contentDir, resolved))}, which does not exist`;
  }
  return undefined;
}
