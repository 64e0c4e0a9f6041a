import type { APIRoute, GetStaticPaths } from 'astro';
import { createHash } from 'node:crypto';
import { allCeps, catalogue } from '../../../data/catalogue.ts';
import { proposalBadge } from '../../../lib/badge.ts';

/**
 * Status badge of one proposal, `/cep/N/badge.svg`, beside its short permalink `/cep/N/`. The
 * badge is its own cacheKey, so a rebuild keeps every badge that did not change.
 */
export const getStaticPaths = (async () =>
  (await allCeps()).map((cep) => {
    const badge = proposalBadge(catalogue.kind, cep.data);
    return {
      params: { proposal: catalogue.kind.permalinkSegment, number: String(cep.data.number) },
      props: { badge },
      cacheKey: createHash('sha1').update(badge).digest('hex'),
    };
  })) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { badge: string }).badge, { headers: { 'Content-Type': 'image/svg+xml' } });
