/**
 * One release as the release team sees it: every CEP targeting it with its tracking state,
 * pull-request progress, last check-in and findings, at-risk first. The release page, the
 * reports and the JSON API all read this one view.
 */
import type { CepRecord } from '../cep/schema.ts';
import { closedStatuses, notGatedLabel, type CepStatus, type ReleaseVersion } from '../cep/vocabulary.ts';
import { releasesTargeted } from '../cep/parse/targets.ts';
import type { TrackingState } from '../github/schema.ts';
import { healthFindings, healthStatus, type Finding, type HealthContext, type HealthStatus } from '../health/findings.ts';
import type { Release } from './schedule.ts';

export interface DashboardRow {
  cep: CepRecord;
  tracking: TrackingState | undefined;
  /** Stages this release is the target for, e.g. ["beta"]. */
  stages: string[];
  findings: Finding[];
  health: HealthStatus;
  pullRequests: { merged: number; total: number; open: number };
  lastCheckIn: string | undefined;
  /** Status on the project board, if the issue is on one. */
  boardStatus: string | undefined;
}

export interface ReleaseDashboard {
  release: Release;
  rows: DashboardRow[];
  byStatus: Partial<Record<CepStatus | 'not stated', number>>;
  byHealth: Record<HealthStatus, number>;
  /** Where `today` falls: before EF, between EF and CF, after CF, or released. */
  phase: 'planning' | 'enhancement-freeze' | 'code-freeze' | 'released';
}

const healthOrder: Record<HealthStatus, number> = { 'at-risk': 0, 'needs-attention': 1, 'on-track': 2 };

/** Where a day falls in a release's cycle. */
export function releasePhase(release: Pick<Release, 'enhancementFreeze' | 'codeFreeze' | 'generalAvailability'>, today: string): ReleaseDashboard['phase'] {
  if (release.generalAvailability && today >= release.generalAvailability) return 'released';
  if (release.codeFreeze && today >= release.codeFreeze) return 'code-freeze';
  if (release.enhancementFreeze && today >= release.enhancementFreeze) return 'enhancement-freeze';
  return 'planning';
}

/** Builds a dashboard row for any CEP (the catalogue uses it too, without a release). */
export function dashboardRow(cep: CepRecord, tracking: TrackingState | undefined, context: HealthContext, release?: string): DashboardRow {
  const findings = healthFindings(cep, tracking, context);
  const pullRequests = tracking?.pullRequests ?? [];
  return {
    cep,
    tracking,
    stages: release
      ? [...Object.entries(cep.targets).filter(([, version]) => version === release).map(([stage]) => stage), ...(cep.ungatedTarget === release ? [notGatedLabel] : [])]
      : [],
    findings,
    health: healthStatus(findings),
    pullRequests: {
      merged: pullRequests.filter((pullRequest) => pullRequest.state === 'merged').length,
      open: pullRequests.filter((pullRequest) => pullRequest.state === 'open').length,
      total: pullRequests.length,
    },
    lastCheckIn: tracking?.checkIns[0]?.createdAt,
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
  const rows = ceps
    .filter((cep) => releasesTargeted(cep).includes(release.version as ReleaseVersion))
    .map((cep) => dashboardRow(cep, trackingByIssue.get(cep.trackingIssue.number), context, release.version))
    .sort((left, right) => healthOrder[left.health] - healthOrder[right.health] || left.cep.number - right.cep.number);
  const byStatus: ReleaseDashboard['byStatus'] = {};
  const byHealth: Record<HealthStatus, number> = { 'at-risk': 0, 'needs-attention': 0, 'on-track': 0 };
  for (const row of rows) {
    const status = row.cep.status ?? 'not stated';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    byHealth[row.health] += 1;
  }
  return { release, rows, byStatus, byHealth, phase: releasePhase(release, context.today) };
}

/** CEPs still being worked on (not finished one way or the other). */
export function isActive(cep: Pick<CepRecord, 'status'>): boolean {
  return !cep.status || !closedStatuses.includes(cep.status);
}
