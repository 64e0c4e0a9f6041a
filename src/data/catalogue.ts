/**
 * Collection access for pages: the one place pages read content from, so sorting and grouping
 * are the same everywhere.
 */
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { readCatalogueConfig, today } from '../lib/config.ts';
import { compareReleases, type ReleaseVersion } from '../lib/cep/release-version.ts';
import { releasesTargeted } from '../lib/cep/parse/targets.ts';
import { currentRelease } from '../lib/releases/schedule.ts';
import type { GitDates, TargetChange } from '../lib/cep/history.ts';
// The content folder's git history, read once by the build session (src/integrations/catalogue.ts).
import history from 'virtual:cep-catalogue/history';

export const catalogue = readCatalogueConfig();

export type CepEntry = CollectionEntry<'ceps'>;
export type ReleaseEntry = CollectionEntry<'releases'>;

/**
 * Every proposal, by number. A proposal that does not state when it was created or last updated
 * (the template form has no front matter) gets the dates of the commits that touched its folder;
 * {@link datesFromGit} says which dates came from git.
 */
export async function allCeps(): Promise<CepEntry[]> {
  return (await getCollection('ceps'))
    .map((entry) => {
      const git = history.dates[entry.data.sourcePath];
      if (!git || (entry.data.creationDate && entry.data.lastUpdated)) return entry;
      return {
        ...entry,
        data: { ...entry.data, creationDate: entry.data.creationDate ?? git.created, lastUpdated: entry.data.lastUpdated ?? git.updated },
      };
    })
    .sort((left, right) => left.data.number - right.data.number);
}

/** Which of a proposal's dates come from git rather than from its document. */
export async function datesFromGit(cep: CepEntry): Promise<{ created: boolean; updated: boolean }> {
  const git: GitDates | undefined = history.dates[cep.data.sourcePath];
  const stated = (await getEntry('ceps', cep.id))?.data;
  return { created: Boolean(git && !stated?.creationDate), updated: Boolean(git && !stated?.lastUpdated) };
}

/**
 * What identifies the version of a proposal a reader saw: its document's content digest, so a
 * feed item is new whenever the document changed.
 */
export const revisionOf = (cep: CepEntry): string | undefined => (cep.digest === undefined ? undefined : String(cep.digest));

/** Every release, oldest first. */
export async function allReleases(): Promise<ReleaseEntry[]> {
  return (await getCollection('releases')).sort((left, right) => compareReleases(left.data.version, right.data.version));
}

export { today };

/** The release in progress today, if any. */
export async function releaseInProgress(): Promise<ReleaseEntry | undefined> {
  const releases = await allReleases();
  const current = currentRelease(
    releases.map((release) => release.data),
    today(),
  );
  return releases.find((release) => release.data.version === current?.version);
}

/** Proposals that target a release at any stage, or without one (a stage-less target). */
export function cepsTargeting(ceps: readonly CepEntry[], version: string): CepEntry[] {
  return ceps.filter((cep) => releasesTargeted(cep.data).includes(version as ReleaseVersion));
}

/** Re-targeting history of every CEP from git, keyed by source path; empty outside git. */
export async function retargetingHistories(): Promise<Map<string, TargetChange[]>> {
  return new Map(Object.entries(history.retargeting));
}
