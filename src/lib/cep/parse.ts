/**
 * Turns one proposal document into a {@link CepRecord}, whichever way its metadata is written:
 * YAML front matter, or the template's H1 and "targets <stage> for version" lines. Every problem
 * becomes a {@link Diagnostic} with file, line and field; nothing here throws on bad input.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { owningSigOfFolder, type CatalogueKind } from './catalogue-kind.ts';
import type { Diagnostic, Severity } from './diagnostics.ts';
import {
  firstParagraph,
  markdownToPlainText,
  meaningfulText,
  readBodyStructure,
  readProposalHeading,
  type BodyStructure,
  type TargetLine,
} from './markdown.ts';
import { readReleaseVersion, compareReleases, type ReleaseVersion } from './release-version.ts';
import type { LintRuleId } from '../rules/registry.ts';
import { frontMatterSchema, type CepFrontMatter, type CepRecord } from './schema.ts';
import { requiredSections, targetStages, templateSections, type TargetStage } from './vocabulary.ts';

export interface ParseOptions {
  kind: CatalogueKind;
  /** Path of the document relative to the content folder, with `/` separators. */
  relativePath: string;
  /** Path shown in diagnostics. */
  displayPath: string;
}

export interface ParsedCep {
  /** Absent when the document is too broken to describe (empty, binary, no number). */
  record?: CepRecord;
  diagnostics: Diagnostic[];
  /** Markdown after the front matter. */
  body: string;
  /** File line on which the body starts. */
  bodyStartLine: number;
  structure: BodyStructure;
  /** Where a front matter field is written (its key), for findings about it; line 1 when absent. */
  locate(path: readonly PropertyKey[]): { line: number; column: number };
}

const frontMatterPattern = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Decodes bytes as UTF-8, or returns `undefined` for binary content. */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/**
 * Reads the folder a document sits in: `4101-arm64-lanes/cep.md` → number 4101 and slug;
 * `sig-compute/104_disable-gates/vep.md` → number 104, slug and the top folder `sig-compute`
 * (also for a sub-proposal nested in another's folder, `sig-storage/25-backup/399-checkpoints/vep.md`).
 */
export function readFolder(relativePath: string): { slug: string; number?: number; parent?: string } {
  const parts = relativePath.split('/');
  const slug = parts.at(-2) ?? parts[0] ?? '';
  const numberMatch = /^0*(\d+)(?:[-_]|$)/.exec(slug);
  return {
    slug,
    ...(numberMatch ? { number: Number(numberMatch[1]) } : {}),
    ...(parts.length > 2 ? { parent: parts[0] } : {}),
  };
}

interface FrontMatter {
  data: Record<string, unknown>;
  document: Document;
  lineCounter: LineCounter;
  /** File line of the first YAML line. */
  firstLine: number;
}

