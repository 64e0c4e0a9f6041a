/**
 * The JSON API, `/api/ceps.json`: every proposal's metadata as one object keyed by proposal number,
 * like peps.python.org's `api/peps.json`. Field names are snake_case and every field is always
 * present (`null` or `[]` when the document does not say), so consumers need no guessing.
 *
 * The fields are described in {@link cepApiFields}; docs/search.md lists the same descriptions.
 */
import type { Outcome } from '../health/assessment.ts';
import type { HealthStatus } from '../health/findings.ts';
import type { DashboardRow } from '../releases/dashboard.ts';
import type { CepRecord } from '../cep/schema.ts';
import type { CepStage, CepStatus, ExceptionState } from '../cep/vocabulary.ts';
import { absoluteUrl, permalinkPath, proposalPath, type SiteLocation } from '../urls.ts';

/** Where the site is published, to make every link absolute. */
export interface ApiContext {
  /** Origin, e.g. `https://kubevirt.github.io`. */
  siteUrl: string;
  /** Base path, e.g. `/project-infra/`. */
  basePath: string;
  /** Web address of the folder holding the proposal documents. */
  sourceUrl: string;
  /** Which proposals these are: their links follow the kind (`/ceps/…` or `/veps/…`). */
  kind: SiteLocation['kind'];
}

/** One proposal in `/api/ceps.json`. */
export interface CepApiRecord {
  /** Proposal number; the stable id (also the object key). */
  number: number;
  /** Title without the "CEP #N:" prefix. */
  title: string;
  /** Lifecycle status, or `null` when the document does not state one. */
  status: CepStatus | null;
  /** Maturity stage reached, or `null`. */
  stage: CepStage | null;
  /** The latest release the proposal targets (`vX.Y`), or `null`. */
  target_release: string | null;
  /** Target release per stage (`vX.Y` or `null`). */
  targets: { alpha: string | null; beta: string | null; stable: string | null };
  /** The SIG that owns the proposal. */
  owning_sig: string;
  /** Other SIGs involved. */
  participating_sigs: string[];
  /** GitHub handles, written `@login`. */
  authors: string[];
  reviewers: string[];
  approvers: string[];
  /** Dates (`YYYY-MM-DD`) or `null`. */
  created: string | null;
  last_updated: string | null;
  /** First paragraph of the Overview, as plain text. */
  summary: string;
  /** The GitHub issue that tracks the proposal. */
  tracking_issue: { repository: string; number: number; url: string };
  /** State of the tracking issue and the health findings; `null` when there is no tracking data for it. */
  tracking: ApiTracking | null;
  /** Numbers of the proposals this one replaces. */
  replaces: number[];
  /** Number of the proposal that replaces this one, or `null`. */
  superseded_by: number | null;
  /** Exceptions asked for on kubevirt-dev, per release. */
  exceptions: { release: string | null; state: ExceptionState; link: string | null; requested: string | null; reason: string | null }[];
  /** Release signoff checklist: boxes ticked and boxes in all. */
  checklist: { done: number; total: number };
  /** Absolute URL of the proposal's page. */
  url: string;
  /** Absolute short link, `/cep/<number>/`, for mailing-list posts. */
  permalink: string;
  /** Absolute URL of the source document on GitHub. */
  source_url: string;
}

/** What each field of a {@link CepApiRecord} means; the compiler keeps it complete. */
export const cepApiFields: Record<keyof CepApiRecord, string> = {
  number: 'Proposal number (integer); the stable id, also the key of the record in the top-level object.',
  title: 'Title, without the "CEP #N:" prefix.',
  status:
    'Lifecycle status: provisional, implementable, implemented, deferred, rejected, withdrawn or replaced; null when the document does not state one.',
  stage: 'Maturity stage reached: alpha, beta, stable or deprecated; null when none yet.',
  target_release: 'The latest release the proposal is targeted at ("vX.Y"), or null.',
  targets: 'Target release per stage: {"alpha", "beta", "stable"}, each "vX.Y" or null.',
  owning_sig: 'The SIG that owns the proposal, e.g. "sig-ci".',
  participating_sigs: 'Other SIGs involved (array of strings).',
  authors: 'Author GitHub handles, written "@login".',
  reviewers: 'Reviewer GitHub handles.',
  approvers: 'Approver GitHub handles.',
  created: 'Date the proposal was first proposed (YYYY-MM-DD), or null.',
  last_updated: 'Date the proposal was last changed (YYYY-MM-DD), or null.',
  summary: 'First paragraph of the Overview section, as plain text.',
  tracking_issue: 'The GitHub issue that tracks the proposal: {"repository": "owner/name", "number", "url"}.',
  tracking:
    'State of the tracking issue, or null when the tracking data has none: {"state" (open/closed), "state_reason", "labels", "milestone", "assignees", "board_status", "pull_requests" {"merged", "open", "total"}, "last_check_in" (ISO time or null), "updated_at", "stale_since" (ISO time when the state could not be refreshed, else null), "as_of" (when the data was fetched), "health" (on-track, needs-attention, at-risk or out-of-release; null for a finished proposal), "outcome" (implemented, deferred, rejected, withdrawn or replaced; null while active), "reason" (why, as a sentence), "findings" [{"rule", "severity", "message"}]}.',
  replaces: 'Numbers of the proposals this one replaces (array of integers).',
  superseded_by: 'Number of the proposal that replaces this one, or null.',
  exceptions:
    'Exceptions asked for on kubevirt-dev: [{"release", "state" (requested, granted or denied), "link", "requested" (date), "reason"}], missing values null.',
  checklist: 'Release signoff checklist progress: {"done", "total"} boxes.',
  url: "Absolute URL of the proposal's page on this site.",
  permalink: 'Absolute short link "/cep/<number>/" that redirects to the page; safe to paste in mailing-list posts.',
  source_url: 'Absolute URL of the source document on GitHub.',
};

