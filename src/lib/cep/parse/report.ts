import type { Severity } from '../diagnostics.ts';
import type { LintRuleId } from '../../rules/registry.ts';

/** Records a finding at a file line and column. */
export type Report = (line: number, column: number, severity: Severity, rule: LintRuleId, message: string) => void;
