/**
 * Who a proposal is: its number (front matter, H1 or folder name, which must agree), its title and
 * its tracking issue. Numbers too large to be an issue number are findings, never published.
 */
import type { CatalogueKind } from '../catalogue-kind.ts';
import type { CepFrontMatter, CepRecord } from '../schema.ts';
import { maxProposalNumber, readProposalNumberDigits, templateSections } from '../vocabulary.ts';
import type { Report } from './report.ts';
import type { BodyStructure } from './sections.ts';
import type { Locate } from './front-matter.ts';

/**
 * Reads the folder a document sits in: `4101-arm64-lanes/cep.md` → number 4101 and slug;
 * `sig-compute/104_disable-gates/vep.md` → number 104, slug and the top folder `sig-compute`
 * (also for a sub-proposal nested in another's folder, `sig-storage/25-backup/399-checkpoints/vep.md`).
 * `numberText` holds the digits when they are too many to be a number.
 */
export function readFolder(relativePath: string): { slug: string; number?: number; numberText?: string; parent?: string } {
  const parts = relativePath.split('/');
  const slug = parts.at(-2) ?? parts[0] ?? '';
  const digits = /^0*(\d+)(?:[-_]|$)/.exec(slug)?.[1];
  const number = digits === undefined ? undefined : readProposalNumberDigits(digits);
  return {
    slug,
    ...(number !== undefined ? { number } : {}),
    ...(digits !== undefined && number === undefined ? { numberText: digits } : {}),
    ...(parts.length > 2 ? { parent: parts[0] } : {}),
  };
}

/**
 * Splits an H1 such as `CEP #0042: Title`, `VEP 104: Title`, `VEP-104 - Title`, `[VEP #7] Title`
 * or `Title` into number and title. `numberText` holds digits too many to be a number.
 */
export function readProposalHeading(text: string, prefix: string): { number?: number; numberText?: string; title: string } {
  const trimmed = text.trim();
  // `NNNN` is the template's placeholder: a heading without a number yet.
  const pattern = new RegExp(`^\\[?(?:${prefix}|[A-Z]EP)[\\s#-]*(\\d+|N+)\\]?\\s*[:.\\-–—]?\\s*(.*)$`, 'i');
  const match = pattern.exec(trimmed);
  if (!match) {
    // `VEP: Title` or `VEP #Title` names the kind but no number.
    const bare = new RegExp(`^(?:${prefix}|[A-Z]EP)\\b\\s*(?:#\\s*|[:\\-–—]\\s*)(.+)$`, 'i').exec(trimmed);
    return { title: (bare?.[1] ?? trimmed).trim() };
  }
  const title = (match[2] ?? '').trim();
  const digits = /^\d+$/.test(match[1] ?? '') ? (match[1] ?? '').replace(/^0+(?=\d)/, '') : undefined;
  if (digits === undefined) return { title };
  const number = readProposalNumberDigits(digits);
  return number === undefined ? { numberText: digits, title } : { number, title };
}

