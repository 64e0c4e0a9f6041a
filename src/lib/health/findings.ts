/**
 * Health findings: what the data says is wrong or at risk with a CEP, derived from the CEP itself,
 * its tracking issue and the release schedule. Computed here only, shown on pages, listed by the
 * linter and the reports.
 */
import type { CepRecord } from '../cep/schema.ts';
import { compareReleases, normaliseRelease } from '../cep/release-version.ts';
import { acceptedStatuses, closedStatuses, isFinishedStatus, statusInfo, type CepStatus } from '../cep/vocabulary.ts';
import type { TrackingState } from '../github/schema.ts';
import { DEFAULT_CODE_FREEZE_WARNING_DAYS, DEFAULT_QUIET_DAYS, type HealthContext } from './context.ts';

export type { HealthContext } from './context.ts';
import type { HealthRuleId } from '../rules/registry.ts';
import type { HealthStatus, TrackingSummary } from './labels.ts';

export type FindingSeverity = 'error' | 'warning' | 'info';

/** One finding about one CEP. `rule` is stable: reports, filters and tests rely on it. */
export interface Finding {
  rule: HealthRule;
  severity: FindingSeverity;
  message: string;
}

/** Health rule ids, described in src/lib/rules/health-rules.ts. */
export type HealthRule = HealthRuleId;

/**
 * What the findings of an active proposal add up to, for badges and the "health" search facet.
 * Finished proposals have an {@link Outcome} instead (see assessment.ts).
 */
export { healthStatusInfo, type HealthStatus } from './labels.ts';

const dayMs = 86_400_000;
/** Where exceptions and announcements go, as the process document says. */
export const KUBEVIRT_DEV = 'the kubevirt-dev mailing list';

/** Days from `today` to a later date (both YYYY-MM-DD); negative when the date is past. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / dayMs);
}

/** Who acts on a proposal: its authors, else the tracking issue's assignees, as @handles. */
export function proposalOwners(cep: Pick<CepRecord, 'authors'>, tracking: Pick<TrackingState, 'assignees'> | undefined): string[] {
  if (cep.authors.length > 0) return cep.authors.map((author) => (author.startsWith('@') ? author : `@${author}`));
  return (tracking?.assignees ?? []).map((login) => `@${login}`);
}

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
  const bodyTarget = Object.values(tracking.tracker?.targets ?? {})
    .sort(compareReleases)
    .at(-1);
  if (bodyTarget) targets.push({ release: bodyTarget, where: 'issue body' });
  return targets;
}

