/**
 * The Astro loader and the logic behind it (entries.ts), plus the snapshot file and cache helpers:
 * snapshot without a token, live fetch with the cache, logging, strict mode.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFilePath, readCachedSnapshot, writeCachedSnapshot } from '../../src/lib/github/cache.ts';
import { readTrackingConfig } from '../../src/lib/github/config.ts';
import { loadTrackingEntries } from '../../src/lib/github/entries.ts';
import { TrackingError } from '../../src/lib/github/fetch.ts';
import { trackingLoader } from '../../src/lib/github/loader.ts';
import type { TrackingEntry, TrackingSnapshot } from '../../src/lib/github/schema.ts';
import { TrackingEntrySchema } from '../../src/lib/github/schema.ts';
import {
  SnapshotFileError,
  parseSnapshot,
  readSnapshotFile,
  serializeSnapshot,
  writeSnapshotFile,
} from '../../src/lib/github/snapshot-file.ts';
import type { FakeGitHub } from '../../tools/github/fake-github.ts';
import { startFakeGitHub } from '../../tools/github/fake-github.ts';
import { SAMPLE_ISSUE_NUMBERS, sampleTrackingData } from './fixtures/sample-tracking.ts';
import { FAST_CLIENT, SECRET_TOKEN, recordingLogger } from './helpers.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const committedSnapshotPath = path.join(repositoryRoot, 'content/tracking.snapshot.json');

let fake: FakeGitHub;
let root: string;

beforeEach(async () => {
  fake = await startFakeGitHub(sampleTrackingData());
  root = await mkdtemp(path.join(tmpdir(), 'tracking-loader-'));
});

afterEach(async () => {
  await fake.close();
  await rm(root, { recursive: true, force: true });
});

function liveEnv(extra: Record<string, string> = {}): Record<string, string> {
  return fake.env({ GITHUB_TOKEN: SECRET_TOKEN, TRACKING_CACHE_DIR: path.join(root, 'cache'), ...extra });
}

async function copyCommittedSnapshot(): Promise<TrackingSnapshot> {
  const text = await readFile(committedSnapshotPath, 'utf8');
  await writeFile(path.join(root, 'content-snapshot.json'), text);
  return parseSnapshot(text);
}

describe('loadTrackingEntries without a token', () => {
  it('serves the committed snapshot, saying as of when, without contacting GitHub', async () => {
    const logger = recordingLogger();
    const config = readTrackingConfig({ GITHUB_API_URL: fake.url }, repositoryRoot);
    const loaded = await loadTrackingEntries({ numbers: [...SAMPLE_ISSUE_NUMBERS, 9876], config, logger });
    expect(loaded.source).toBe('snapshot');
    expect(loaded.generatedAt).toBe('2026-11-30T06:00:00Z');
    expect(loaded.requests).toBe(0);
    expect(fake.requestCount).toBe(0);
    expect(loaded.entries.map((entry) => entry.number)).toEqual([...SAMPLE_ISSUE_NUMBERS]);
    for (const entry of loaded.entries) {
      expect(entry).toMatchObject({ source: 'snapshot', generatedAt: '2026-11-30T06:00:00Z' });
      expect(TrackingEntrySchema.parse(entry)).toEqual(entry);
    }
    expect(logger.lines).toContain(
      'info: tracking: no GITHUB_TOKEN; using the committed snapshot as of 2026-11-30T06:00:00Z (14 tracking issues).',
    );
    expect(logger.lines).toContain('info: tracking: not in the snapshot (run scripts/sync.ts to add): #9876');
  });

  it('builds without tracking data when there is no snapshot', async () => {
    const logger = recordingLogger();
    const config = readTrackingConfig({ TRACKING_SNAPSHOT: 'missing.json' }, root);
    const loaded = await loadTrackingEntries({ numbers: [4101], config, logger });
    expect(loaded).toMatchObject({ source: 'snapshot', generatedAt: null, entries: [] });
    expect(logger.lines.join('\n')).toMatch(/no GITHUB_TOKEN and no snapshot/);
  });

  it('fails clearly on a corrupted committed snapshot', async () => {
    await writeFile(path.join(root, 'broken.json'), '{"version": 1, "generatedAt": "yesterday"');
    const config = readTrackingConfig({ TRACKING_SNAPSHOT: 'broken.json' }, root);
    await expect(loadTrackingEntries({ numbers: [4101], config, logger: recordingLogger() })).rejects.toThrow(
      /broken\.json is not valid JSON/,
    );
  });
});

describe('loadTrackingEntries with a token', () => {
  it('fetches live, writes the cache, and the next build costs one request', async () => {
    const logger = recordingLogger();
    const config = readTrackingConfig(liveEnv(), root);
    const first = await loadTrackingEntries({
      numbers: SAMPLE_ISSUE_NUMBERS,
      config,
      logger,
      now: new Date('2026-11-30T06:00:00Z'),
      clientOptions: FAST_CLIENT,
    });
    expect(first).toMatchObject({ source: 'live', generatedAt: '2026-11-30T06:00:00Z', requests: 1, problems: [] });
    expect(first.entries).toHaveLength(14);
    expect(first.entries[0]).toMatchObject({ source: 'live', generatedAt: '2026-11-30T06:00:00Z' });
    expect((await readCachedSnapshot(config.cacheDir))?.generatedAt).toBe('2026-11-30T06:00:00Z');

    const second = await loadTrackingEntries({
      numbers: SAMPLE_ISSUE_NUMBERS,
      config,
      logger,
      now: new Date('2026-11-30T07:00:00Z'),
      clientOptions: FAST_CLIENT,
    });
    expect(second.requests).toBe(1);
    expect(logger.lines).toContain(
      'info: tracking: 14 of 14 tracking issues from GitHub (cold, 14 fetched) in 1 request(s); rate limit remaining 4999.',
    );
    expect(logger.lines).toContain(
      'info: tracking: 14 of 14 tracking issues from GitHub (warm, 0 fetched) in 1 request(s); rate limit remaining 4998.',
    );
  });

  it('starts warm from the committed snapshot when there is no cache', async () => {
    await copyCommittedSnapshot();
    const config = readTrackingConfig(liveEnv({ TRACKING_SNAPSHOT: 'content-snapshot.json' }), root);
    const loaded = await loadTrackingEntries({
      numbers: SAMPLE_ISSUE_NUMBERS,
      config,
      logger: recordingLogger(),
      now: new Date('2026-11-30T09:00:00Z'),
      clientOptions: FAST_CLIENT,
    });
    expect(loaded.requests).toBe(1);
    expect(loaded.entries.every((entry) => entry.fetchedAt === '2026-11-30T06:00:00Z')).toBe(true);
  });

  it('ignores a corrupted cache', async () => {
    const logger = recordingLogger();
    const config = readTrackingConfig(liveEnv(), root);
    await writeCachedSnapshot(config.cacheDir, parseSnapshot(await readFile(committedSnapshotPath, 'utf8')));
    await writeFile(cacheFilePath(config.cacheDir), 'garbage');
    const loaded = await loadTrackingEntries({ numbers: [4101], config, logger, clientOptions: FAST_CLIENT });
    expect(loaded.problems).toEqual([]);
    expect(logger.lines.join('\n')).toMatch(/ignoring the cache \(.*last\.json is not valid JSON/);
  });

  it('logs problems grouped by reason with the issues they affect, and never the token', async () => {
    const logger = recordingLogger();
    const config = readTrackingConfig(liveEnv(), root);
    fake.fail({ type: 'echo-authorization', status: 502 }, Infinity);
    const loaded = await loadTrackingEntries({ numbers: [4101, 4233, 9999], config, logger, clientOptions: FAST_CLIENT });
    expect(loaded.entries).toEqual([]);
    const warnings = logger.lines.filter((line) => line.startsWith('warn: tracking: #'));
    expect(warnings).toEqual([
      'warn: tracking: #4101, #4233, #9999: HTTP 502: Upstream rejected the request with Authorization: token [REDACTED]; no earlier state known, left out',
    ]);
    expect(logger.lines.join('\n')).not.toContain(SECRET_TOKEN);
  });

  it('throws in strict mode', async () => {
    const config = readTrackingConfig(liveEnv({ TRACKING_STRICT: '1' }), root);
    await expect(
      loadTrackingEntries({ numbers: [4101, 9999], config, logger: recordingLogger(), clientOptions: FAST_CLIENT }),
    ).rejects.toThrow(TrackingError);
  });
});

describe('trackingLoader', () => {
  function fakeContext() {
    const entries = new Map<string, { id: string; data: Record<string, unknown>; digest?: string | number }>();
    const logger = recordingLogger();
    const context = {
      collection: 'tracking',
      logger,
      store: {
        clear: () => entries.clear(),
        set: (entry: { id: string; data: Record<string, unknown>; digest?: string | number }) => {
          entries.set(entry.id, entry);
          return true;
        },
      },
      meta: new Map<string, string>(),
      parseData: async ({ data }: { data: Record<string, unknown> }) => TrackingEntrySchema.parse(data),
      generateDigest: (data: Record<string, unknown> | string) => JSON.stringify(data).length.toString(16),
    };
    // Only what the loader uses is provided; Astro supplies the rest at build time.
    return { context: context as unknown as LoaderContext, entries, logger };
  }

  it('declares the entry schema and writes one validated entry per issue, read from the cache the sync wrote, without asking GitHub', async () => {
    // What `npm run sync` does in its own process: fetch with the token, write the tracking cache.
    const synced = await loadTrackingEntries({
      numbers: [4233, 4101],
      config: readTrackingConfig(liveEnv(), root),
      logger: recordingLogger(),
      clientOptions: FAST_CLIENT,
    });
    const requestsBySync = fake.requestCount;
    expect(requestsBySync).toBeGreaterThan(0);
    const loader = trackingLoader({ issueNumbers: async () => [4233, 4101], env: liveEnv(), root });
    expect(loader.name).toBe('cep-tracking-loader');
    expect('schema' in loader && loader.schema).toBe(TrackingEntrySchema);
    const { context, entries, logger } = fakeContext();
    await loader.load(context);
    expect([...entries.keys()]).toEqual(['4101', '4233']);
    const closedEarly = entries.get('4233')?.data as TrackingEntry | undefined;
    expect(closedEarly).toMatchObject({
      number: 4233,
      state: 'closed',
      stateReason: 'completed',
      targetLabels: ['v1.9'],
      source: 'live',
      generatedAt: synced.generatedAt,
    });
    expect(entries.get('4233')?.digest).toBeDefined();
    // The rendering process never contacts GitHub, and says the token it was given is not used.
    expect(fake.requestCount).toBe(requestsBySync);
    expect(logger.lines.join('\n')).toMatch(/GITHUB_TOKEN is set where proposals are rendered, and is not used here/);
    expect(logger.lines.join('\n')).not.toContain(SECRET_TOKEN);
  });

  it('uses the snapshot without a token', async () => {
    await copyCommittedSnapshot();
    const loader = trackingLoader({ issueNumbers: async () => [4101], env: { TRACKING_SNAPSHOT: 'content-snapshot.json' }, root });
    const { context, entries } = fakeContext();
    await loader.load(context);
    expect(entries.get('4101')?.data).toMatchObject({ source: 'snapshot', generatedAt: '2026-11-30T06:00:00Z', state: 'open' });
    expect(fake.requestCount).toBe(0);
  });
});

describe('snapshot files', () => {
  it('round-trip with sorted keys and a trailing newline', async () => {
    const snapshot = parseSnapshot(await readFile(committedSnapshotPath, 'utf8'));
    const shuffled: TrackingSnapshot = {
      issues: Object.fromEntries(Object.entries(snapshot.issues).reverse()),
      repository: snapshot.repository,
      generatedAt: snapshot.generatedAt,
      version: 1,
    };
    const text = serializeSnapshot(shuffled);
    expect(text).toBe(serializeSnapshot(snapshot));
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['generatedAt', 'issues', 'repository', 'version']);
    const target = path.join(root, 'nested/dir/snapshot.json');
    await writeSnapshotFile(target, snapshot);
    expect(await readSnapshotFile(target)).toEqual(snapshot);
    expect(await readSnapshotFile(path.join(root, 'absent.json'))).toBeUndefined();
  });

  it('reject invalid content with the path of the problem', () => {
    expect(() =>
      parseSnapshot('{"version":1,"generatedAt":"2026-11-30T06:00:00Z","repository":"a/b","issues":{"1":{"number":"one"}}}', 'x.json'),
    ).toThrow(SnapshotFileError);
    expect(() =>
      parseSnapshot('{"version":1,"generatedAt":"2026-11-30T06:00:00Z","repository":"a/b","issues":{"1":{"number":"one"}}}', 'x.json'),
    ).toThrow(/x\.json is not a valid tracking snapshot at issues\.1\./);
    expect(() => parseSnapshot('{"version":2,"generatedAt":"2026-11-30T06:00:00Z","repository":"a/b","issues":{}}')).toThrow(/at version/);
  });
});
