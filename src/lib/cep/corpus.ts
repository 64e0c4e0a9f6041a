/**
 * The whole catalogue: every proposal and release schedule read from disk, plus the rules that
 * need more than one document (unique numbers, replacements, known releases, relative links).
 * `npm run lint` and `npm run build` both call {@link readCorpus}, so they agree by construction.
 */
import { createHash } from 'node:crypto';
import { existsSync, globSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueConfig } from '../config.ts';
import { parseSchedule, type Release } from '../releases/schedule.ts';
import type { Diagnostic } from './diagnostics.ts';
import { readBodyStructure, type RelativeLink } from './markdown.ts';
import { compareReleases } from './release-version.ts';
import { parseCepSource, type ParsedCep, type ParseOptions } from './parse.ts';
import type { CepRecord } from './schema.ts';

export interface CorpusDocument extends ParsedCep {
  /** Absolute path. */
  filePath: string;
  /** Path relative to the content folder, `/`-separated. */
  relativePath: string;
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
  { hash: string; parsed: ParsedCep }
>;

/** Drops the parsed documents (about 70 MB for a thousand proposals) once the build no longer needs them. */
export function forgetParsedDocuments(): void {
  parsedDocuments.clear();
}

/** {@link parseCepSource} of a file, parsed once per content and options in this process. */
export function parseCepFile(filePath: string, options: ParseOptions): ParsedCep {
  const source = readFileSync(filePath);
  const key = `${options.kind.id}\0${options.relativePath}\0${options.displayPath}`;
  const hash = createHash('sha1').update(source).digest('hex');
  const cached = parsedDocuments.get(key);
  if (cached?.hash === hash) return cached.parsed;
  const parsed = parseCepSource(source, options);
  parsedDocuments.set(key, { hash, parsed });
  return parsed;
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
      for (const [stage, release] of Object.entries(record.targets)) {
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
    return { filePath, relativePath, links: readBodyStructure(readFileSync(filePath, 'utf8')).links };
  });
  for (const source of [...documents.map(({ filePath, relativePath, structure }) => ({ filePath, relativePath, links: structure.links })), ...pageLinks]) {
    for (const link of source.links) {
      const problem = checkRelativeLink(config.contentDir, source.relativePath, link);
      if (problem) {
        diagnostics.push({ file: displayPath(source.filePath, cwd), line: link.line, column: link.column, severity: config.kind.linkSeverity, rule: 'link-broken', message: problem });
      }
    }
  }
  return diagnostics;
}

function checkRelativeLink(contentDir: string, fromRelativePath: string, link: RelativeLink): string | undefined {
  const [target = ''] = link.target.split(/[?#]/);
  if (!target) return undefined;
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return `link "${link.target}" is not a valid URL path`;
  }
  const resolved = path.resolve(contentDir, path.dirname(fromRelativePath), decoded);
  if (!existsSync(resolved)) {
    return `${link.image ? 'image' : 'link'} "${link.target}" points at ${toPosix(path.relative(contentDir, resolved))}, which does not exist`;
  }
  return undefined;
}
