import type { Severity } from '../diagnostics.ts';

/** Records a finding at a file line and column. */
export type Report = (line: number, column: number, severity: Severity, rule: string, message: string) => void;
