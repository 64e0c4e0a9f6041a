/**
 * One release as the release team sees it: every CEP targeting it with its tracking state,
 * pull-request progress, last check-in and verdict, at-risk first. The release page, the
 * reports and the JSON API all read this one view. Once a release is GA the view is history:
 * what each proposal shipped in it, with no findings about today (see history.ts).
 */
import type { CepRecord } from '../cep/schema.ts';
import { closedStatuses, notGatedLabel, type CepStatus, type ReleaseVersion } from '../cep/vocabulary.ts';
import { releasesTargeted } from '../cep/parse/targets.ts';
import type { CheckIn, TrackingState } from '../github/schema.ts';
import { assess, type Assessment, type Outcome } from '../health/assessment.ts';
import { healthFindings, type Finding, type HealthContext, type HealthStatus } from '../health/findings.ts';
import { releaseHistoryRow, type HistoryRow } from './history.ts';
import type { Release } from './schedule.ts';

export interface DashboardRow {
  cep: CepRecord;
  tracking: TrackingState | undefined;
  /** Stages this release is the target for, e.g. ["beta"]. */
  stages: string[];
  findings: Finding[];
  /** The verdict: a health for an active proposal, an outcome for a finished one, with its reason. */
  assessment: Assessment;
  /** Health of an active proposal; null once it is finished (see `outcome`). */
  health: HealthStatus | null;
  /** How a finished proposal ended; null while it is active. */
  outcome: Outcome | null;
  /** Linked pull requests only (closing references, organisation cross-references, the issue body). */
  pullRequests: { merged: number; total: number; open: number };
  lastCheckIn: string | undefined;
  /** The latest check-in comment, for a link to it. */
  latestCheckIn: CheckIn | undefined;
  /** Status on the project board, if the issue is on one. */
  boardStatus: string | undefined;
}

export interface ReleaseDashboard {
  release: Release;
  rows: DashboardRow[];
  byStatus: Partial<Record<CepStatus | 'not stated', number>>;
  /** Active proposals by health. */
  byHealth: Record<HealthStatus, number>;
  /** Finished proposals by outcome. */
  byOutcome: Partial<Record<Outcome, number>>;
  /** Where `today` falls: before EF, between EF and CF, after CF, or released. */
  phase: 'planning' | 'enhancement-freeze' | 'code-freeze' | 'released';
  /** For a released (GA) release: what each proposal shipped in it, judged as of that release. */
  history?: HistoryRow[];
}

const healthOrder: Record<HealthStatus, number> = { 'out-of-release': 0, 'at-risk': 1, 'needs-attention': 2, 'on-track': 3 };
const rowOrder = (row: DashboardRow) => (row.health === null ? 4 : healthOrder[row.health]);

/** Where a day falls in a release's cycle. */
export function releasePhase(
  release: Pick<Release, 'enhancementFreeze' | 'codeFreeze' | 'generalAvailability'>,
  today: string,
): ReleaseDashboard['phase'] {
  if (release.generalAvailability && today >= release.generalAvailability) return 'released';
  if (release.codeFreeze && today >= release.codeFreeze) return 'code-freeze';
  if (release.enhancementFreeze && today >= release.enhancementFreeze) return 'enhancement-freeze';
  return 'planning';
}

/** Builds a dashboard row for any CEP (the catalogue uses it too, without a release). */
export function dashboardRow(cep: CepRecord, tracking: TrackingState | undefined, context: HealthContext, release?: string): DashboardRow {
  const findings = healthFindings(cep, tracking, context);
  const pullRequests = tracking?.pullRequests ?? [];
  const assessment = assess(cep, findings, context.prefix);
  return {
    cep,
    tracking,
    stages: release
      ? [
          ...Object.entries(cep.targets)
            .filter(([, version]) => version === release)
            .map(([stage]) => stage),
          ...(cep.ungatedTarget === release ? [notGatedLabel] : []),
        ]
      : [],
    findings,
    assessment,
    health: assessment.kind === 'health' ? assessment.health : null,
    outcome: assessment.kind === 'outcome' ? assessment.outcome : null,
    pullRequests: {
      merged: pullRequests.filter((pullRequest) => pullRequest.state === 'merged').length,
      open: pullRequests.filter((pullRequest) => pullRequest.state === 'open').length,
      total: pullRequests.length,
    },
    lastCheckIn: tracking?.checkIns[0]?.createdAt,
    latestCheckIn: tracking?.checkIns[0],
    boardStatus: tracking?.projectItems.find((item) => item.status)?.status ?? undefined,
  };
}

/** Builds the dashboard of `release` from every CEP and the tracking states by issue number. */
export function releaseDashboard(
  release: Release,
  ceps: readonly CepRecord[],
  trackingByIssue: ReadonlyMap<number, TrackingState>,
  context: HealthContext,
): ReleaseDashboard {
  const phase = releasePhase(release, context.today);
  const targeting = ceps.filter((cep) => releasesTargeted(cep).includes(release.version as ReleaseVersion));
  const rows = targeting
    .map((cep) => {
      const row = dashboardRow(cep, trackingByIssue.get(cep.trackingIssue.number), context, release.version);
      // Today's findings are about today's work; a released release is history and shows none of them.
      return phase === 'released' ? { ...row, findings: [] } : row;
    })
    .sort((left, right) => rowOrder(left) - rowOrder(right) || left.cep.number - right.cep.number);
  const byStatus: ReleaseDashboard['byStatus'] = {};
  const byHealth: Record<HealthStatus, number> = { 'out-of-release': 0, 'at-risk': 0, 'needs-attention': 0, 'on-track': 0 };
  const byOutcome: ReleaseDashboard['byOutcome'] = {};
  for (const row of rows) {
    const status = row.cep.status ?? 'not stated';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (row.health !== null) byHealth[row.health] += 1;
    if (row.outcome !== null) byOutcome[row.outcome] = (byOutcome[row.outcome] ?? 0) + 1;
  }
  return {
    release,
    rows,
    byStatus,
    byHealth,
    byOutcome,
    phase,
    ...(phase === 'released' ? { history: rows.map((row) => releaseHistoryRow(row.cep, release)) } : {}),
  };
}

/** CEPs still being worked on (not finished one way or the other). */
export function isActive(cep: Pick<CepRecord, 'status'>): boolean {
  return !cep.status || !closedStatuses.includes(cep.status);
}
