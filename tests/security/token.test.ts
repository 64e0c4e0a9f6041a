/**
 * Deliverable 5 of issue #12: the process that renders proposals never has a token. What a
 * proposal's code could read is its process's environment; scripts/build.ts starts that process
 * with the environment `scrubEnvironment` returns, so a child started the same way shows it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFilePath } from '../../src/lib/github/cache.ts';
import { readTrackingConfig } from '../../src/lib/github/config.ts';
import { loadStoredTrackingEntries } from '../../src/lib/github/entries.ts';
import { parseSnapshot, serializeSnapshot, writeSnapshotFile } from '../../src/lib/github/snapshot-file.ts';
import { isSecretVariable, scrubEnvironment } from '../../src/lib/security/environment.ts';
import { recordingLogger } from '../github/helpers.ts';
import { readFileSync } from 'node:fs';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const committedSnapshot = parseSnapshot(readFileSync(path.join(projectRoot, 'content/tracking.snapshot.json'), 'utf8'));

describe('the rendering environment', () => {
  const callerEnvironment = {
    PATH: process.env['PATH'],
    HOME: '/home/ci',
    GITHUB_TOKEN: 'ghp_CanaryToken0000000000000000000000000001',
    GH_TOKEN: 'ghp_CanaryToken0000000000000000000000000002',
    TRACKING_TOKEN: 'x',
    ACTIONS_RUNTIME_TOKEN: 'x',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example',
    NPM_CONFIG__AUTH: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    SOME_PASSWORD: 'x',
    INNOCENT_NAME: 'github_pat_11AAAAAAAAAAAAAAAAAAAAAA_canary',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_ACTIONS: 'true',
    SITE_URL: 'https://kubevirt.github.io',
    TRACKING_CACHE_DIR: '.cache/tracking',
  };

  it('keeps configuration and drops every variable whose name or value is a secret, naming (not showing) them', () => {
    const { env, removed } = scrubEnvironment(callerEnvironment);
    expect(Object.keys(env).sort()).toEqual(['GITHUB_ACTIONS', 'GITHUB_API_URL', 'HOME', 'PATH', 'SITE_URL', 'TRACKING_CACHE_DIR']);
    expect(removed).toEqual([
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_RUNTIME_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'GH_TOKEN',
      'GITHUB_TOKEN',
      'INNOCENT_NAME',
      'NPM_CONFIG__AUTH',
      'SOME_PASSWORD',
      'TRACKING_TOKEN',
    ]);
    expect(isSecretVariable('CEP_CONTENT_DIR', 'content/ceps')).toBe(false);
  });

  it('is what code run in the rendering process reads from process.env', () => {
    const { env } = scrubEnvironment(callerEnvironment);
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.env))'], { env, encoding: 'utf8' });
    const seen = JSON.parse(child.stdout) as Record<string, string>;
    expect(seen['GITHUB_TOKEN']).toBeUndefined();
    expect(seen['GH_TOKEN']).toBeUndefined();
    expect(child.stdout).not.toContain('ghp_');
    expect(child.stdout).not.toContain('github_pat_');
    expect(seen['SITE_URL']).toBe('https://kubevirt.github.io');
  });

  it('npm run build -- --sync-only without a token says what it needs', () => {
    const child = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/build.ts'), '--sync-only'], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] },
      encoding: 'utf8',
    });
    expect(child.status).toBe(2);
    expect(child.stderr).toBe('build: --sync-only needs GITHUB_TOKEN (or GH_TOKEN) to fetch the tracking data\n');
  });
});

describe('the tracking loader reads what the sync wrote, never GitHub', () => {
  async function setUp(cached: { generatedAt: string; repository?: string } | undefined) {
    const root = await mkdtemp(path.join(tmpdir(), 'stored-tracking-'));
    await writeFile(path.join(root, 'snapshot.json'), serializeSnapshot(committedSnapshot));
    const config = readTrackingConfig(
      { TRACKING_SNAPSHOT: 'snapshot.json', TRACKING_CACHE_DIR: 'cache', GITHUB_API_URL: 'http://127.0.0.1:9' },
      root,
    );
    if (cached)
      await writeSnapshotFile(cacheFilePath(config.cacheDir), {
        ...committedSnapshot,
        repository: cached.repository ?? committedSnapshot.repository,
        generatedAt: cached.generatedAt,
      });
    return config;
  }

  it('uses the cache written by npm run sync when it is newer than the committed snapshot, as live data', async () => {
    const config = await setUp({ generatedAt: '2026-12-01T07:00:00Z' });
    const logger = recordingLogger();
    const loaded = await loadStoredTrackingEntries({ numbers: [4101], config, logger });
    expect(loaded).toMatchObject({ source: 'live', generatedAt: '2026-12-01T07:00:00Z', requests: 0 });
    expect(logger.lines).toContain(
      'info: tracking: 1 of 1 tracking issues as fetched from GitHub at 2026-12-01T07:00:00Z (tracking cache, written by npm run sync).',
    );
  });

  it('uses the committed snapshot when the cache is older, or for another repository', async () => {
    for (const cached of [{ generatedAt: '2026-01-01T00:00:00Z' }, { generatedAt: '2026-12-01T07:00:00Z', repository: 'someone/else' }]) {
      const loaded = await loadStoredTrackingEntries({ numbers: [4101], config: await setUp(cached), logger: recordingLogger() });
      expect(loaded).toMatchObject({ source: 'snapshot', generatedAt: committedSnapshot.generatedAt });
    }
  });
});
