/**
 * One build session: the corpus read once (lint, loaders and the tracking loader's issue numbers
 * all use this reading) and the content folder's git history read once. The build integration
 * owns the session and serves its facts to the content config and the pages as virtual modules
 * ({@link servedCorpus}, {@link servedHistory}), the way Starlight serves its configuration.
 */
import type { CatalogueConfig } from '../config.ts';
import { parseOptionsOf, readCorpus, type Corpus } from '../cep/corpus.ts';
import type { Diagnostic } from '../cep/diagnostics.ts';
import { readContentHistory, type GitDates, type TargetChange } from '../cep/history.ts';
import type { CepRecord } from '../cep/schema.ts';
import type { Release } from '../releases/schedule.ts';
import { ParseCache } from './parse-cache.ts';

/** A proposal document as the content loader takes it: the session's parse, and where its body starts. */
export interface ServedDocument {
  relativePath: string;
  /** SHA-1 of the bytes that were parsed: a file that differs now (`astro dev`) is parsed again. */
  hash: string;
  /** Byte offset of the body in the file (after the front matter as the session's parser read it). */
  bodyOffset: number;
  record?: CepRecord;
  diagnostics: Diagnostic[];
}

/** What the content loaders are given: the file lists and each document's parse. */
export interface ServedCorpus {
  documents: ServedDocument[];
  /** Extra pages beside the documents, relative to the content folder. */
  extraPages: string[];
  releases: Release[];
  /** Tracking issue numbers of every proposal, for the tracking loader. */
  issueNumbers: number[];
}

/** What pages are given of git: dates and re-targeting per document path (relative to the content folder). */
export interface ServedHistory {
  dates: Record<string, GitDates>;
  retargeting: Record<string, TargetChange[]>;
  unavailable?: string;
}

export interface SessionOptions {
  /** Project root: the code a stored parse must come from. */
  root: string;
  /** File the parse cache is kept in between builds; none: parse everything. */
  parseCacheFile?: string;
  /** Where build log lines go (cache problems). */
  log?: (line: string) => void;
}

export class BuildSession {
  readonly config: CatalogueConfig;
  readonly #options: SessionOptions;
  readonly #cache: ParseCache;
  #corpus: Corpus | undefined;
  #reused = 0;
  #history: ReturnType<typeof readContentHistory> | undefined;

  constructor(config: CatalogueConfig, options: SessionOptions) {
    this.config = config;
    this.#options = options;
    this.#cache = new ParseCache(options.root);
  }

  /** The corpus, read on first use; with a parse cache file, unchanged proposals are not parsed again. */
  corpus(): Corpus {
    if (this.#corpus) return this.#corpus;
    const file = this.#options.parseCacheFile;
    if (file) for (const problem of this.#cache.load(file).problems) this.#options.log?.(problem);
    const corpus = readCorpus(this.config, process.cwd(), this.#cache);
    if (file)
      this.#reused = this.#cache.save(
        file,
        corpus.documents.map((document) => parseOptionsOf(this.config, document.relativePath)),
      ).reused;
    this.#corpus = corpus;
    return corpus;
  }

  /** How many documents of this session's corpus came from an earlier build's parse cache. */
  get reused(): number {
    return this.#reused;
  }

  /** The git history of the content folder, read once, in the background from the first call. */
  history(): ReturnType<typeof readContentHistory> {
    this.#history ??= readContentHistory(
      this.config.contentDir,
      this.corpus().documents.map((document) => document.relativePath),
      this.config.kind,
    );
    return this.#history;
  }

  /** The parses are in the data store now: drop what only the loaders needed. */
  releaseParses(): void {
    this.#cache.clear();
  }
}

/** The session's corpus as the content loaders take it. */
export function servedCorpus(corpus: Corpus): ServedCorpus {
  return {
    documents: corpus.documents.map(({ relativePath, hash, bodyOffset, record, diagnostics }) => ({
      relativePath,
      hash,
      bodyOffset,
      ...(record ? { record } : {}),
      diagnostics,
    })),
    extraPages: corpus.extraPages,
    releases: corpus.releases,
    issueNumbers: [...new Set(corpus.ceps.map((cep) => cep.trackingIssue.number))],
  };
}

/** The session's git history as pages take it. */
export async function servedHistory(session: BuildSession): Promise<ServedHistory> {
  const history = await session.history();
  return {
    dates: Object.fromEntries(history.dates),
    retargeting: Object.fromEntries(history.retargeting),
    ...(history.unavailable ? { unavailable: history.unavailable } : {}),
  };
}
