/**
 * The closed vocabularies of the CEP process, with the labels and descriptions the site shows.
 * Facets, badges, the schema and the linter all read these maps, so a value is spelled once.
 */

/** Lifecycle states of a proposal, in the order a proposal usually passes through them. */
export const cepStatuses = ['provisional', 'implementable', 'implemented', 'deferred', 'rejected', 'withdrawn', 'replaced'] as const;
export type CepStatus = (typeof cepStatuses)[number];

/** Feature maturity stages. */
export const cepStages = ['alpha', 'beta', 'stable', 'deprecated'] as const;
export type CepStage = (typeof cepStages)[number];

/** Stages a release can be targeted for (a proposal is never "targeted" at deprecated). */
export const targetStages = ['alpha', 'beta', 'stable'] as const;
export type TargetStage = (typeof targetStages)[number];

/** States of an exception request made on the kubevirt-dev mailing list. */
export const exceptionStates = ['requested', 'granted', 'denied'] as const;
export type ExceptionState = (typeof exceptionStates)[number];

/** What the site says about each status. */
export const statusInfo: Record<CepStatus, { label: string; description: string }> = {
  provisional: { label: 'Provisional', description: 'Proposed and under review by the owning SIG; not yet accepted.' },
  implementable: { label: 'Implementable', description: 'Accepted; work may be targeted at a release.' },
  implemented: { label: 'Implemented', description: 'Delivered as designed.' },
  deferred: { label: 'Deferred', description: 'Accepted in principle but postponed.' },
  rejected: { label: 'Rejected', description: 'Declined by the owning SIG.' },
  withdrawn: { label: 'Withdrawn', description: 'Withdrawn by its authors.' },
  replaced: { label: 'Replaced', description: 'Superseded by a later proposal.' },
};

/** What the site says about each stage. */
export const stageInfo: Record<CepStage, { label: string }> = {
  alpha: { label: 'Alpha' },
  beta: { label: 'Beta' },
  stable: { label: 'Stable (GA)' },
  deprecated: { label: 'Deprecated' },
};

/** What the site says of a stage-less target ("Ship target version: v1.8"): the feature has no stages. */
export const notGatedLabel = 'not gated';

/** Statuses that mean the proposal is finished with, one way or the other. */
export const closedStatuses: readonly CepStatus[] = ['implemented', 'withdrawn', 'rejected', 'replaced'];

/** The H2 sections the linter requires to be present and filled in. */
export const requiredSections = ['Overview', 'Motivation', 'Goals', 'Design', 'Graduation Requirements'] as const;

/** The official section list of the CEP template, in order (used by `npm run new`). */
export const templateSections = [
  'Overview',
  'Motivation',
  'Goals',
  'Non Goals',
  'Definition of Users',
  'User Stories',
  'Repos',
  'Design',
  'Alternatives',
  'Scalability',
  'Update/Rollback Compatibility',
  'Functional Testing Approach',
  'Implementation History',
  'Graduation Requirements',
] as const;

/**
 * Statuses after which a proposal has an outcome rather than a health: delivered, abandoned or
 * postponed. (`closedStatuses` are those whose tracking issue is expected to be closed; a deferred
 * proposal's issue may stay open.)
 */
export const finishedStatuses: readonly CepStatus[] = ['implemented', 'deferred', 'rejected', 'withdrawn', 'replaced'];
export const isFinishedStatus = (status: CepStatus | undefined): boolean => status !== undefined && finishedStatuses.includes(status);

/** Statuses that pass Enhancement Freeze: the proposal is accepted. */
export const acceptedStatuses: readonly CepStatus[] = ['implementable', 'implemented'];

/**
 * Display labels that say what a value is about, so a stage is never mistaken for a release and
 * a badge never says just "Open": "Status: implementable", "Stage: alpha", "Beta in v1.10".
 */
export const displayLabels = {
  status: (status: CepStatus | undefined) => (status ? `Status: ${statusInfo[status].label.toLowerCase()}` : 'Status: not stated'),
  stage: (stage: CepStage | undefined) => (stage ? `Stage: ${stageInfo[stage].label.toLowerCase()}` : 'Stage: not stated'),
  /** A stage targeted at a release: "Beta in v1.10". */
  stageIn: (stage: TargetStage | CepStage, release: string) => `${stageInfo[stage].label} in ${release}`,
  /** The latest target of a proposal, e.g. "Beta in v1.10"; "Target: not set" without one. */
  latestTarget: (targets: Partial<Record<TargetStage, string>>, targetRelease: string | undefined) => {
    if (!targetRelease) return 'Target: not set';
    const stage = [...targetStages].reverse().find((candidate) => targets[candidate] === targetRelease);
    return stage ? `${stageInfo[stage].label} in ${targetRelease}` : `Target: ${targetRelease}`;
  },
  trackingIssue: (state: 'open' | 'closed' | 'missing') =>
    ({ open: 'Tracking issue: open', closed: 'Tracking issue: closed', missing: 'Tracking issue: none' })[state],
} as const;

/** A stage as written in prose: `GA` is stable (`alpha2` is alpha); `undefined` when it names no stage. */
export function readStageWord(written: string): TargetStage | undefined {
  const word = /^(alpha|beta|ga|stable)\d*$/i.exec(written.trim())?.[1]?.toLowerCase();
  if (!word) return undefined;
  return word === 'ga' ? 'stable' : (word as TargetStage);
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date (`YYYY-MM-DD`) that is a real calendar day: `2026-02-30` and `2026-13-45` are not. */
export function isCalendarDate(text: string): boolean {
  const match = isoDatePattern.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Reads `YYYY-MM-DD` or `YYYY/M/D` as an ISO date, or `undefined` when it is not a real calendar day. */
export function readCalendarDate(written: string): string | undefined {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(written.trim());
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

/** Files Astro's image pipeline can publish from markdown; any other file is linked, not shown. */
export const imageFilePattern = /\.(?:png|jpe?g|gif|webp|avif|svg|tiff?)$/i;

/** The largest proposal or issue number (GitHub's issue numbers are 32-bit integers). */
export const maxProposalNumber = 2_147_483_647;

/** Reads the digits of a proposal number; `undefined` past {@link maxProposalNumber}. */
export function readProposalNumberDigits(digits: string): number | undefined {
  const number = Number(digits);
  return Number.isSafeInteger(number) && number <= maxProposalNumber ? number : undefined;
}

export { compareReleases, normaliseRelease, readReleaseVersion, type ReleaseReading, type ReleaseVersion } from './release-version.ts';
