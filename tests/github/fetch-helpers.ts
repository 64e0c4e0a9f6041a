/**
 * Shared setup of the fetchTracking tests (fetch-budget, fetch-mapping, fetch-missing): a fake
 * GitHub closed after each test, the two fetch times, and a cold snapshot to start warm fetches from.
 */
import { afterEach, expect } from 'vitest';
import { fetchTracking } from '../../src/lib/github/fetch.ts';
import type { TrackingSnapshot } from '../../src/lib/github/schema.ts';
import type { FetchTrackingResult } from '../../src/lib/github/fetch.ts';
import type { FakeGitHub, FakeGitHubData } from '../../tools/github/fake-github.ts';
import { startFakeGitHub } from '../../tools/github/fake-github.ts';
import { FAST_CLIENT, configFor } from './helpers.ts';

/** The first fetch, and the next one a day later. */
export const T0 = new Date('2026-11-29T06:00:00Z');
export const T1 = new Date('2026-11-30T06:00:00Z');

/** Returns `start(data)`, which starts a fake GitHub that is closed after the test that started it. */
export function fakeGitHubPerTest(): (data: FakeGitHubData) => Promise<FakeGitHub> {
  let fake: FakeGitHub | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  return async (data) => {
    fake = await startFakeGitHub(data);
    return fake;
  };
}

/** Fetches `numbers` cold (no previous snapshot), expects no problems, and resets the server's counters. */
export async function coldSnapshot(server: FakeGitHub, numbers: readonly number[], now = T0): Promise<TrackingSnapshot> {
  const result = await fetchTracking({ numbers, config: configFor(server), now, clientOptions: FAST_CLIENT });
  expect(result.problems).toEqual([]);
  server.resetCounters();
  return result.snapshot;
}

/** Fetches `numbers` again, starting from `previous`: a day after the cold fetch unless `now` says otherwise. */
export function fetchAgain(
  server: FakeGitHub,
  numbers: readonly number[],
  previous: TrackingSnapshot,
  options: { now?: Date; full?: boolean } = {},
): Promise<FetchTrackingResult> {
  return fetchTracking({ numbers, previous, config: configFor(server), now: options.now ?? T1, clientOptions: FAST_CLIENT, ...options });
}
