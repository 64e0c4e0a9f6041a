import type { APIRoute } from 'astro';
import { allReleases, catalogue } from '../data/catalogue.ts';
import { freezeCalendar } from '../lib/releases/calendar.ts';

/** Freeze calendar of every release: EF, CF, release candidates and GA as all-day events. */
export const GET: APIRoute = async () => {
  const releases = (await allReleases()).map((release) => release.data);
  return new Response(freezeCalendar(releases, catalogue, `KubeVirt releases (${catalogue.kind.prefix} catalogue)`), {
    headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
  });
};
