/**
 * The composite action (action.yml), its steps run for real against a proposals repository on disk,
 * a local GitHub API server and a local "deployed site": what another repository gets from the
 * README's workflow. One real build (the default-branch run); the skipped run and the pull request
 * stop before building.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, testBuildEnvironment } from '../support/build.ts';
import { startFakeGitHub, type FakeGitHub } from '../../tools/github/fake-github.ts';
import { sampleTrackingData } from '../github/fixtures/sample-tracking.ts';
import { runAction, type ActionRun } from '../adopt/run-action.ts';

const token = 'ghp_ActionTestToken000000000000000000000';
const root = mkdtempSync(path.join(tmpdir(), 'cep-action-'));
const workspace = path.join(root, 'project-infra');
const deployed = path.join(root, 'deployed');

/** The site as GitHub Pages would serve it, at /cat/ on a loopback port. */
function startPages(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const file = path.join(deployed, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/cat\//, ''));
    if (!file.startsWith(deployed) || !existsSync(file)) return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the action, run against a repository of CEPs', () => {
  let github: FakeGitHub;
  let pages: http.Server;
  let siteUrl: string;
  const run = (event: string, extra: { ref?: string; onStep?: (name: string) => void } = {}): Promise<ActionRun> =>
    runAction({
      actionPath: projectRoot,
      workspace,
      event,
      ref: extra.ref ?? 'refs/heads/main',
      defaultBranch: 'main',
      inputs: {
        'content-dir': 'docs/ci-enhancements',
        schedules: 'schedules',
        'site-url': siteUrl,
        'base-path': '/cat/',
        checkout: 'false',
        token,
      },
      env: {
        ...(process.env as Record<string, string>),
        ...(testBuildEnvironment as Record<string, string>),
        ...github.env(),
        GITHUB_REPOSITORY: 'kubevirt/project-infra',
        ASTRO_CACHE_DIR: path.join(root, 'astro-cache'),
        // Put Node 24 first, as actions/setup-node would.
        PATH: `${path.join(projectRoot, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}`,
      },
      // This checkout's node_modules is what `npm install` would produce; the test stays offline.
      skip: { 'Install the catalogue': 'the packages are installed' },
      ...(extra.onStep ? { beforeStep: extra.onStep } : {}),
    });
  const step = (result: ActionRun, name: RegExp) => result.steps.find((candidate) => name.test(candidate.name));
  let first: ActionRun;
  const requestsBefore: Record<string, number> = {};

  beforeAll(async () => {
    cpSync(path.join(projectRoot, 'content/ceps'), path.join(workspace, 'docs/ci-enhancements'), { recursive: true });
    cpSync(path.join(projectRoot, 'content/releases'), path.join(workspace, 'schedules'), { recursive: true });
    mkdirSync(deployed, { recursive: true });
    delete process.env['GITHUB_TOKEN'];
    github = await startFakeGitHub(sampleTrackingData());
    pages = await startPages();
    siteUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    first = await run('push', { onStep: (name) => (requestsBefore[name] = github.requestCount) });
  });
  afterAll(async () => {
    await github.close();
    await new Promise((resolve) => pages.close(resolve));
  });

  it('on the default branch: lints, fetches tracking data, builds and uploads the site for deploy-pages', () => {
    expect(first.failed?.output.slice(-3000)).toBeUndefined();
    expect(step(first, /^Lint/)?.ran).toBe(true);
    expect(step(first, /^Fetch tracking/)?.output).toMatch(/sync: wrote .*14 issue\(s\)/);
    expect(step(first, /^Compare/)?.output).toMatch(/^Building: what the deployed site was built from is unknown \(HTTP 404/);
    const upload = step(first, /^Upload the Pages artifact/);
    expect(upload?.ran).toBe(true);
    const site = upload?.with?.['path'] ?? '';
    expect(readFileSync(path.join(site, 'ceps/4101-arm64-e2e-lanes/index.html'), 'utf8')).toContain('href="/cat/releases/v1.10/"');
    expect(JSON.parse(readFileSync(path.join(site, 'build-inputs.json'), 'utf8'))).toMatchObject({
      format: 1,
      parts: { date: '2026-12-01' },
    });
    expect(first.outputs['deploy']).toBe('true');
  });

  it('gives the token to the fetch step only, and the build asks GitHub nothing', () => {
    const withToken = first.steps.filter((record) => Object.values(record.stepEnv).includes(token)).map((record) => record.name);
    expect(withToken).toEqual(['Fetch tracking data']);
    const build = first.steps.findIndex((record) => /^Build the site/.test(record.name));
    const after = first.steps[build + 1]?.name ?? '';
    expect(github.requestCount).toBeGreaterThan(0);
    expect(requestsBefore[after]).toBe(requestsBefore[first.steps[build]?.name ?? '']);
    expect(first.steps[build]?.output).toContain('no GITHUB_TOKEN');
    expect(first.steps.map((record) => record.output).join('\n')).not.toContain(token);
  });

  it('a scheduled run with nothing new skips build and deploy, and its summary says why', async () => {
    const site = step(first, /^Upload the Pages artifact/)?.with?.['path'] ?? '';
    cpSync(path.join(site, 'build-inputs.json'), path.join(deployed, 'build-inputs.json'));
    const second = await run('schedule');
    expect(second.failed).toBeUndefined();
    expect(step(second, /^Fetch tracking/)?.ran).toBe(true);
    expect(step(second, /^Build the site/)?.ran).toBe(false);
    expect(step(second, /^Upload/)?.ran).toBe(false);
    expect(second.outputs['deploy']).toBe('false');
    expect(second.summary).toMatch(/Skipped build and deploy: nothing changed since the deployed build/);
    expect(second.outputs['reason']).toMatch(/^Skipped build and deploy/);
  });

  it('a pull request only lints, with annotations on the repository’s own paths, and never fetches', async () => {
    const broken = path.join(workspace, 'docs/ci-enhancements/4999-broken/cep.md');
    mkdirSync(path.dirname(broken), { recursive: true });
    writeFileSync(broken, '# CEP #4999: Broken\n\nNo sections at all.\n');
    github.resetCounters();
    const pr = await run('pull_request', { ref: 'refs/pull/7/merge' });
    expect(pr.failed?.name).toBe('Lint the proposals');
    expect(pr.failed?.output).toMatch(/^::error file=docs\/ci-enhancements\/4999-broken\/cep\.md,line=\d+/m);
    expect(step(pr, /^Plan/)?.output).toContain('Publishing: false; fetching tracking data: false.');
    expect(pr.steps.filter((record) => record.ran).map((record) => record.name)).not.toContain('Fetch tracking data');
    expect(github.requestCount).toBe(0);
  });

  it('refuses an unknown kind with an error naming the input', async () => {
    const result = await runAction({
      actionPath: projectRoot,
      workspace,
      event: 'push',
      ref: 'refs/heads/main',
      defaultBranch: 'main',
      inputs: { 'content-dir': 'docs/ci-enhancements', kind: 'kep' },
      env: { PATH: process.env['PATH'] ?? '' },
    });
    expect(result.failed?.output).toContain('::error title=kind::kind must be cep or vep, not "kep"');
  });
});
