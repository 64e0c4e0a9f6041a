/**
 * One verdict per proposal, by lifecycle: an active proposal has a health (judged against the
 * release it targets and where that release is in its cycle); a finished or abandoned one has an
 * outcome, never "on track". Each verdict carries its reason as a sentence people can read.
 */
import type { CepRecord } from '../cep/schema.ts';
import { finishedStatuses, statusInfo, type CepStatus } from '../cep/vocabulary.ts';
import { healthStatus, healthStatusInfo, type Finding, type HealthStatus } from './findings.ts';

/** How a finished proposal ended. */
export type Outcome = Extract<CepStatus, 'implemented' | 'deferred' | 'rejected' | 'withdrawn' | 'replaced'>;
export const outcomeInfo: Record<Outcome, { label: string; tone: 'ok' | 'neutral' | 'bad' }> = {
  implemented: { label: 'Implemented', tone: 'ok' },
  deferred: { label: 'Deferred', tone: 'neutral' },
  rejected: { label: 'Rejected', tone: 'neutral' },
  withdrawn: { label: 'Withdrawn', tone: 'neutral' },
  replaced: { label: 'Replaced', tone: 'neutral' },
};

export type Assessment =
  | { kind: 'health'; health: HealthStatus; label: string; tone: 'ok' | 'warn' | 'bad'; reason: string }
  | { kind: 'outcome'; outcome: Outcome; label: string; tone: 'ok' | 'neutral' | 'bad'; reason: string };

const severityOrder = { error: 0, warning: 2, info: 3 } as const;
// A board marking the proposal "At risk" makes it at risk although it is only a warning.
const weight = (finding: Finding) => (finding.rule === 'board-at-risk' ? 1 : severityOrder[finding.severity]);

/** The finding that explains a health best: the one that decided it, first found. */
export function leadingFinding(findings: readonly Finding[]): Finding | undefined {
  return [...findings].sort((left, right) => weight(left) - weight(right))[0];
}

/** Judges one proposal from its findings. */
export function assess(cep: Pick<CepRecord, 'status' | 'supersededBy'>, findings: readonly Finding[], prefix = 'CEP'): Assessment {
  if (cep.status && (finishedStatuses as readonly string[]).includes(cep.status)) {
    const outcome = cep.status as Outcome;
    const replacedBy = outcome === 'replaced' && cep.supersededBy ? ` by ${prefix} ${cep.supersededBy}` : '';
    return {
      kind: 'outcome',
      outcome,
      label: `Outcome: ${outcomeInfo[outcome].label.toLowerCase()}`,
      tone: outcomeInfo[outcome].tone,
      reason: `${statusInfo[outcome].description.replace(/\.$/, '')}${replacedBy}.`,
    };
  }
  const health = healthStatus(findings);
  const lead = health === 'on-track' ? undefined : leadingFinding(findings.filter((finding) => finding.severity !== 'info'));
  return {
    kind: 'health',
    health,
    label: `Health: ${healthStatusInfo[health].label.toLowerCase()}`,
    tone: healthStatusInfo[health].tone,
    reason: lead ? lead.message : 'No problems found in the document, the tracking issue or the schedule.',
  };
}
