/**
 * The text of a proposal and its YAML front matter: decoding, control characters, the split into
 * front matter and body, the one YAML reading (see yaml.ts) and where each field is written.
 */
import { isMap, isScalar, type Document, type LineCounter } from 'yaml';
import type { CatalogueKind } from '../catalogue-kind.ts';
import { readYaml, type YamlProblem } from './yaml.ts';

/** Decodes bytes as UTF-8, or returns `undefined` when they are not UTF-8 text. */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

// C0 controls but tab, line feed and carriage return; DEL; C1 controls. None belongs in a document,
// and a browser or feed reader may show or choke on them.
const controlCharacterPattern = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Every control character in a text, with its line and column (1-based). */
export function findControlCharacters(text: string): { line: number; column: number; code: number }[] {
  const found: { line: number; column: number; code: number }[] = [];
  for (const match of text.matchAll(controlCharacterPattern)) {
    const before = text.slice(0, match.index);
    const lineStart = before.lastIndexOf('\n') + 1;
    found.push({ line: before.split('\n').length, column: match.index - lineStart + 1, code: match[0].charCodeAt(0) });
  }
  return found;
}

export interface FrontMatter {
  data: Record<string, unknown>;
  document: Document;
  lineCounter: LineCounter;
  /** File line of the first YAML line. */
  firstLine: number;
}

export type FrontMatterSplit =
  | { kind: 'none'; body: string; bodyStartLine: 1 }
  | { kind: 'unclosed' }
  | { kind: 'yaml'; yamlText: string; body: string; bodyStartLine: number };

const frontMatterPattern = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Splits a document into its front matter (between `---` lines at the top) and its body. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  if (!text.startsWith('---')) return { kind: 'none', body: text, bodyStartLine: 1 };
  const match = frontMatterPattern.exec(text);
  if (!match) return { kind: 'unclosed' };
  let bodyStartLine = match[0].split('\n').length;
  if (!match[0].endsWith('\n')) bodyStartLine -= 1;
  return { kind: 'yaml', yamlText: match[1] ?? '', body: text.slice(match[0].length), bodyStartLine };
}

/** Reads front matter YAML; a problem is given in file lines (the YAML starts on line 2). */
export function readFrontMatter(yamlText: string): { frontMatter?: FrontMatter; problem?: YamlProblem } {
  const reading = readYaml(yamlText);
  if (reading.problem)
    return {
      problem: {
        ...reading.problem,
        line: reading.problem.line + 1,
        message: `front matter is not valid YAML: ${reading.problem.message}`,
      },
    };
  const data = reading.value;
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    return { problem: { line: 2, column: 1, message: 'front matter must be a mapping of fields (key: value)' } };
  }
  return {
    frontMatter: {
      data: (data ?? {}) as Record<string, unknown>,
      document: reading.document,
      lineCounter: reading.lineCounter,
      firstLine: 2,
    },
  };
}

export type Locate = (path: readonly PropertyKey[]) => { line: number; column: number };

/** Where a front matter field is written: its key, else its nearest written parent; line 1 without front matter. */
export function locator(frontMatter: FrontMatter | undefined): Locate {
  return (path) => {
    if (!frontMatter) return { line: 1, column: 1 };
    for (let depth = path.length; depth > 0; depth -= 1) {
      const node = frontMatter.document.getIn(path.slice(0, depth) as (string | number)[], true) as
        { range?: [number, number, number] } | undefined;
      const pair = depth === path.length ? findKeyNode(frontMatter.document, path.slice(0, depth)) : undefined;
      const offset = pair ?? node?.range?.[0];
      if (offset !== undefined) {
        const position = frontMatter.lineCounter.linePos(offset);
        return { line: position.line + frontMatter.firstLine - 1, column: position.col };
      }
    }
    return { line: frontMatter.firstLine, column: 1 };
  };
}

function findKeyNode(document: Document, path: readonly PropertyKey[]): number | undefined {
  const parentPath = path.slice(0, -1) as (string | number)[];
  const parent = parentPath.length ? document.getIn(parentPath, true) : document.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1));
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

// The VEP field name for the number is `vep-number`; both kinds share one schema keyed `cep-number`.
// Release values are taken as written in the source, because YAML reads `1.10` as the number 1.1.
export function normaliseFrontMatterKeys(frontMatter: FrontMatter, kind: CatalogueKind): Record<string, unknown> {
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

/** Explains a zod issue about a field in words, with the value written. */
export function describeIssue(
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
