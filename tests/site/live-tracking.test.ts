import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, readBuilt, testBuildDir } from '../support/build.ts';
import { startFakeGitHub, type FakeGitHub } from '../../tools/github/fake-github.ts';
import { sampleTrackingData } from '../github/fixtures/sample-tracking.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const token = 'ghp_LiveBuildToken0000000000000000000000';

describe('a real build with GITHUB_TOKEN against a local GitHub API server', () => {
  let github: FakeGitHub;
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'cep-tracking-cache-'));
  const outDir = testBuildDir('live-site-');
  const environment = () => ({ ...github.env({ GITHUB_TOKEN: token }), TRACKING_CACHE_DIR: cacheDir, ASTRO_CACHE_DIR: `${outDir}-astro` });

  beforeAll(async () => {
    github = await startFakeGitHub(sampleTrackingData());
  });
  afterAll(async () => {
    await github.close();
  });

  it('cold (no cache, no committed snapshot): fetches live in one batched request and the pages say so', async () => {
    const result = await buildSite({ ...environment(), TRACKING_SNAPSHOT: path.join(cacheDir, 'no-committed-snapshot.json') }, outDir);
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(github.graphqlRequests).toHaveLength(1);
    expect(github.graphqlRequests[0]?.issueNumbers).toHaveLength(14);
    expect(result.output).not.toContain(token);
    const html = readBuilt(outDir, 'ceps/4101-arm64-e2e-lanes/index.html');
    expect(text(html)).toMatch(/Tracking state as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC ?\./);
    expect(text(html)).not.toContain('(snapshot)');
  });

  it('warm: a rebuild with nothing changed costs one request', async () => {
    github.resetCounters();
    const result = await buildSite(environment(), outDir);
    expect(result.code).toBe(0);
    expect(github.graphqlRequests.length).toBeLessThanOrEqual(2);
    expect(github.graphqlRequests[0]?.searches.length).toBeGreaterThan(0);
  });

  it('GitHub down: the build still succeeds with the last tracking data fetched, showing when it was fetched, and logs why', async () => {
    github.resetCounters();
    github.fail({ type: 'status', status: 502, message: 'Bad Gateway' }, Infinity);
    const result = await buildSite({ ...environment(), TRACKING_MAX_AGE_HOURS: '0.0001' }, outDir);
    github.clearFailures();
    expect(result.code, result.output.slice(-2000)).toBe(0);
    expect(result.output).toMatch(/502/);
    expect(result.output).not.toContain(token);
    expect(result.output).toContain('building with the last tracking data fetched');
    const html = readBuilt(outDir, 'ceps/4101-arm64-e2e-lanes/index.html');
    // The last known state is kept, with the time it was fetched: still open, never shown as closed.
    expect(text(html)).toContain('Tracking issue: open');
    expect(text(html)).toMatch(/Tracking state as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  });

  it('strict mode turns the same outage into a failed build', async () => {
    github.fail({ type: 'status', status: 502 }, Infinity);
    const result = await buildSite({ ...environment(), TRACKING_MAX_AGE_HOURS: '0.0001', TRACKING_STRICT: '1' }, testBuildDir('strict-'));
    github.clearFailures();
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/502/);
    expect(result.output).not.toContain(token);
  });
});
