/**
 * Serves a built site over HTTP on loopback the way GitHub Pages does: static files under the base
 * path the site was built with, a folder's `index.html` for its address, and the site's own
 * `404.html` (status 404) for anything else.
 *
 * A static server in the test process, not `astro preview`: the site is published to a static host,
 * and a preview process per test file cost a second of start-up each and, on a loaded 2-core
 * machine, sometimes did not answer within half a minute.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';
import { testBuildEnvironment } from './build.ts';

export interface Preview {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Address of the site's home page, origin plus base path. */
  home: string;
  /** Absolute URL of a path inside the site (`search/?q=x` → `http://…/cep-catalogue/search/?q=x`). */
  url(pathInSite?: string): string;
  close(): Promise<void>;
}

/** Serves `outDir` under `basePath` (the test builds' by default) on a free loopback port; call `close()` when done. */
export async function startPreview(outDir: string, basePath = testBuildEnvironment['BASE_PATH'] ?? '/'): Promise<Preview> {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  const notFoundPage = path.join(outDir, '404.html');
  const notFound = (response: ServerResponse) => {
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(existsSync(notFoundPage) ? readFileSync(notFoundPage) : 'Not Found');
  };
  // dev: look files up on every request (a test may rebuild into the folder it serves).
  const files = sirv(outDir, { dev: true, etag: true, extensions: ['html'], onNoMatch: (_request, response) => notFound(response) });
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    // GitHub Pages sends a folder's address without its slash to the address with it.
    if (`${url.split('?')[0]}/` === base) {
      response.writeHead(301, { location: base });
      response.end();
      return;
    }
    if (!url.startsWith(base)) return notFound(response);
    request.url = `/${url.slice(base.length)}`;
    files(request, response, () => notFound(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const home = new URL(base, origin).toString();
  return {
    origin,
    home,
    url: (pathInSite = '') => new URL(pathInSite.replace(/^\/+/, ''), home).toString(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
