/**
 * Findings about CEP documents, and the three ways they are printed: for people
 * (`path:line:column  error  message (rule)`), for GitHub Actions annotations, and as JSON.
 */

import type { DiagnosticRuleId } from '../rules/registry.ts';

export type Severity = 'error' | 'warning';

/** One finding, located in a file. Lines and columns are 1-based. */
export interface Diagnostic {
  /** Path as given to the user: relative to the working directory where possible. */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  /** Stable rule id, e.g. `front-matter-schema`: registered in src/lib/rules/registry.ts. */
  rule: DiagnosticRuleId;
}

/**
 * Control characters (line breaks included), and invisible characters that reorder or hide text:
 * in a finding's text they could start a line of their own, or disguise what it says.
 */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]+/g;

/**
 * Text from content or GitHub (a title, a file name) made safe for one plain output line: no line
 * breaks or control characters, and no `::`, so that under GitHub Actions it can never be read as
 * a workflow command (`::error …`, `::stop-commands::…`, `::add-mask::…`).
 */
export function toOutputLine(text: string): string {
  return text.replace(UNPRINTABLE, ' ').replace(/:(?=:)/g, ': ');
}

/** Formats a finding the way compilers do, so editors and terminals can jump to it; always one line. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  return toOutputLine(
    `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}  ${diagnostic.severity}  ${diagnostic.message} (${diagnostic.rule})`,
  );
}

// Workflow-command values must escape these so a message cannot end or forge an annotation.
function escapeAnnotationData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeAnnotationProperty(text: string): string {
  return escapeAnnotationData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Formats a finding as a GitHub Actions workflow command, which shows as an annotation on the file. */
export function formatGithubAnnotation(diagnostic: Diagnostic): string {
  const properties = [
    `file=${escapeAnnotationProperty(diagnostic.file)}`,
    `line=${diagnostic.line}`,
    `col=${diagnostic.column}`,
    `title=${escapeAnnotationProperty(diagnostic.rule)}`,
  ].join(',');
  return `::${diagnostic.severity} ${properties}::${escapeAnnotationData(diagnostic.message)}`;
}

/** Sorts findings by file, then position, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (left, right) => left.file.localeCompare(right.file) || left.line - right.line || left.column - right.column,
  );
}

/** Counts errors and warnings. */
export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  return { errors, warnings: diagnostics.length - errors };
}

/** The closing line of a lint run, e.g. `2 errors, 1 warning in 14 CEPs`. */
export function summariseDiagnostics(diagnostics: readonly Diagnostic[], documentCount: number): string {
  const { errors, warnings } = countBySeverity(diagnostics);
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(documentCount, 'document')}`;
}
