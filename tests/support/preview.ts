/**
 * Serves a built site with `astro preview` (the command a developer runs), on a free port, with the
 * same base path and site URL the site was built with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { projectRoot, testBuildEnvironment } from './build.ts';

export interface Preview {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Address of the site's home page, origin plus base path. */
  home: string;
  /** Absolute URL of a path inside the site (`search/?q=x` → `http://…/cep-catalogue/search/?q=x`). */
  url(pathInSite?: string): string;
  close(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`astro preview exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`astro preview did not answer at ${url} within ${timeoutMs} ms:\n${output()}`);
}

/** Starts `astro preview` for `outDir`; call `close()` when done. */
export async function startPreview(outDir: string, env: NodeJS.ProcessEnv = {}): Promise<Preview> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...testBuildEnvironment, OUT_DIR: outDir, ...env };
  const basePath = childEnv['BASE_PATH'] ?? '/';
  // --ignore-lock: other preview servers (a developer's, a parallel run) must neither block nor be replaced.
  const child = spawn(
    process.execPath,
    [path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'preview', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'],
    { cwd: projectRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const home = new URL(basePath, origin).toString();
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitUntilServing(home, child, () => output);
  } catch (error) {
    await close();
    throw error;
  }
  return { origin, home, url: (pathInSite = '') => new URL(pathInSite.replace(/^\/+/, ''), home).toString(), close };
}
