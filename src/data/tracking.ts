/**
 * Tracking state and health for pages: joins each CEP to its tracking entry and computes the
 * findings with the same function the linter and the reports use.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { readTrackingConfig } from '../lib/github/config.ts';
import { buildHealthContext, type HealthContext } from '../lib/health/context.ts';
import { dashboardRow, releaseDashboard, type DashboardRow, type ReleaseDashboard } from '../lib/releases/dashboard.ts';
import { allCeps, allReleases, catalogue, today, type CepEntry } from './catalogue.ts';

export type TrackingEntry = CollectionEntry<'tracking'>;

let cachedContext: Promise<HealthContext> | undefined;
/** The health context of this build (today, releases, the SIG label). */
export function healthContext(): Promise<HealthContext> {
  cachedContext ??= (async () => {
    const releases = (await allReleases()).map((release) => release.data);
    return buildHealthContext({ today: today(), releases, sigLabel: readTrackingConfig().sigLabel, prefix: catalogue.kind.prefix });
  })();
  return cachedContext;
}

/** The tracking entry of a CEP, if the tracking collection has one. */
export async function trackingOf(cep: CepEntry): Promise<TrackingEntry | undefined> {
  return getEntry(cep.data.tracking);
}

/** Tracking entries by issue number. */
export async function trackingByIssue(): Promise<Map<number, TrackingEntry['data']>> {
  return new Map((await getCollection('tracking')).map((entry) => [entry.data.number, entry.data]));
}

let cachedRows: Promise<Map<string, DashboardRow>> | undefined;
/** A dashboard row (tracking, findings, health, PR counts) for each CEP, by CEP id; computed once per build. */
export function rowsById(): Promise<Map<string, DashboardRow>> {
  cachedRows ??= (async () => {
    const [ceps, tracking, context] = await Promise.all([allCeps(), trackingByIssue(), healthContext()]);
    return new Map(ceps.map((cep) => [cep.id, dashboardRow(cep.data, tracking.get(cep.data.trackingIssue.number), context)]));
  })();
  return cachedRows;
}

/** The dashboard of one release. */
export async function dashboardOf(version: string): Promise<ReleaseDashboard | undefined> {
  const [ceps, tracking, context, releases] = await Promise.all([allCeps(), trackingByIssue(), healthContext(), allReleases()]);
  const release = releases.find((candidate) => candidate.data.version === version);
  return (
    release &&
    releaseDashboard(
      release.data,
      ceps.map((cep) => cep.data),
      tracking,
      context,
    )
  );
}

/** "As of" time and source of the tracking data, for the "tracking state as of" notice. */
export async function trackingAsOf(): Promise<{ generatedAt: string; source: 'snapshot' | 'live' } | undefined> {
  const first = (await getCollection('tracking'))[0];
  return first && { generatedAt: first.data.generatedAt, source: first.data.source };
}