/** `104_allow_disabling_feature_gates` → `Allow disabling feature gates`. */
export function titleFromSlug(slug: string): string {
  const words = slug
    .replace(/^\d+[-_]?/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return words ? words[0]?.toUpperCase() + words.slice(1) : slug;
}

export function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A heading's words only: `Overview:` and `1. Overview` both read `overview`. */
export function headingWords(text: string): string {
  return squash(
    text
      .replace(/[*_`]/g, '')
      .replace(/^\d+(?:\.\d+)*\.?\s+/, '')
      .replace(/\s*:\s*$/, ''),
  );
}

export function readProposalNumber(reference: unknown): number | undefined {
  if (typeof reference === 'number')
    return Number.isSafeInteger(reference) && reference > 0 && reference <= maxProposalNumber ? reference : undefined;
  const match = typeof reference === 'string' ? /^\s*(?:[A-Z]EP\s*#?\s*)?0*(\d+)/i.exec(reference) : null;
  return match?.[1] ? readProposalNumberDigits(match[1]) : undefined;
}

export function readTrackingIssue(
  written: string | number | undefined,
  number: number,
  defaultRepository: string,
): CepRecord['trackingIssue'] {
  const urlMatch = typeof written === 'string' ? /github\.com\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/.exec(written) : null;
  const repository = urlMatch?.[1] ?? defaultRepository;
  const writtenNumber = urlMatch
    ? urlMatch[2]
    : written !== undefined && /^#?\d+$/.test(String(written))
      ? String(written).replace('#', '')
      : undefined;
  const issueNumber = (writtenNumber === undefined ? undefined : readProposalNumberDigits(writtenNumber)) ?? number;
  return { repository, number: issueNumber, url: `https://github.com/${repository}/issues/${issueNumber}` };
}

export interface Identity {
  number?: number;
  title: string;
  slug: string;
  parent?: string;
}

/** The number and title, with a finding for every disagreement or placeholder. */
export function readIdentity(
  frontMatterData: CepFrontMatter,
  structure: BodyStructure,
  relativePath: string,
  kind: CatalogueKind,
  locate: Locate,
  report: Report,
  bodyStartLine: number,
): Identity {
  const folder = readFolder(relativePath);
  const h1 = structure.h1;
  const heading = h1 ? readProposalHeading(h1.text, kind.prefix) : undefined;
  const h1Where = { line: h1?.line ?? 1, column: h1?.column ?? 1 };
  if (!h1) {
    report(
      bodyStartLine,
      1,
      kind.inconsistencySeverity,
      'missing-h1',
      `no H1 heading; the document must start with "# ${kind.prefix} #<number>: <title>"`,
    );
  }
  for (const [source, text, where] of [
    ['folder name', folder.numberText, { line: 1, column: 1 }],
    ['H1', heading?.numberText, h1Where],
  ] as const) {
    if (text !== undefined && readProposalNumberDigits(text) === undefined) {
      report(
        where.line,
        where.column,
        'error',
        'number-too-large',
        `the ${source} gives the number ${text}, larger than any ${kind.prefix} or issue number (at most ${maxProposalNumber})`,
      );
    }
  }

  // The number: front matter, else the H1, else the folder name; all that are given must agree.
  const numberField = `${kind.id}-number`;
  const stated = [
    { source: `front matter "${numberField}"`, value: frontMatterData['cep-number'], where: locate(['cep-number']) },
    { source: 'H1', value: heading?.number, where: h1Where },
    { source: 'folder name', value: folder.number, where: { line: 1, column: 1 } },
  ].filter((entry): entry is { source: string; value: number; where: { line: number; column: number } } => entry.value !== undefined);
  const number = stated[0]?.value;
  for (const other of stated.slice(1)) {
    if (other.value !== number) {
      report(
        other.where.line,
        other.where.column,
        kind.inconsistencySeverity,
        'number-mismatch',
        `${other.source} says ${kind.prefix} ${other.value} but ${stated[0]?.source} says ${number}`,
      );
    }
  }
  if (number === undefined) {
    report(1, 1, 'error', 'number-missing', `no ${kind.prefix} number in the front matter, the H1 or the folder name ("<number>-<slug>")`);
  }

  const frontMatterTitle = frontMatterData.title?.trim();
  const headingTitle = heading?.title;
  if (frontMatterTitle && headingTitle && squash(frontMatterTitle) !== squash(headingTitle)) {
    report(
      h1Where.line,
      h1Where.column,
      'warning',
      'title-mismatch',
      `H1 title "${headingTitle}" differs from front matter title "${frontMatterTitle}"`,
    );
  }
  // In a proposal's own numbered folder, the template's H1 left as it is ("Your short, descriptive title")
  // is no title: say so, and use the folder's. (The template's own folder keeps it.)
  const placeholderTitle =
    headingTitle !== undefined && (folder.number ?? 0) > 0 && /^your short,? descriptive title\.?$/i.test(headingTitle);
  if (placeholderTitle && !frontMatterTitle) {
    report(
      h1Where.line,
      h1Where.column,
      'warning',
      'title-placeholder',
      `the H1 still holds the template's title "${headingTitle}"; the folder name gives "${titleFromSlug(folder.slug)}" meanwhile`,
    );
  }
  // An H1 that is a template section ("# Overview") opens the body; the document has no title line.
  const sectionTitle =
    headingTitle !== undefined &&
    heading?.number === undefined &&
    templateSections.some((name) => squash(name) === headingWords(headingTitle));
  if (sectionTitle && !frontMatterTitle) {
    report(
      h1Where.line,
      h1Where.column,
      'warning',
      'title-missing',
      `the H1 "${headingTitle}" is a section name, not a title; write "# ${kind.prefix} #<number>: <title>" (the folder name gives "${titleFromSlug(folder.slug)}" meanwhile)`,
    );
  }
  const title =
    frontMatterTitle || (placeholderTitle || sectionTitle ? titleFromSlug(folder.slug) : headingTitle) || titleFromSlug(folder.slug);
  return { ...(number !== undefined ? { number } : {}), title, slug: folder.slug, ...(folder.parent ? { parent: folder.parent } : {}) };
}