/** Computes every finding for one CEP. `tracking` is absent when the snapshot has no entry for it. */
export function healthFindings(cep: CepRecord, tracking: TrackingState | undefined, context: HealthContext): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: HealthRule, severity: FindingSeverity, message: string) => findings.push({ rule, severity, message });
  const issue = `${cep.trackingIssue.repository}#${cep.trackingIssue.number}`;
  // The tracking issue is expected closed for these; a deferred proposal's issue may stay open.
  const closedOut = cep.status !== undefined && closedStatuses.includes(cep.status);
  const finished = isFinishedStatus(cep.status);
  const prefix = context.prefix ?? 'CEP';

  if (cep.number !== cep.trackingIssue.number) {
    add(
      'tracking-number-mismatch',
      'info',
      `${prefix} ${cep.number} is tracked by issue #${cep.trackingIssue.number}; by convention the numbers match`,
    );
  }
  // The freeze rules judge the document against the schedule; they hold with or without tracking data.
  if (!finished) findings.push(...enhancementFreezeFindings(cep, tracking, context));
  if (!tracking || (!tracking.found && !tracking.stale)) {
    add(
      'tracking-missing',
      'warning',
      tracking
        ? `tracking issue ${issue} is not in the tracking data (not found on GitHub, or not synced yet)`
        : `no tracking state for ${issue}`,
    );
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
    const agrees = (release: string) => (closedOut ? Object.values(cep.targets).includes(release as never) : release === cep.targetRelease);
    const disagreeing = issueTargets(tracking).filter((target) => !agrees(target.release));
    if (disagreeing.length > 0) {
      add(
        'tracking-target-mismatch',
        'warning',
        `${prefix} targets ${cep.targetRelease} but the issue says ${disagreeing.map((target) => `${target.release} (${target.where})`).join(', ')}`,
      );
    }
  }
  if (tracking.state === 'closed' && !finished) {
    const closed = `tracking issue was closed${tracking.closedAt ? ` on ${tracking.closedAt.slice(0, 10)}` : ''}${tracking.stateReason ? ` (${tracking.stateReason.replace('_', ' ')})` : ''}`;
    // Without a stated status the document may simply be out of date, not the work: say so, gently.
    if (cep.status) add('closed-but-active', 'error', `${closed} but the ${prefix} is ${cep.status}`);
    else add('closed-but-active', 'info', `${closed} but the ${prefix} states no status; record the outcome in the ${prefix}`);
  }
  if (tracking.state === 'open' && closedOut) {
    add('finished-but-open', 'warning', `${prefix} is ${cep.status} but its tracking issue is still open`);
  }
  if (finished) return findings;
  if (tracking.projectItems.some((item) => /at risk/i.test(item.status ?? ''))) {
    add('board-at-risk', 'warning', `the project board marks it "At risk"`);
  }
  const quietDays = context.quietDays ?? DEFAULT_QUIET_DAYS;
  if (cep.targetRelease && cep.targetRelease === context.currentRelease) {
    const latest = lastActivity(tracking);
    const lastCheckIn = tracking.checkIns[0]?.createdAt;
    if (!latest || daysSince(latest, context.today) > quietDays) {
      add(
        'no-recent-activity',
        'warning',
        `targeted at ${cep.targetRelease}, but ${lastCheckIn ? `the last check-in was ${daysSince(lastCheckIn, context.today)} days ago` : 'there has been no check-in'} and no activity for more than ${quietDays} days`,
      );
    }
  }
  // Out of the release already: warning that Code Freeze is near would only repeat it.
  const out = findings.some((finding) => finding.rule === 'missed-enhancement-freeze' && finding.severity === 'error');
  findings.push(...codeFreezeFindings(cep, tracking, context).filter((finding) => !out || finding.rule !== 'code-freeze-at-risk'));
  return findings;
}

/** The release a proposal targets, with its schedule, if the schedule is known. */
function targetedRelease(cep: CepRecord, context: HealthContext) {
  return context.releases.find((candidate) => candidate.version === cep.targetRelease);
}

const exceptionFor = (cep: CepRecord, version: string, states: readonly string[]) =>
  cep.exceptions.find((exception) => exception.release === version && states.includes(exception.state));

const statusWords = (status: CepStatus | undefined) =>
  status ? `still ${statusInfo[status].label.toLowerCase()}` : 'without a stated status';

/** Before and after Enhancement Freeze: a proposal targeting a release must be implementable by then. */
function enhancementFreezeFindings(cep: CepRecord, tracking: TrackingState | undefined, context: HealthContext): Finding[] {
  const release = targetedRelease(cep, context);
  if (!release?.enhancementFreeze || (cep.status && acceptedStatuses.includes(cep.status))) return [];
  if (release.generalAvailability && context.today >= release.generalAvailability) return [];
  const prefix = context.prefix ?? 'CEP';
  const owners = proposalOwners(cep, tracking).join(', ') || `the ${prefix} owner`;
  const freeze = release.enhancementFreeze;
  // The freeze day itself is still open for merging: the proposal is late only from the day after.
  if (context.today <= freeze) {
    const days = daysUntil(freeze, context.today);
    return [
      {
        rule: 'enhancement-freeze-approaching',
        severity: 'warning',
        message: `${release.version} Enhancement Freeze is ${freeze} (${days === 0 ? 'today' : `in ${days} day${days === 1 ? '' : 's'}`}) and the ${prefix} is ${statusWords(cep.status)}: ${owners}, get the ${prefix} reviewed and merged as implementable by SIG-CI before then, or re-target it`,
      },
    ];
  }
  if (exceptionFor(cep, release.version, ['granted'])) return [];
  const requested = exceptionFor(cep, release.version, ['requested']);
  if (requested) {
    return [
      {
        rule: 'missed-enhancement-freeze',
        severity: 'warning',
        message: `${statusWords(cep.status)} after ${release.version} Enhancement Freeze (${freeze}); an exception is requested${requested.requested ? ` (${requested.requested})` : ''}: the release team decides on kubevirt-dev`,
      },
    ];
  }
  return [
    {
      rule: 'missed-enhancement-freeze',
      severity: 'error',
      message: `missed ${release.version} Enhancement Freeze (${freeze}): ${statusWords(cep.status)}, so not in ${release.version}; ${owners}: ask for an exception on ${KUBEVIRT_DEV} (justification, extra time, impact) or re-target the ${prefix} to a later release`,
    },
  ];
}

