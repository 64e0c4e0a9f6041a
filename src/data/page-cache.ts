/**
 * `cacheKey`s for Astro's incremental build (`experimental.incrementalBuild`): a page whose key and
 * code are the same as in the previous build is not rendered again; its previous HTML is kept.
 * A key is a hash of everything the page shows: its own inputs, plus what pages share (the
 * catalogue configuration, today's date, which the health findings depend on, the releases that
 * have a schedule, which decide whether a target is a link, and the current release).
 *
 * Deliberately left out: the build time and commit, the tracking data's "as of" time, and when
 * each entry was last fetched (a refresh that found nothing new is no change, as for the inputs
 * digest; an issue the data does not hold gets the build's time). They change on every build;
 * with them no page could ever be kept. No proposal page shows the first two
 * (the footer reads them from `build.json`, see build-info.ts); a kept page's "as of" time names the
 * tracking check that last rendered it: still true, only not the latest.
 */
import { createHash } from 'node:crypto';
import { allReleases, catalogue, releaseInProgress, today } from './catalogue.ts';

/** Returns a function that hashes a page's own inputs, together with the site-wide ones, into its `cacheKey`. */
export async function pageCacheKeys(): Promise<(...inputs: unknown[]) => string> {
  const site = JSON.stringify({
    catalogue,
    today: today(),
    releases: (await allReleases()).map((release) => release.data.version),
    currentRelease: (await releaseInProgress())?.data.version ?? null,
  });
  return (...inputs) => createHash('sha1').update(site).update('\0').update(JSON.stringify(inputs)).digest('hex');
}