export function parseCepSource(source: string | Uint8Array, options: ParseOptions): ParsedCep {
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, column: number, severity: Severity, rule: LintRuleId, message: string) =>
    diagnostics.push({ file: options.displayPath, line, column, severity, rule, message });
  const emptyResult = (body: string): ParsedCep => ({
    diagnostics,
    body,
    bodyStartLine: 1,
    structure: readBodyStructure(''),
    locate: () => ({ line: 1, column: 1 }),
  });

  const text = typeof source === 'string' ? source : decodeText(source);
  if (text === undefined) {
    report(1, 1, 'error', 'binary-file', 'file is not UTF-8 text; a proposal must be a markdown document');
    return emptyResult('');
  }
  if (text.trim() === '') {
    report(1, 1, 'error', 'empty-file', `file is empty; start from the template (npm run new)`);
    return emptyResult('');
  }

  let frontMatter: FrontMatter | undefined;
  let body = text;
  let bodyStartLine = 1;
  const frontMatterMatch = text.startsWith('---') ? frontMatterPattern.exec(text) : null;
  if (text.startsWith('---') && !frontMatterMatch) {
    report(1, 1, 'error', 'front-matter-yaml', 'front matter starts with "---" but is never closed by a "---" line');
    return emptyResult(text);
  }
  if (frontMatterMatch) {
    const yamlText = frontMatterMatch[1] ?? '';
    body = text.slice(frontMatterMatch[0].length);
    bodyStartLine = frontMatterMatch[0].split('\n').length;
    if (!frontMatterMatch[0].endsWith('\n')) bodyStartLine -= 1;
    const lineCounter = new LineCounter();
    const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const yamlError = document.errors[0];
    if (yamlError) {
      const position = lineCounter.linePos(yamlError.pos[0]);
      const reason = yamlError.message.split('\n')[0] ?? yamlError.message;
      report(position.line + 1, position.col, 'error', 'front-matter-yaml', `front matter is not valid YAML: ${reason}`);
      return { ...emptyResult(body), bodyStartLine };
    }
    const data = document.toJS() as unknown;
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
      report(2, 1, 'error', 'front-matter-yaml', 'front matter must be a mapping of fields (key: value)');
      return { ...emptyResult(body), bodyStartLine };
    }
    frontMatter = { data: (data ?? {}) as Record<string, unknown>, document, lineCounter, firstLine: 2 };
  }

  const structure = readBodyStructure(body, bodyStartLine);
  const lineOf = (path: readonly PropertyKey[]): { line: number; column: number } => {
    if (!frontMatter) return { line: 1, column: 1 };
    for (let depth = path.length; depth > 0; depth -= 1) {
      const node = frontMatter.document.getIn(path.slice(0, depth) as (string | number)[], true) as
        | { range?: [number, number, number] }
        | undefined;
      const pair = depth === path.length ? findKeyNode(frontMatter.document, path.slice(0, depth)) : undefined;
      const offset = pair ?? node?.range?.[0];
      if (offset !== undefined) {
        const position = frontMatter.lineCounter.linePos(offset);
        return { line: position.line + frontMatter.firstLine - 1, column: position.col };
      }
    }
    return { line: frontMatter.firstLine, column: 1 };
  };

  const fields = frontMatter ? normaliseFrontMatterKeys(frontMatter, options.kind) : {};
  const validation = frontMatterSchema.safeParse(fields);
  const frontMatterData: CepFrontMatter = validation.success ? validation.data : {};
  if (!validation.success) {
    for (const issue of validation.error.issues) {
      const where = lineOf(issue.path);
      const field = issue.path.map(String).join('.') || '(front matter)';
      report(where.line, where.column, 'error', 'front-matter-schema', `${field}: ${describeIssue(issue, fields)}`);
    }
  }

  const folder = readFolder(options.relativePath);
  const heading = structure.h1 ? readProposalHeading(structure.h1.text, options.kind.prefix) : undefined;
  if (!structure.h1) {
    report(bodyStartLine, 1, options.kind.inconsistencySeverity, 'missing-h1', `no H1 heading; the document must start with "# ${options.kind.prefix} #<number>: <title>"`);
  }

  // The number: front matter, else the H1, else the folder name; all that are given must agree.
  const numberField = `${options.kind.id}-number`;
  const stated = [
    { source: `front matter "${numberField}"`, value: frontMatterData['cep-number'], where: lineOf(['cep-number']) },
    { source: 'H1', value: heading?.number, where: { line: structure.h1?.line ?? 1, column: 1 } },
    { source: 'folder name', value: folder.number, where: { line: 1, column: 1 } },
  ].filter((entry): entry is { source: string; value: number; where: { line: number; column: number } } => entry.value !== undefined);
  const number = stated[0]?.value;
  for (const other of stated.slice(1)) {
    if (other.value !== number) {
      const first = stated[0];
      report(other.where.line, other.where.column, options.kind.inconsistencySeverity, 'number-mismatch',
        `${other.source} says ${options.kind.prefix} ${other.value} but ${first?.source} says ${number}`);
    }
  }
  if (number === undefined) {
    report(1, 1, 'error', 'number-missing', `no ${options.kind.prefix} number in the front matter, the H1 or the folder name ("<number>-<slug>")`);
  }

  const frontMatterTitle = frontMatterData.title?.trim();
  const headingTitle = heading?.title;
  if (frontMatterTitle && headingTitle && squash(frontMatterTitle) !== squash(headingTitle)) {
    report(structure.h1?.line ?? 1, 1, 'warning', 'title-mismatch',
      `H1 title "${headingTitle}" differs from front matter title "${frontMatterTitle}"`);
  }
  // In a proposal's own numbered folder, the template's H1 left as it is ("Your short, descriptive title")
  // is no title: say so, and use the folder's. (The template's own folder keeps it.)
  const placeholderTitle = headingTitle !== undefined && (folder.number ?? 0) > 0 && /^your short,? descriptive title\.?$/i.test(headingTitle);
  if (placeholderTitle && !frontMatterTitle) {
    report(structure.h1?.line ?? 1, 1, 'warning', 'title-placeholder',
      `the H1 still holds the template's title "${headingTitle}"; the folder name gives "${titleFromSlug(folder.slug)}" meanwhile`);
  }
  // An H1 that is a template section ("# Overview") opens the body; the document has no title line.
  const sectionTitle = headingTitle !== undefined && heading?.number === undefined && templateSections.some((name) => squash(name) === headingWords(headingTitle));
  if (sectionTitle && !frontMatterTitle) {
    report(structure.h1?.line ?? 1, 1, 'warning', 'title-missing',
      `the H1 "${headingTitle}" is a section name, not a title; write "# ${options.kind.prefix} #<number>: <title>" (the folder name gives "${titleFromSlug(folder.slug)}" meanwhile)`);
  }
  const title = frontMatterTitle || (placeholderTitle || sectionTitle ? titleFromSlug(folder.slug) : headingTitle) || titleFromSlug(folder.slug);

  const targets = readTargets(frontMatterData, frontMatter, structure, report, lineOf, options.kind.prefix);
  const targetRelease = Object.values(targets).sort(compareReleases).at(-1);

  // The template has no place for a status, so only front matter that leaves it out is flagged.
  if (frontMatter && frontMatterData.status === undefined && !diagnostics.some((diagnostic) => diagnostic.rule === 'front-matter-schema')) {
    report(2, 1, 'warning', 'status-missing', 'front matter has no "status" (provisional, implementable, implemented, …)');
  }

  checkRequiredSections(structure, options.kind.sectionSeverity, options.kind.sectionAliases ?? {}, report);

  if (number === undefined) return { diagnostics: sortByPosition(diagnostics), body, bodyStartLine, structure, locate: lineOf };

  const trackingIssue = readTrackingIssue(frontMatterData['tracking-issue'], number, options.kind.trackingRepository);
  // The template's "Overview"; proposals written before the template often open with a "Summary".
  const overview = ['overview', 'summary']
    .map((name) => structure.sections.find((section) => section.depth === 2 && headingWords(section.text) === name))
    .find((section) => section !== undefined);
  const exceptions = (frontMatterData.exceptions ?? []).map((exception) => {
    const reading = readReleaseVersion(exception.release);
    return {
      ...(reading.kind === 'set' ? { release: reading.release } : {}),
      state: exception.state,
      ...(exception.link ? { link: exception.link } : {}),
      ...(exception.requested ? { requested: exception.requested } : {}),
      ...(exception.reason ? { reason: exception.reason } : {}),
    };
  });
  const supersededBy = readProposalNumber(frontMatterData['superseded-by']);
  const record: CepRecord = {
    number,
    slug: folder.slug,
    title,
    ...(frontMatterData.status ? { status: frontMatterData.status } : {}),
    ...(frontMatterData.stage ? { stage: frontMatterData.stage } : {}),
    targets,
    ...(targetRelease ? { targetRelease } : {}),
    authors: frontMatterData.authors ?? [],
    owningSig: frontMatterData['owning-sig'] ?? options.kind.defaultOwningSig ?? owningSigOfFolder(options.kind, folder.parent) ?? 'unknown',
    participatingSigs: frontMatterData['participating-sigs'] ?? [],
    reviewers: frontMatterData.reviewers ?? [],
    approvers: frontMatterData.approvers ?? [],
    ...(frontMatterData['creation-date'] ? { creationDate: frontMatterData['creation-date'] } : {}),
    ...(frontMatterData['last-updated'] ? { lastUpdated: frontMatterData['last-updated'] } : {}),
    trackingIssue,
    replaces: [frontMatterData.replaces ?? []].flat().map(readProposalNumber).filter((value) => value !== undefined),
    ...(supersededBy !== undefined ? { supersededBy } : {}),
    exceptions,
    checklist: structure.checklist.map(({ text: itemText, checked, required }) => ({ text: itemText, checked, required })),
    summary: markdownToPlainText(firstParagraph(overview?.content ?? '')),
    form: frontMatter ? 'front-matter' : 'template',
    sourcePath: options.relativePath,
  };
  return { record, diagnostics: sortByPosition(diagnostics), body, bodyStartLine, structure, locate: lineOf };
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((left, right) => left.line - right.line || left.column - right.column);
}

