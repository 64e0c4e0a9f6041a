/**
 * Shared helpers for the tracking tests: generated fixture issues, a config pointing at the fake
 * server, and client options that keep retries and timeouts fast.
 */
import type { GitHubClientOptions } from '../../src/lib/github/client.ts';
import type { TrackingConfig } from '../../src/lib/github/config.ts';
import { readTrackingConfig } from '../../src/lib/github/config.ts';
import type { TrackingLogger } from '../../src/lib/github/log.ts';
import type { FakeGitHub, FakeGitHubData } from '../../tools/github/fake-github.ts';
import { makeIssue } from '../../tools/github/fake-github.ts';

/** A token that must never show up in any output. */
export const SECRET_TOKEN = 'ghp_TopSecretToken1234567890abcdefABCD';

/**
 * Retries and retry-after are honoured but scaled to milliseconds, and octokit's one-second
 * spacing of GraphQL requests is off (a local server needs none). The timeout stays generous so
 * that a busy CI machine does not turn slow answers into failures.
 */
export const FAST_CLIENT: GitHubClientOptions = { spaceRequests: false, delayScaleMs: 2, timeoutMs: 5000, retries: 2, rateLimitRetries: 2 };

/** For tests where the server hangs on purpose: a short per-attempt timeout. */
export const HANG_CLIENT: GitHubClientOptions = { ...FAST_CLIENT, timeoutMs: 300 };

/** Config for the fake server, with the secret token. */
export function configFor(fake: FakeGitHub, extra: Record<string, string> = {}): TrackingConfig {
  return readTrackingConfig(fake.env({ GITHUB_TOKEN: SECRET_TOKEN, ...extra }));
}

export { makeIssue } from '../../tools/github/fake-github.ts';

/** Fixture data with issues numbered from 5000 upwards. */
export function manyIssues(count: number): FakeGitHubData {
  return {
    repository: 'kubevirt/project-infra',
    issues: Array.from({ length: count }, (_, index) => makeIssue(5000 + index)),
    pullRequests: [],
  };
}

/** A logger that remembers everything, to check what would have been printed. */
export function recordingLogger(): TrackingLogger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    debug: (message) => lines.push(`debug: ${message}`),
  };
}
