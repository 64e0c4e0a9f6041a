/**
 * Health findings: what the data says is wrong or at risk with a CEP, derived from the CEP itself,
 * its tracking issue and the release schedule. Computed here only, shown on pages, listed by the
 * linter and the reports.
 */
import type { CepRecord } from '../cep/schema.ts';
import { compareReleases, normaliseRelease } from '../cep/release-version.ts';
import type { TrackingState } from '../github/schema.ts';
import type { Release } from '../releases/schedule.ts';
import type { HealthRuleId } from '../rules/registry.ts';

export type FindingSeverity = 'error' | 'warning' | 'info';

/** One finding about one CEP. `rule` is stable: reports, filters and tests rely on it. */
export interface Finding {
  rule: HealthRule;
  severity: FindingSeverity;
  message: string;
}

/** Health rule ids, described in src/lib/rules/health-rules.ts. */
export type HealthRule = HealthRuleId;

/** What the findings add up to, for badges and the "health" search facet. */
export type HealthStatus = 'on-track' | 'needs-attention' | 'at-risk';
export const healthStatusInfo: Record<HealthStatus, { label: string; tone: 'ok' | 'warn' | 'bad' }> = {
  'on-track': { label: 'On track', tone: 'ok' },
  'needs-attention': { label: 'Needs attention', tone: 'warn' },
  'at-risk': { label: 'At risk', tone: 'bad' },
};

export interface HealthContext {
  /** Today, YYYY-MM-DD. */
  today: string;
  releases: readonly Pick<Release, 'version' | 'codeFreeze' | 'generalAvailability'>[];
  /** Version of the release in progress today, if any. */
  currentRelease?: string | undefined;
  /** The SIG label every tracking issue should carry, e.g. `sig/ci`. */
  sigLabel: string;
  /** Days without check-in or activity before a targeted CEP counts as quiet. */
  quietDays?: number;
  /** Proposal prefix in messages (CEP or VEP). */
  prefix?: string;
}

const finishedStatuses = new Set(['implemented', 'withdrawn', 'rejected', 'replaced']);
const dayMs = 86_400_000;

/** Days from an ISO date-time to `today` (YYYY-MM-DD, taken as the end of that day UTC). */
export function daysSince(isoDateTime: string, today: string): number {
  return Math.floor((Date.parse(`${today}T23:59:59Z`) - Date.parse(isoDateTime)) / dayMs);
}

/** The most recent sign of life on a tracking issue: a check-in, an update, a merge. */
export function lastActivity(tracking: TrackingState): string | undefined {
  const moments = [
    tracking.checkIns[0]?.createdAt,
    tracking.updatedAt,
    ...tracking.pullRequests.map((pullRequest) => pullRequest.mergedAt),
  ].filter((moment): moment is string => Boolean(moment));
  return moments.sort().at(-1);
}

/** Releases the tracking issue names as the target, with where each was found. */
export function issueTargets(tracking: TrackingState): { release: string; where: string }[] {
  const targets = tracking.targetLabels.map((release) => ({ release, where: 'target label' }));
  const milestone = normaliseRelease(tracking.milestone?.title);
  if (milestone) targets.push({ release: milestone, where: `milestone "${tracking.milestone?.title}"` });
  for (const item of tracking.projectItems) {
    const release = normaliseRelease(item.release);
    if (release) targets.push({ release, where: `board "${item.project.title}"` });
  }
  // The tracker body names a release per stage; its latest one is the issue's target.
  const bodyTarget = Object.values(tracking.tracker?.targets ?? {}).sort(compareReleases).at(-1);
  if (bodyTarget) targets.push({ release: bodyTarget, where: 'issue body' });
  return targets;
}

