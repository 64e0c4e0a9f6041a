import type { APIRoute } from 'astro';
import { currentBuild } from '../data/build.ts';

/** When the site was built, from which commit, and how fresh its tracking data is; read by every page's footer. */
export const GET: APIRoute = async () =>
  new Response(`${JSON.stringify(await currentBuild(), null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
