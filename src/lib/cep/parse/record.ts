/**
 * Turns one proposal document into a {@link CepRecord}, whichever way its metadata is written:
 * YAML front matter, or the template's H1 and "targets <stage> for version" lines. Every problem
 * becomes a {@link Diagnostic} with file, line and field; nothing here throws on bad input.
 */
import { owningSigOfFolder, type CatalogueKind } from '../catalogue-kind.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { splitLink } from '../links.ts';
import { frontMatterSchema, type CepFrontMatter, type CepRecord } from '../schema.ts';
import { imageFilePattern, readReleaseVersion } from '../vocabulary.ts';
import {
  decodeText,
  describeIssue,
  findControlCharacters,
  locator,
  normaliseFrontMatterKeys,
  readFrontMatter,
  splitFrontMatter,
  type FrontMatter,
  type Locate,
} from './front-matter.ts';
import { readIdentity, readProposalNumber, readTrackingIssue } from './identity.ts';
import type { Report } from './report.ts';
import { checkRequiredSections, findSection, readBodyStructure, summaryOf, type BodyStructure } from './sections.ts';
import { latestTarget, readTargets } from './targets.ts';

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
  locate: Locate;
  /** The front matter as read (the one reading, handed on to Astro); absent without front matter. */
  frontMatter?: Record<string, unknown>;
}

