import type { APIRoute } from 'astro';
import { allCeps, catalogue } from '../../data/catalogue.ts';
import { buildCepsApi } from '../../lib/api/ceps.ts';

/** Every proposal's metadata, keyed by number; fields are described in src/lib/api/ceps.ts and docs/search.md. */
export const GET: APIRoute = async () => {
  const records = (await allCeps()).map((cep) => cep.data);
  return new Response(`${JSON.stringify(buildCepsApi(records, catalogue), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