/** Computes every finding for one CEP. `tracking` is absent when the snapshot has no entry for it. */
export function healthFindings(cep: CepRecord, tracking: TrackingState | undefined, context: HealthContext): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: HealthRule, severity: FindingSeverity, message: string) => findings.push({ rule, severity, message });
  const issue = `${cep.trackingIssue.repository}#${cep.trackingIssue.number}`;
  const finished = cep.status !== undefined && finishedStatuses.has(cep.status);
  const prefix = context.prefix ?? 'CEP';

  if (cep.number !== cep.trackingIssue.number) {
    add('tracking-number-mismatch', 'info', `${prefix} ${cep.number} is tracked by issue #${cep.trackingIssue.number}; by convention the numbers match`);
  }
  if (!tracking || (!tracking.found && !tracking.stale)) {
    add('tracking-missing', 'warning', tracking ? `tracking issue ${issue} is not in the tracking data (not found on GitHub, or not synced yet)` : `no tracking state for ${issue}`);
    return findings;
  }
  if (tracking.stale) {
    add('tracking-stale', 'info', `tracking state is from ${tracking.stale.since.slice(0, 10)}: ${tracking.stale.reason}`);
  }
  if (!tracking.labels.some((label) => label.name === context.sigLabel)) {
    add('sig-label-missing', 'warning', `tracking issue ${issue} lacks the "${context.sigLabel}" label`);
  }
  if (cep.targetRelease) {
    // A finished CEP's issue may still carry the label of an earlier stage's release; that is history, not disagreement.
    const agrees = (release: string) => (finished ? Object.values(cep.targets).includes(release as never) : release === cep.targetRelease);
    const disagreeing = issueTargets(tracking).filter((target) => !agrees(target.release));
    if (disagreeing.length > 0) {
      add('tracking-target-mismatch', 'warning',
        `${prefix} targets ${cep.targetRelease} but the issue says ${disagreeing.map((target) => `${target.release} (${target.where})`).join(', ')}`);
    }
  }
  if (tracking.state === 'closed' && !finished) {
    const closed = `tracking issue was closed${tracking.closedAt ? ` on ${tracking.closedAt.slice(0, 10)}` : ''}${tracking.stateReason ? ` (${tracking.stateReason.replace('_', ' ')})` : ''}`;
    // Without a stated status the document may simply be out of date, not the work: say so, gently.
    if (cep.status) add('closed-but-active', 'error', `${closed} but the ${prefix} is ${cep.status}`);
    else add('closed-but-active', 'info', `${closed} but the ${prefix} states no status; record the outcome in the ${prefix}`);
  }
  if (tracking.state === 'open' && finished) {
    add('finished-but-open', 'warning', `${prefix} is ${cep.status} but its tracking issue is still open`);
  }
  if (tracking.projectItems.some((item) => /at risk/i.test(item.status ?? ''))) {
    add('board-at-risk', 'warning', `the project board marks it "At risk"`);
  }
  const quietDays = context.quietDays ?? 7;
  if (!finished && cep.targetRelease && cep.targetRelease === context.currentRelease) {
    const latest = lastActivity(tracking);
    const lastCheckIn = tracking.checkIns[0]?.createdAt;
    if (!latest || daysSince(latest, context.today) > quietDays) {
      add('no-recent-activity', 'warning',
        `targeted at ${cep.targetRelease}, but ${lastCheckIn ? `the last check-in was ${daysSince(lastCheckIn, context.today)} days ago` : 'there has been no check-in'} and no activity for more than ${quietDays} days`);
    }
  }
  const release = context.releases.find((candidate) => candidate.version === cep.targetRelease);
  if (!finished && release?.codeFreeze && context.today > release.codeFreeze) {
    const unmerged = tracking.pullRequests.filter((pullRequest) => pullRequest.state === 'open');
    const covered = cep.exceptions.some((exception) => exception.release === release.version && (exception.state === 'requested' || exception.state === 'granted'));
    if (unmerged.length > 0 && !covered) {
      add('needs-exception', 'error',
        `past ${release.version} Code Freeze (${release.codeFreeze}) with ${unmerged.length} unmerged pull request${unmerged.length === 1 ? '' : 's'} and no exception: ask on kubevirt-dev`);
    }
  }
  return findings;
}

/** Sums findings up into one status. */
export function healthStatus(findings: readonly Finding[]): HealthStatus {
  if (findings.some((finding) => finding.severity === 'error' || finding.rule === 'board-at-risk')) return 'at-risk';
  if (findings.some((finding) => finding.severity === 'warning')) return 'needs-attention';
  return 'on-track';
}

/** The tracking state as one word, for badges and the "tracking" search facet. */
export type TrackingSummary = 'open' | 'closed' | 'missing';
export const trackingSummaryInfo: Record<TrackingSummary, { label: string }> = {
  open: { label: 'Issue open' },
  closed: { label: 'Issue closed' },
  missing: { label: 'No tracking issue' },
};
export function trackingSummary(tracking: TrackingState | undefined): TrackingSummary {
  if (!tracking || tracking.state === null) return 'missing';
  return tracking.state;
}
