import type { APIRoute, GetStaticPaths } from 'astro';
import { allReleases, catalogue, type ReleaseEntry } from '../../data/catalogue.ts';
import { freezeCalendar } from '../../lib/releases/calendar.ts';

/** Freeze calendar of one release, `/releases/vX.Y.ics`, beside its page. */
export const getStaticPaths = (async () =>
  (await allReleases()).map((release) => ({ params: { version: release.data.version }, props: { release } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { release } = props as { release: ReleaseEntry };
  return new Response(freezeCalendar([release.data], catalogue, `KubeVirt ${release.data.version} freezes`), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