export function parseCepSource(source: string | Uint8Array, options: ParseOptions): ParsedCep {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (line, column, severity, rule, message) =>
    diagnostics.push({ file: options.displayPath, line, column, severity, rule, message });
  const result = (
    body: string,
    bodyStartLine: number,
    structure: BodyStructure,
    locate: Locate,
    extra: Partial<ParsedCep> = {},
  ): ParsedCep => ({
    diagnostics: sortByPosition(diagnostics),
    body,
    bodyStartLine,
    structure,
    locate,
    ...extra,
  });
  const emptyResult = (body: string, bodyStartLine = 1) =>
    result(body, bodyStartLine, readBodyStructure(''), () => ({ line: 1, column: 1 }));

  const text = typeof source === 'string' ? source.replace(/^\uFEFF/, '') : decodeText(source);
  if (text === undefined) {
    report(1, 1, 'error', 'binary-file', 'file is not UTF-8 text; a proposal must be a markdown document');
    return emptyResult('');
  }
  if (text.trim() === '') {
    report(1, 1, 'error', 'empty-file', `file is empty; start from the template (npm run new)`);
    return emptyResult('');
  }
  const controls = findControlCharacters(text);
  for (const control of controls.slice(0, 5)) {
    report(
      control.line,
      control.column,
      'error',
      'control-character',
      `control character U+${control.code.toString(16).toUpperCase().padStart(4, '0')} in the text; remove it (a document holds printable text, tabs and line breaks only)`,
    );
  }
  if (controls.length > 5)
    report(controls[5]?.line ?? 1, 1, 'error', 'control-character', `${controls.length - 5} more control characters after these`);

  const split = splitFrontMatter(text);
  if (split.kind === 'unclosed') {
    report(1, 1, 'error', 'front-matter-yaml', 'front matter starts with "---" but is never closed by a "---" line');
    return emptyResult(text);
  }
  let frontMatter: FrontMatter | undefined;
  if (split.kind === 'yaml') {
    const reading = readFrontMatter(split.yamlText);
    if (reading.problem) {
      report(reading.problem.line, reading.problem.column, 'error', 'front-matter-yaml', reading.problem.message);
      return emptyResult(split.body, split.bodyStartLine);
    }
    frontMatter = reading.frontMatter;
  }
  const { body, bodyStartLine } = split;
  const mdx = /\.mdx$/i.test(options.relativePath);
  const structure = readBodyStructure(body, bodyStartLine, { mdx });
  if (structure.mdxError) {
    report(
      structure.mdxError.line,
      structure.mdxError.column,
      'error',
      'mdx-syntax',
      `the MDX body does not parse: ${structure.mdxError.message}`,
    );
  }
  const locate = locator(frontMatter);
  for (const image of structure.links.filter((link) => link.image && !imageFilePattern.test(splitLink(link.target).target))) {
    report(
      image.line,
      image.column,
      'warning',
      'image-not-image',
      `"${image.target}" is shown as an image but is not one (png, jpg, gif, webp, avif, svg); it is linked instead: write [text](${image.target})`,
    );
  }

  const fields = frontMatter ? normaliseFrontMatterKeys(frontMatter, options.kind) : {};
  const validation = frontMatterSchema.safeParse(fields);
  const frontMatterData: CepFrontMatter = validation.success ? validation.data : {};
  if (!validation.success) {
    for (const issue of validation.error.issues) {
      const where = locate(issue.path);
      const field = issue.path.map(String).join('.') || '(front matter)';
      report(where.line, where.column, 'error', 'front-matter-schema', `${field}: ${describeIssue(issue, fields)}`);
    }
  }

  const identity = readIdentity(frontMatterData, structure, options.relativePath, options.kind, locate, report, bodyStartLine);
  const targets = readTargets(
    frontMatterData,
    frontMatter !== undefined,
    structure.targets,
    structure.unreadTargets,
    report,
    locate,
    options.kind.prefix,
  );
  const targetRelease = latestTarget(targets);

  // The template has no place for a status, so only front matter that leaves it out is flagged.
  if (frontMatter && frontMatterData.status === undefined && !diagnostics.some((diagnostic) => diagnostic.rule === 'front-matter-schema')) {
    report(2, 1, 'warning', 'status-missing', 'front matter has no "status" (provisional, implementable, implemented, …)');
  }
  checkRequiredSections(structure, options.kind.sectionSeverity, options.kind.sectionAliases ?? {}, report);

  const extra = frontMatter ? { frontMatter: frontMatter.data } : {};
  const number = identity.number;
  if (number === undefined) return result(body, bodyStartLine, structure, locate, extra);

  const trackingIssue = readTrackingIssue(frontMatterData['tracking-issue'], number, options.kind.trackingRepository);
  // The template's "Overview"; proposals written before the template often open with a "Summary".
  const overview = findSection(structure, ['Overview']) ?? findSection(structure, ['Summary']);
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
    slug: identity.slug,
    title: identity.title,
    ...(frontMatterData.status ? { status: frontMatterData.status } : {}),
    ...(frontMatterData.stage ? { stage: frontMatterData.stage } : {}),
    targets: targets.targets,
    ...(targets.ungated ? { ungatedTarget: targets.ungated } : {}),
    ...(targetRelease ? { targetRelease } : {}),
    authors: frontMatterData.authors ?? [],
    owningSig:
      frontMatterData['owning-sig'] ?? options.kind.defaultOwningSig ?? owningSigOfFolder(options.kind, identity.parent) ?? 'unknown',
    participatingSigs: frontMatterData['participating-sigs'] ?? [],
    reviewers: frontMatterData.reviewers ?? [],
    approvers: frontMatterData.approvers ?? [],
    ...(frontMatterData['creation-date'] ? { creationDate: frontMatterData['creation-date'] } : {}),
    ...(frontMatterData['last-updated'] ? { lastUpdated: frontMatterData['last-updated'] } : {}),
    trackingIssue,
    replaces: [frontMatterData.replaces ?? []]
      .flat()
      .map(readProposalNumber)
      .filter((value) => value !== undefined),
    ...(supersededBy !== undefined ? { supersededBy } : {}),
    exceptions,
    checklist: structure.checklist.map(({ text: itemText, checked, required }) => ({ text: itemText, checked, required })),
    summary: summaryOf(overview),
    form: frontMatter ? 'front-matter' : 'template',
    sourcePath: options.relativePath,
  };
  return result(body, bodyStartLine, structure, locate, { record, ...extra });
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((left, right) => left.line - right.line || left.column - right.column);
}
