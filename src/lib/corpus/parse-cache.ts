/**
 * Parsed proposals, kept for as long as their file is the same: in memory for one build session,
 * and on disk between builds (parsing a thousand proposals takes 1.5-2 s; most did not change).
 *
 * One {@link ParseCache} belongs to whoever runs the session (the build integration, a lint run, a
 * test); nothing is shared through module or global state. The file on disk is written and read
 * through lib/cache (atomic, checksummed), and each entry is checked against the schema before it
 * is trusted: a bad entry is parsed again and reported in one line, never used.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readCacheFile, writeCacheFile } from '../cache/cache-file.ts';
import type { Diagnostic } from '../cep/diagnostics.ts';
import type { RelativeLink } from '../cep/markdown.ts';
import { parseCepSource, type ParsedCep, type ParseOptions } from '../cep/parse.ts';
import { cepRecordSchema, type CepRecord } from '../cep/schema.ts';
import { targetStages, type TargetStage } from '../cep/vocabulary.ts';
import { diagnosticRuleIds } from '../rules/registry.ts';
import { checkMarkdownSafety } from '../security/lint.ts';

/** The front matter fields the catalogue rules point at, for {@link ParsedDocument.locate}. */
export type LocatedField =
  readonly ['cep-number'] | readonly ['status'] | readonly ['superseded-by'] | readonly ['replaces'] | readonly ['milestone', TargetStage];

const LOCATED_FIELDS: readonly LocatedField[] = [
  ['cep-number'],
  ['status'],
  ['superseded-by'],
  ['replaces'],
  ...targetStages.map((stage): LocatedField => ['milestone', stage]),
];

/**
 * What a build keeps of a parsed proposal: its record and findings, its relative links and where
 * the fields the catalogue rules point at are written. Small enough to keep for a thousand
 * proposals and to store between builds; the body is not kept.
 */
export interface ParsedDocument {
  /** Absent when the document is too broken to describe (empty, binary, no number). */
  record?: CepRecord;
  diagnostics: Diagnostic[];
  links: RelativeLink[];
  locate(field: LocatedField): { line: number; column: number };
  /** SHA-1 of the file's bytes when it was parsed. */
  hash: string;
  /**
   * Byte offset in the file at which the body starts: after the front matter (and a byte order
   * mark) as the parser found them. The content loader renders the bytes from here on, so no other
   * reader ever parses the front matter again.
   */
  bodyOffset: number;
}

const position = z.object({ line: z.number(), column: z.number() });
/** A {@link ParsedDocument} as stored: checked on read, since the file may come from anywhere. */
const storedDocumentSchema = z.object({
  record: cepRecordSchema.optional(),
  diagnostics: z.array(
    z.object({
      file: z.string(),
      line: z.number(),
      column: z.number(),
      severity: z.enum(['error', 'warning']),
      message: z.string(),
      rule: z.enum(diagnosticRuleIds),
    }),
  ),
  links: z.array(z.object({ target: z.string(), line: z.number(), column: z.number(), image: z.boolean() })),
  locations: z.record(z.string(), position),
  bodyOffset: z.number().int().nonnegative(),
});
type StoredDocument = z.infer<typeof storedDocumentSchema>;

/** Positions are read now, so that nothing holds on to the parsed body or YAML document (70 MB at 1000). */
function summarise(parsed: ParsedCep, source: Uint8Array, options: ParseOptions): StoredDocument {
  return {
    ...(parsed.record ? { record: parsed.record } : {}),
    // What the sanitiser will drop from the page (src/lib/security/; MDX has its own check, in readCorpus).
    diagnostics: options.relativePath.endsWith('.mdx')
      ? parsed.diagnostics
      : [...parsed.diagnostics, ...checkMarkdownSafety(parsed.body, options.displayPath, parsed.bodyStartLine)],
    links: parsed.structure.links,
    locations: Object.fromEntries(LOCATED_FIELDS.map((field) => [field.join('.'), parsed.locate(field)])),
    // The body is the end of the decoded text, and the text is the file's UTF-8 (checked when decoded):
    // its bytes are the file's last bytes.
    bodyOffset: Math.max(0, source.length - Buffer.byteLength(parsed.body)),
  };
}

function fromStored(stored: StoredDocument, hash: string): ParsedDocument {
  return {
    ...(stored.record ? { record: stored.record } : {}),
    diagnostics: stored.diagnostics,
    links: stored.links,
    locate: (field) => stored.locations[field.join('.')] ?? { line: 1, column: 1 },
    hash,
    bodyOffset: stored.bodyOffset,
  };
}

const hashOf = (source: Uint8Array) => createHash('sha1').update(source).digest('hex');
const keyOf = (options: ParseOptions) => `${options.kind.id}\0${options.relativePath}\0${options.displayPath}`;