/** Near and after Code Freeze: the work must be visible, then merged or covered by an exception. */
function codeFreezeFindings(cep: CepRecord, tracking: TrackingState, context: HealthContext): Finding[] {
  const release = targetedRelease(cep, context);
  if (!release?.codeFreeze) return [];
  const prefix = context.prefix ?? 'CEP';
  const owners = proposalOwners(cep, tracking).join(', ') || `the ${prefix} owner`;
  const freeze = release.codeFreeze;
  if (context.today > freeze) {
    if (release.generalAvailability && context.today >= release.generalAvailability) return [];
    const unmerged = tracking.pullRequests.filter((pullRequest) => pullRequest.state === 'open');
    if (unmerged.length === 0 || exceptionFor(cep, release.version, ['requested', 'granted'])) return [];
    return [
      {
        rule: 'needs-exception',
        severity: 'error',
        message: `past ${release.version} Code Freeze (${freeze}) with ${unmerged.length} unmerged pull request${unmerged.length === 1 ? '' : 's'} and no exception: ${owners}, ask on ${KUBEVIRT_DEV} or re-target the ${prefix}`,
      },
    ];
  }
  const days = daysUntil(freeze, context.today);
  const window = context.codeFreezeWarningDays ?? DEFAULT_CODE_FREEZE_WARNING_DAYS;
  if (days > window) return [];
  const work = tracking.pullRequests.filter((pullRequest) => pullRequest.state === 'open' || pullRequest.state === 'merged');
  const since = release.enhancementFreeze ?? '';
  const checkIn = tracking.checkIns.find((candidate) => candidate.createdAt.slice(0, 10) >= since);
  if (work.length > 0 || checkIn) return [];
  return [
    {
      rule: 'code-freeze-at-risk',
      severity: 'error',
      message: `${release.version} Code Freeze is ${freeze} (in ${days} day${days === 1 ? '' : 's'}) and there is no linked pull request${since ? ` and no check-in since Enhancement Freeze (${since})` : ' and no check-in'}: ${owners}, link the pull requests and post a check-in on the tracking issue, or re-target the ${prefix}`,
    },
  ];
}

/** Sums findings up into one status. */
export function healthStatus(findings: readonly Finding[]): HealthStatus {
  if (findings.some((finding) => finding.rule === 'missed-enhancement-freeze' && finding.severity === 'error')) return 'out-of-release';
  if (findings.some((finding) => finding.severity === 'error' || finding.rule === 'board-at-risk')) return 'at-risk';
  if (findings.some((finding) => finding.severity === 'warning')) return 'needs-attention';
  return 'on-track';
}

/** The tracking state as one word, for badges and the "tracking" search facet. */
export { trackingSummaryInfo, type TrackingSummary } from './labels.ts';
export function trackingSummary(tracking: TrackingState | undefined): TrackingSummary {
  if (!tracking || tracking.state === null) return 'missing';
  return tracking.state;
}
