import type { APIRoute, GetStaticPaths } from 'astro';
import { allCeps, catalogue } from '../../data/catalogue.ts';
import { rowsById } from '../../data/tracking.ts';
import { buildCepsApi, toApiTracking } from '../../lib/api/ceps.ts';

/** Every proposal's metadata, keyed by number; fields are described in src/lib/api/ceps.ts and docs/search.md. */
/** `/api/ceps.json` or `/api/veps.json`, after the catalogue's kind. */
export const getStaticPaths = (() => [{ params: { api: catalogue.kind.pathSegment } }]) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const ceps = await allCeps();
  const rows = await rowsById();
  const rowByNumber = new Map(ceps.map((cep) => [cep.data.number, rows.get(cep.id)]));
  const api = buildCepsApi(
    ceps.map((cep) => cep.data),
    catalogue,
    (record) => {
      const row = rowByNumber.get(record.number);
      return row ? toApiTracking(row) : null;
    },
  );
  return new Response(`${JSON.stringify(api, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
