/**
 * Collection access for pages: the one place pages read content from, so sorting and grouping
 * are the same everywhere.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { readCatalogueConfig } from '../lib/config.ts';
import { compareReleases, type ReleaseVersion } from '../lib/cep/release-version.ts';
import { releasesTargeted } from '../lib/cep/parse/targets.ts';
import { currentRelease } from '../lib/releases/schedule.ts';
import { targetHistories, type TargetChange } from '../lib/cep/history.ts';

export const catalogue = readCatalogueConfig();

export type CepEntry = CollectionEntry<'ceps'>;
export type ReleaseEntry = CollectionEntry<'releases'>;

/** Every proposal, by number. */
export async function allCeps(): Promise<CepEntry[]> {
  return (await getCollection('ceps')).sort((left, right) => left.data.number - right.data.number);
}

/** Every release, oldest first. */
export async function allReleases(): Promise<ReleaseEntry[]> {
  return (await getCollection('releases')).sort((left, right) => compareReleases(left.data.version, right.data.version));
}

/** Today's date (YYYY-MM-DD); `CATALOGUE_TODAY` pins it for tests and reports. */
export function today(): string {
  return process.env['CATALOGUE_TODAY'] ?? new Date().toISOString().slice(0, 10);
}

/** The release in progress today, if any. */
export async function releaseInProgress(): Promise<ReleaseEntry | undefined> {
  const releases = await allReleases();
  const current = currentRelease(releases.map((release) => release.data), today());
  return releases.find((release) => release.data.version === current?.version);
}

/** Proposals that target a release at any stage, or without one (a stage-less target). */
export function cepsTargeting(ceps: readonly CepEntry[], version: string): CepEntry[] {
  return ceps.filter((cep) => releasesTargeted(cep.data).includes(version as ReleaseVersion));
}

let cachedHistories: Promise<Map<string, TargetChange[]>> | undefined;
/** Re-targeting history of every CEP from git, keyed by source path; empty outside git. */
export function retargetingHistories(): Promise<Map<string, TargetChange[]>> {
  cachedHistories ??= allCeps().then((ceps) => targetHistories(catalogue.contentDir, ceps.map((cep) => cep.data.sourcePath), catalogue.kind));
  return cachedHistories;
}