/** `104_allow_disabling_feature_gates` → `Allow disabling feature gates`. */
function titleFromSlug(slug: string): string {
  const words = slug.replace(/^\d+[-_]?/, '').replace(/[-_]+/g, ' ').trim();
  return words ? words[0]?.toUpperCase() + words.slice(1) : slug;
}

function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A heading's words only: `**Overview**`, `Overview:` and `1. Overview` all read `overview`. */
function headingWords(text: string): string {
  return squash(text.replace(/[*_`]/g, '').replace(/^\d+(?:\.\d+)*\.?\s+/, '').replace(/\s*:\s*$/, ''));
}

// The VEP field name for the number is `vep-number`; both kinds share one schema keyed `cep-number`.
// Release values are taken as written in the source, because YAML reads `1.10` as the number 1.1.
function normaliseFrontMatterKeys(frontMatter: FrontMatter, kind: CatalogueKind): Record<string, unknown> {
  const fields = { ...frontMatter.data };
  const numberKey = `${kind.id}-number`;
  if (numberKey !== 'cep-number' && numberKey in fields) {
    fields['cep-number'] = fields[numberKey];
    delete fields[numberKey];
  }
  for (const field of ['replaces', 'superseded-by', 'participating-sigs', 'reviewers', 'approvers'] as const) {
    if (fields[field] === '') delete fields[field];
  }
  const milestone = frontMatter.document.get('milestone', true);
  if (isMap(milestone) && fields['milestone'] && typeof fields['milestone'] === 'object') {
    const written: Record<string, unknown> = { ...(fields['milestone'] as Record<string, unknown>) };
    for (const item of milestone.items) {
      if (isScalar(item.key) && isScalar(item.value) && typeof item.value.value === 'number') {
        written[String(item.key.value)] = item.value.source ?? String(item.value.value);
      }
    }
    fields['milestone'] = written;
  }
  return fields;
}

function findKeyNode(document: Document, path: readonly PropertyKey[]): number | undefined {
  const parentPath = path.slice(0, -1) as (string | number)[];
  const parent = parentPath.length ? document.getIn(parentPath, true) : document.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1));
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

function describeIssue(
  issue: { code: string; message: string; path: PropertyKey[]; values?: readonly unknown[] },
  fields: Record<string, unknown>,
): string {
  const value = issue.path.reduce<unknown>(
    (current, key) => (current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined),
    fields,
  );
  if (issue.code === 'invalid_value' && issue.values) {
    return `"${String(value)}" is not one of ${issue.values.map((allowed) => `"${String(allowed)}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && value === undefined) return 'is required';
  return `${issue.message.replace(/^Invalid input: /, '')} (got ${JSON.stringify(value)})`;
}

function readProposalNumber(reference: unknown): number | undefined {
  if (typeof reference === 'number') return reference;
  const match = typeof reference === 'string' ? /^\s*(?:[A-Z]EP\s*#?\s*)?0*(\d+)/i.exec(reference) : null;
  return match ? Number(match[1]) : undefined;
}

function readTrackingIssue(
  written: string | number | undefined,
  number: number,
  defaultRepository: string,
): CepRecord['trackingIssue'] {
  const urlMatch = typeof written === 'string' ? /github\.com\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/.exec(written) : null;
  const repository = urlMatch?.[1] ?? defaultRepository;
  const issueNumber = urlMatch ? Number(urlMatch[2]) : written !== undefined && /^#?\d+$/.test(String(written)) ? Number(String(written).replace('#', '')) : number;
  return { repository, number: issueNumber, url: `https://github.com/${repository}/issues/${issueNumber}` };
}

type Report = (line: number, column: number, severity: Severity, rule: LintRuleId, message: string) => void;

function readTargets(
  frontMatterData: CepFrontMatter,
  frontMatter: FrontMatter | undefined,
  structure: BodyStructure,
  report: Report,
  lineOf: (path: readonly PropertyKey[]) => { line: number; column: number },
  prefix: string,
): Partial<Record<TargetStage, ReleaseVersion>> {
  const targets: Partial<Record<TargetStage, ReleaseVersion>> = {};
  for (const unread of structure.unreadTargets) {
    report(unread.line, 1, 'warning', 'target-unreadable',
      `cannot tell which stage "${unread.text}" targets; write "This ${prefix} targets <alpha|beta|GA> for version: vX.Y"`);
  }
  for (const target of structure.targets) {
    if (target.listed && target.reading.kind === 'set') {
      report(target.line, 1, 'warning', 'release-several',
        `the ${target.stage} target lists several releases (${target.listed.join(', ')}); the latest, ${target.reading.release}, is used: keep only the upcoming one`);
    }
    if (target.reading.kind === 'unreadable') {
      report(target.line, 1, 'warning', 'release-unreadable', `cannot read the ${target.stage} target release "${target.reading.text}"; write it as vX.Y or TBD`);
    }
  }
  for (const stage of targetStages) {
    const bodyLine = readBodyTarget(structure.targets.filter((target) => target.stage === stage), stage, report);
    const written = frontMatter ? frontMatterData.milestone?.[stage] : undefined;
    const reading = readReleaseVersion(written);
    if (reading.kind === 'unreadable') {
      const where = lineOf(['milestone', stage]);
      report(where.line, where.column, 'warning', 'release-unreadable', `milestone.${stage}: cannot read release "${reading.text}"; write it as vX.Y or TBD`);
    }
    const fromFrontMatter = reading.kind === 'set' ? reading.release : undefined;
    const fromBodyRelease = bodyLine?.reading.kind === 'set' ? bodyLine.reading.release : undefined;
    if (fromFrontMatter && fromBodyRelease && fromFrontMatter !== fromBodyRelease && bodyLine) {
      report(bodyLine.line, 1, 'warning', 'target-mismatch',
        `body targets ${stage} for ${fromBodyRelease} but front matter milestone.${stage} says ${fromFrontMatter}`);
    }
    const release = fromFrontMatter ?? fromBodyRelease;
    if (release) targets[stage] = release;
  }
  return targets;
}

/**
 * The body's line for one stage. Present-tense lines ("targets") win over history ("targeted", of
 * which the last counts); among present-tense lines a set release wins over a blank or unreadable one
 * (a file may hold a filled-in block and an empty one). Present-tense lines that set different
 * releases cannot both be right: that is a warning, and the stage is left unset rather than guessed.
 */
function readBodyTarget(lines: readonly TargetLine[], stage: TargetStage, report: Report): TargetLine | undefined {
  const present = lines.filter((line) => !line.past);
  if (present.length === 0) return lines.at(-1);
  const withRelease = present.filter((line) => line.reading.kind === 'set');
  const releases = [...new Set(withRelease.map((line) => (line.reading.kind === 'set' ? line.reading.release : '')))];
  if (releases.length > 1) {
    const last = withRelease.at(-1);
    const where = withRelease.map((line) => `${line.reading.kind === 'set' ? line.reading.release : ''} (line ${line.line})`).join(', ');
    report(last?.line ?? 1, 1, 'warning', 'target-conflict', `${stage} is targeted at ${where}; keep one line per stage`);
    return undefined;
  }
  return withRelease.at(-1) ?? present.at(-1);
}

function checkRequiredSections(
  structure: BodyStructure,
  severity: Severity,
  aliases: Readonly<Record<string, readonly string[]>>,
  report: Report,
): void {
  const lastLine = structure.headings.at(-1)?.line ?? 1;
  for (const name of requiredSections) {
    const names = [name, ...(aliases[name] ?? [])].map(squash);
    const section = structure.sections.find((candidate) => candidate.depth === 2 && names.includes(headingWords(candidate.text)));
    if (!section) {
      report(lastLine, 1, severity, 'section-missing', `required section "## ${name}" is missing`);
      continue;
    }
    const filled = meaningfulText(section.content)
      .split('\n')
      .filter((line) => !/^#{1,6}\s/.test(line.trim()))
      .join('\n')
      .trim();
    if (!filled) {
      report(section.line, 1, severity, 'section-empty', `section "## ${name}" holds only the template's guidance; fill it in`);
    }
  }
}
