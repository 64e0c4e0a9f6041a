/**
 * The whole catalogue: every proposal and release schedule read from disk, plus the rules that
 * need more than one document. `npm run lint` and `npm run build` both call {@link readCorpus}, so
 * they agree by construction; the build then serves this one reading to its content loaders.
 *
 * The parts live in lib/corpus: which files count (discovery.ts), the cross-document rules
 * (rules.ts) and the parse cache (parse-cache.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogueConfig } from '../config.ts';
import { discoverProposals, displayPath, readReleases } from '../corpus/discovery.ts';
import { readExtraPage } from '../corpus/extra-page.ts';
import { ParseCache } from '../corpus/parse-cache.ts';
import { checkCorpus, type CorpusDocument, type LinkSource } from '../corpus/rules.ts';
import type { Release } from '../releases/schedule.ts';
import { checkContentFile, checkMarkdownSafety } from '../security/lint.ts';
import type { Diagnostic } from './diagnostics.ts';
import { readBodyStructure } from './markdown.ts';
import type { ParseOptions } from './parse.ts';
import type { CepRecord } from './schema.ts';

export { discoverProposals, displayPath, readReleases } from '../corpus/discovery.ts';
export { ParseCache, type LocatedField, type ParsedDocument } from '../corpus/parse-cache.ts';
export type { CorpusDocument } from '../corpus/rules.ts';

export interface Corpus {
  documents: CorpusDocument[];
  /** Records of every readable proposal, by number order. */
  ceps: CepRecord[];
  releases: Release[];
  /** Extra markdown pages that sit beside a proposal (`<folder>/<name>.md`). */
  extraPages: string[];
  diagnostics: Diagnostic[];
}

/** The parse options of a document, the key it is cached under. */
export function parseOptionsOf(
  config: Pick<CatalogueConfig, 'contentDir' | 'kind'>,
  relativePath: string,
  cwd = process.cwd(),
): ParseOptions {
  return { kind: config.kind, relativePath, displayPath: displayPath(path.join(config.contentDir, relativePath), cwd) };
}

/**
 * Reads and checks the whole catalogue. Never throws on bad content: problems become diagnostics.
 * `cache` keeps parses for the caller's session (a fresh one by default: parse everything).
 */
export function readCorpus(config: CatalogueConfig, cwd = process.cwd(), cache = new ParseCache()): Corpus {
  const discovery = discoverProposals(config, cwd);
  const documents: CorpusDocument[] = discovery.proposals.map((relativePath) => {
    const filePath = path.join(config.contentDir, relativePath);
    return { ...cache.parse(filePath, parseOptionsOf(config, relativePath, cwd)), filePath, relativePath };
  });
  const { releases, diagnostics: releaseDiagnostics } = readReleases(config.releasesDir, cwd);
  const safety: Diagnostic[] = [];
  const pages: (LinkSource & { source: string })[] = discovery.extraPages.map((relativePath) => {
    const filePath = path.join(config.contentDir, relativePath);
    const bytes = readFileSync(filePath);
    const source = bytes.toString('utf8');
    // Its front matter is read as the content loader will read it (the one YAML reading).
    safety.push(...readExtraPage(bytes, displayPath(filePath, cwd)).diagnostics);
    if (!relativePath.endsWith('.mdx')) safety.push(...checkMarkdownSafety(source, displayPath(filePath, cwd)));
    return { filePath, relativePath, source, links: readBodyStructure(source).links };
  });
  // MDX refusal and SVG images (src/lib/security/): they depend on configuration and on other files.
  for (const source of [...documents, ...pages]) {
    safety.push(
      ...checkContentFile({
        filePath: source.filePath,
        displayPath: displayPath(source.filePath, cwd),
        links: source.links,
        trustedMdx: config.trustedMdx,
        ...('source' in source && typeof source.source === 'string' ? { source: source.source } : {}),
      }),
    );
  }
  const diagnostics = [
    ...discovery.diagnostics,
    ...documents.flatMap((document) => document.diagnostics),
    ...releaseDiagnostics,
    ...checkCorpus(documents, releases, config, pages, cwd),
    ...safety,
  ];
  const ceps = documents
    .flatMap((document) => (document.record ? [document.record] : []))
    .sort((left, right) => left.number - right.number);
  return { documents, ceps, releases, extraPages: discovery.extraPages, diagnostics };
}
