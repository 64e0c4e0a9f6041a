import type { APIRoute, GetStaticPaths } from 'astro';
import { allCeps, catalogue, type CepEntry } from '../../../data/catalogue.ts';
import { proposalBadge } from '../../../lib/badge.ts';

/** Status badge of one proposal, `/cep/N/badge.svg`, beside its short permalink `/cep/N/`. */
export const getStaticPaths = (async () =>
  (await allCeps()).map((cep) => ({
    params: { proposal: catalogue.kind.permalinkSegment, number: String(cep.data.number) },
    props: { cep },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { cep } = props as { cep: CepEntry };
  return new Response(proposalBadge(catalogue.kind, cep.data), { headers: { 'Content-Type': 'image/svg+xml' } });
};