/** Parses a file now, without any cache (for `astro dev`, when a file changed after the session read it). */
export function parseFileUncached(filePath: string, options: ParseOptions): ParsedDocument {
  const source = readFileSync(filePath);
  return fromStored(summarise(parseCepSource(source, options), source, options), hashOf(source));
}

/** What {@link ParseCache.load} found in the file. */
export interface ParseCacheLoad {
  loaded: number;
  /** One line per problem, for the build log: a bad file or bad entries, each parsed again. */
  problems: string[];
}

interface Entry {
  hash: string;
  stored: StoredDocument;
  fromEarlierBuild: boolean;
}

export class ParseCache {
  readonly #entries = new Map<string, Entry>();
  #version: string | undefined;

  readonly #root: string;

  /** `root`: the project folder, whose code and packages a stored parse must have been made by. */
  constructor(root = process.cwd()) {
    this.#root = root;
  }

  /** {@link parseCepSource} of a file, parsed once per content and options. */
  parse(filePath: string, options: ParseOptions): ParsedDocument {
    const source = readFileSync(filePath);
    const key = keyOf(options);
    const hash = hashOf(source);
    const cached = this.#entries.get(key);
    if (cached?.hash === hash) return fromStored(cached.stored, hash);
    const stored = summarise(parseCepSource(source, options), source, options);
    this.#entries.set(key, { hash, stored, fromEarlierBuild: false });
    return fromStored(stored, hash);
  }

  /** Loads the documents an earlier build stored in `file`; a missing file is not a problem. */
  load(file: string): ParseCacheLoad {
    const read = readCacheFile(file, this.version());
    if (!read.ok) {
      const problems =
        read.reason === 'corrupt' ? [`parse cache ${file} is unusable (${read.detail}); every proposal is parsed again`] : [];
      return { loaded: 0, problems };
    }
    let documents: Record<string, unknown>;
    try {
      documents = z.record(z.string(), z.unknown()).parse(JSON.parse(read.content));
    } catch {
      return { loaded: 0, problems: [`parse cache ${file} is not the expected JSON; every proposal is parsed again`] };
    }
    let loaded = 0;
    let bad = 0;
    for (const [key, value] of Object.entries(documents)) {
      const entry = z.object({ hash: z.string(), document: storedDocumentSchema }).safeParse(value);
      if (!entry.success) {
        bad += 1;
        continue;
      }
      if (this.#entries.has(key)) continue;
      this.#entries.set(key, { hash: entry.data.hash, stored: entry.data.document, fromEarlierBuild: true });
      loaded += 1;
    }
    const problems =
      bad > 0
        ? [
            `parse cache ${file}: ${bad} malformed entr${bad === 1 ? 'y' : 'ies'} ignored; ${bad === 1 ? 'that proposal is' : 'those proposals are'} parsed again`,
          ]
        : [];
    return { loaded, problems };
  }

  /**
   * Writes the entries for `keys` (the documents of this session) to `file` for the next build.
   *
   * @returns how many of them came from an earlier build's cache, and how many were parsed now
   */
  save(file: string, options: readonly ParseOptions[]): { reused: number; parsed: number } {
    const documents: Record<string, { hash: string; document: StoredDocument }> = {};
    let reused = 0;
    for (const option of options) {
      const key = keyOf(option);
      const cached = this.#entries.get(key);
      if (!cached) continue;
      documents[key] = { hash: cached.hash, document: cached.stored };
      if (cached.fromEarlierBuild) reused += 1;
    }
    writeCacheFile(file, JSON.stringify(documents), this.version());
    return { reused, parsed: options.length - reused };
  }

  /** Drops every entry (the content collections have been loaded; the memory can go). */
  clear(): void {
    this.#entries.clear();
  }

  /**
   * Digest of what a parse depends on besides the file: the library code (parser, schema,
   * vocabularies, markdown reader) and the versions of the YAML and schema packages. A cache
   * written by other code is stale.
   */
  version(): string {
    if (this.#version !== undefined) return this.#version;
    const hash = createHash('sha256').update('parse-cache\0');
    const library = path.join(import.meta.dirname, '..');
    const files = readdirSync(library, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .sort();
    for (const file of files)
      hash
        .update(file)
        .update('\0')
        .update(readFileSync(path.join(library, file)))
        .update('\0');
    for (const name of ['yaml', 'zod', 'satteri']) {
      try {
        hash.update(readFileSync(path.join(this.#root, 'node_modules', name, 'package.json')));
      } catch {
        hash.update(`${name}: unknown`);
      }
    }
    this.#version = hash.digest('hex');
    return this.#version;
  }
}
