/**
 * Configuration of the tracking-issue enrichment, read from environment variables.
 *
 * Everything has a default that matches KubeVirt SIG-CI's setup, so a build without any
 * variable set works (it reads the committed snapshot). Invalid values fail loudly with a
 * message naming the variable, because a silently ignored typo would make the build report
 * wrong tracking data.
 */
import path from 'node:path';
import { catalogueKinds } from '../cep/catalogue-kind.ts';
import { ConfigurationError, readEnvironment } from '../config/environment.ts';

/** The repository that holds the tracking issues. */
export interface TrackingRepository {
  owner: string;
  name: string;
}

/** Resolved configuration for fetching and storing tracking-issue state. */
export interface TrackingConfig {
  /**
   * GitHub token (GITHUB_TOKEN, or GH_TOKEN). Stored as a non-enumerable property so that
   * logging or serialising the config cannot leak it.
   */
  readonly token?: string;
  /** REST API base URL (GITHUB_API_URL), without trailing slash. */
  apiUrl: string;
  /** GraphQL endpoint (GITHUB_GRAPHQL_URL). */
  graphqlUrl: string;
  /**
   * Web origin of the GitHub server (GITHUB_SERVER_URL, else derived from apiUrl); links
   * to it are the only ones kept from untrusted data besides https://github.com.
   */
  htmlUrl: string;
  /** Repository holding the tracking issues (TRACKING_REPO, `owner/name`). */
  repository: TrackingRepository;
  /** Label every SIG-CI tracking issue should carry (TRACKING_SIG_LABEL). */
  sigLabel: string;
  /**
   * Matches a release-target label; capture group 1 is the release as `vX.Y`
   * (built from TRACKING_TARGET_LABEL, a template with a `<release>` placeholder).
   */
  targetLabelPattern: RegExp;
  /** Recognises a check-in comment by its first line (TRACKING_CHECKIN_REGEX overrides). */
  checkInPattern: RegExp;
  /** Fail the build/sync when any tracking issue could not be refreshed (TRACKING_STRICT=1). */
  strict: boolean;
  /** Committed snapshot used by builds without a token (TRACKING_SNAPSHOT). */
  snapshotPath: string;
  /** Directory for the last fetched snapshot, which makes warm rebuilds cheap (TRACKING_CACHE_DIR). */
  cacheDir: string;
  /**
   * Entries older than this are refetched even if the change search does not list them
   * (TRACKING_MAX_AGE_HOURS). Needed because board status changes and PRs in other
   * repositories do not bump the issue's `updatedAt`.
   */
  maxAgeHours: number;
  /**
   * Owners (organisations or users) whose repositories' pull requests count as the proposal's work
   * when they merely cross-reference the tracking issue (TRACKING_PR_OWNERS, comma-separated;
   * default: the owner of the tracking repository). Mentions from elsewhere, such as forks, are
   * shown apart as "mentioned in".
   */
  pullRequestOwners?: readonly string[];
}

/** Raised for an invalid configuration value; the message names the variable (one error class for all configuration). */
export const TrackingConfigError = ConfigurationError;

/** Environment variables as Node exposes them. */
export type Environment = Readonly<Record<string, string | undefined>>;

const DEFAULT_REPOSITORY = 'kubevirt/project-infra';
const DEFAULT_SIG_LABEL = 'sig/ci';
const DEFAULT_TARGET_LABEL = 'target/<release>';
const RELEASE_PLACEHOLDER = '<release>';
const DEFAULT_SNAPSHOT_PATH = 'content/tracking.snapshot.json';
const DEFAULT_CACHE_DIR = 'node_modules/.astro/tracking';
const DEFAULT_MAX_AGE_HOURS = 24;

/**
 * Default check-in recognition, applied to the first non-empty line of a comment:
 * "check-in" or "weekly check-in", any case, optionally behind a markdown heading (`#`..`######`)
 * and/or bold/italic markers (`**`, `__`, `*`, `_`). Examples that match: "## Weekly check-in",
 * "**Check-in 2026-11-20**", "__Check-in__", "check-in: all green". "I'll check in tomorrow",
 * "Check-ins happen on Mondays" and "Checking in" do not. (The end is not `\b` because `_` is a
 * word character, which would reject "__Check-in__".)
 */
export const DEFAULT_CHECK_IN_PATTERN = /^\s*(?:#{1,6}\s*)?(?:[*_]{1,3}\s*)?(?:weekly\s+)?check-in(?![A-Za-z0-9])/i;

/** GitHub owner and repository names: letters, digits, `-`, `_`, `.`. */
const REPOSITORY_PART = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,99})$/;

/**
 * Reads the tracking configuration from the environment (checked by the one schema in
 * src/lib/config/environment.ts).
 *
 * @param env environment variables (defaults to `process.env`)
 * @param root directory that relative paths are resolved against (defaults to the cwd)
 * @throws ConfigurationError naming the variable when a value is invalid
 */
