import type { APIRoute } from 'astro';
import { frontMatterJsonSchema } from '../../lib/cep/schema.ts';

/** JSON Schema of CEP front matter, for editors (e.g. the YAML language server's `$schema`). */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(frontMatterJsonSchema(), null, 2), { headers: { 'Content-Type': 'application/schema+json' } });