/** Tracking state in the API (see {@link cepApiFields}). */
export interface ApiTracking {
  state: 'open' | 'closed' | null;
  state_reason: string | null;
  labels: string[];
  milestone: string | null;
  assignees: string[];
  board_status: string | null;
  pull_requests: { merged: number; open: number; total: number };
  last_check_in: string | null;
  updated_at: string | null;
  stale_since: string | null;
  as_of: string;
  /** Health of an active proposal; null once it is finished (then `outcome` says how it ended). */
  health: HealthStatus | null;
  outcome: Outcome | null;
  /** Why: the leading finding, or the outcome's meaning, as a sentence. */
  reason: string;
  findings: { rule: string; severity: string; message: string }[];
}

/** Turns a dashboard row into the API's tracking object. */
export function toApiTracking(row: DashboardRow): ApiTracking | null {
  const tracking = row.tracking;
  if (!tracking) return null;
  return {
    state: tracking.state,
    state_reason: tracking.stateReason,
    labels: tracking.labels.map((label) => label.name),
    milestone: tracking.milestone?.title ?? null,
    assignees: tracking.assignees,
    board_status: row.boardStatus ?? null,
    pull_requests: row.pullRequests,
    last_check_in: row.lastCheckIn ?? null,
    updated_at: tracking.updatedAt,
    stale_since: tracking.stale?.since ?? null,
    as_of: tracking.fetchedAt,
    health: row.health,
    outcome: row.outcome,
    reason: row.assessment.reason,
    findings: row.findings.map(({ rule, severity, message }) => ({ rule, severity, message })),
  };
}

/** The API record of one proposal. `tracking` is filled by the caller when it knows it. */
export function toApiRecord(cep: CepRecord, context: ApiContext, tracking: CepApiRecord['tracking'] = null): CepApiRecord {
  const { siteUrl, sourceUrl } = context;
  return {
    number: cep.number,
    title: cep.title,
    status: cep.status ?? null,
    stage: cep.stage ?? null,
    target_release: cep.targetRelease ?? null,
    targets: { alpha: cep.targets.alpha ?? null, beta: cep.targets.beta ?? null, stable: cep.targets.stable ?? null },
    owning_sig: cep.owningSig,
    participating_sigs: [...cep.participatingSigs],
    authors: [...cep.authors],
    reviewers: [...cep.reviewers],
    approvers: [...cep.approvers],
    created: cep.creationDate ?? null,
    last_updated: cep.lastUpdated ?? null,
    summary: cep.summary,
    tracking_issue: { ...cep.trackingIssue },
    tracking,
    replaces: [...cep.replaces],
    superseded_by: cep.supersededBy ?? null,
    exceptions: cep.exceptions.map((exception) => ({
      release: exception.release ?? null,
      state: exception.state,
      link: exception.link ?? null,
      requested: exception.requested ?? null,
      reason: exception.reason ?? null,
    })),
    checklist: { done: cep.checklist.filter((item) => item.checked).length, total: cep.checklist.length },
    url: absoluteUrl(siteUrl, proposalPath(context, cep.slug)),
    permalink: absoluteUrl(siteUrl, permalinkPath(context, cep.number)),
    source_url: `${sourceUrl.replace(/\/+$/, '')}/${cep.sourcePath}`,
  };
}

/** `/api/ceps.json`: records keyed by number (as a string, JSON's only key type), in number order. */
export function buildCepsApi(
  ceps: readonly CepRecord[],
  context: ApiContext,
  trackingOf: (cep: CepRecord) => CepApiRecord['tracking'] = () => null,
): Record<string, CepApiRecord> {
  return Object.fromEntries(
    [...ceps]
      .sort((left, right) => left.number - right.number)
      .map((cep) => [String(cep.number), toApiRecord(cep, context, trackingOf(cep))]),
  );
}