export function readTrackingConfig(env: Environment = process.env, root: string = process.cwd()): TrackingConfig {
  const variables = readEnvironment(env);
  const apiUrl = (variables.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  const graphqlUrl = (variables.GITHUB_GRAPHQL_URL ?? defaultGraphqlUrl(apiUrl)).replace(/\/+$/, '');
  const htmlUrl = variables.GITHUB_SERVER_URL ?? defaultHtmlUrl(apiUrl);
  const sigLabel = variables.TRACKING_SIG_LABEL ?? DEFAULT_SIG_LABEL;
  if (sigLabel.length > 100)
    throw new ConfigurationError(`TRACKING_SIG_LABEL must be a label name of 1 to 100 characters, got ${JSON.stringify(sigLabel)}.`);
  const config: TrackingConfig = {
    apiUrl,
    graphqlUrl,
    htmlUrl: new URL(htmlUrl).origin,
    repository: parseRepository(variables.TRACKING_REPO ?? catalogueKinds[variables.CATALOGUE_KIND].trackingRepository),
    sigLabel,
    targetLabelPattern: compileTargetLabelPattern(variables.TRACKING_TARGET_LABEL ?? DEFAULT_TARGET_LABEL),
    checkInPattern: compileCheckInPattern(variables.TRACKING_CHECKIN_REGEX),
    strict: variables.TRACKING_STRICT,
    snapshotPath: path.resolve(root, variables.TRACKING_SNAPSHOT ?? DEFAULT_SNAPSHOT_PATH),
    cacheDir: path.resolve(root, variables.TRACKING_CACHE_DIR ?? DEFAULT_CACHE_DIR),
    maxAgeHours: variables.TRACKING_MAX_AGE_HOURS ?? DEFAULT_MAX_AGE_HOURS,
  };
  const owners = variables.TRACKING_PR_OWNERS;
  if (owners !== undefined) {
    const list = owners
      .split(',')
      .map((owner) => owner.trim())
      .filter((owner) => owner !== '');
    const bad = list.find((owner) => !REPOSITORY_PART.test(owner));
    if (bad !== undefined)
      throw new TrackingConfigError(
        `TRACKING_PR_OWNERS must list GitHub owners separated by commas (e.g. kubevirt,nmstate), got ${JSON.stringify(bad)}.`,
      );
    config.pullRequestOwners = list;
  }
  const token = variables.GITHUB_TOKEN ?? variables.GH_TOKEN;
  if (token !== undefined) {
    Object.defineProperty(config, 'token', { value: token, enumerable: false, writable: false });
  }
  return config;
}

/** `owner/name` form of the configured repository. */
export function repositoryName(repository: TrackingRepository): string {
  return `${repository.owner}/${repository.name}`;
}

/**
 * Parses `owner/name`.
 *
 * @throws TrackingConfigError when the value is not of that form
 */
export function parseRepository(value: string): TrackingRepository {
  const parts = value.trim().split('/');
  const [owner, name] = parts;
  if (parts.length !== 2 || owner === undefined || name === undefined || !REPOSITORY_PART.test(owner) || !REPOSITORY_PART.test(name)) {
    throw new TrackingConfigError(`TRACKING_REPO must look like "owner/name" (e.g. ${DEFAULT_REPOSITORY}), got ${JSON.stringify(value)}.`);
  }
  return { owner, name };
}

/**
 * Turns a label template such as `target/<release>` into an anchored, case-insensitive pattern
 * whose first capture group is the release (`v1.10`). The rest of the template is literal.
 *
 * @throws TrackingConfigError when the template has no `<release>` placeholder
 */
export function compileTargetLabelPattern(template: string): RegExp {
  const at = template.indexOf(RELEASE_PLACEHOLDER);
  if (at < 0 || template.indexOf(RELEASE_PLACEHOLDER, at + 1) >= 0) {
    throw new TrackingConfigError(
      `TRACKING_TARGET_LABEL must contain the placeholder ${RELEASE_PLACEHOLDER} exactly once (e.g. "target/<release>"), got ${JSON.stringify(template)}.`,
    );
  }
  const before = escapeRegExp(template.slice(0, at));
  const after = escapeRegExp(template.slice(at + RELEASE_PLACEHOLDER.length));
  return new RegExp(`^${before}(v\\d+\\.\\d+)${after}$`, 'i');
}

/**
 * Compiles TRACKING_CHECKIN_REGEX: either a bare pattern (matched case-insensitively) or
 * `/pattern/flags`. Without a value, {@link DEFAULT_CHECK_IN_PATTERN} is used.
 *
 * @throws TrackingConfigError when the pattern does not compile
 */
export function compileCheckInPattern(source: string | undefined): RegExp {
  if (source === undefined) return DEFAULT_CHECK_IN_PATTERN;
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(source);
  // The global/sticky flags make RegExp.test stateful, which would skip every other comment.
  const pattern = literal?.[1] ?? source;
  const flags = (literal?.[2] ?? 'i').replace(/[gy]/g, '');
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new TrackingConfigError(`TRACKING_CHECKIN_REGEX is not a valid regular expression (${detail}).`);
  }
}

function defaultGraphqlUrl(apiUrl: string): string {
  // GitHub Enterprise Server serves REST under /api/v3 and GraphQL under /api/graphql.
  if (/\/api\/v3$/.test(apiUrl)) return apiUrl.replace(/\/api\/v3$/, '/api/graphql');
  return `${apiUrl}/graphql`;
}

function defaultHtmlUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  return url.origin;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
