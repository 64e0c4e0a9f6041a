/**
 * The closed vocabularies of the CEP process, with the labels and descriptions the site shows.
 * Facets, badges, the schema and the linter all read these maps, so a value is spelled once.
 */

/** Lifecycle states of a proposal, in the order a proposal usually passes through them. */
export const cepStatuses = [
  'provisional',
  'implementable',
  'implemented',
  'deferred',
  'rejected',
  'withdrawn',
  'replaced',
] as const;
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
