/**
 * A small GraphQL client on top of octokit, configured for unattended builds:
 *
 * - bounded retries of network errors, timeouts and 5xx (octokit's retry plugin);
 * - rate-limit and secondary-rate-limit handling that honours `retry-after` but gives up after
 *   a few attempts or when the wait would be too long (octokit's throttling plugin);
 * - a per-attempt timeout, so a hanging connection fails instead of stalling the build;
 * - every HTTP request counted, and every message redacted of the token.
 *
 * Errors come out as {@link GitHubRequestError} with a one-line, token-free message; partial
 * GraphQL results (data plus errors, e.g. NOT_FOUND for one aliased issue) are returned, not thrown.
 */
import { Octokit } from 'octokit';
import type { TrackingConfig } from './config.ts';
import { TrackingConfigError } from './config.ts';
import type { TrackingLogger } from './log.ts';
import { redactSecret, redactingLogger, silentLogger } from './log.ts';

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  /** GitHub's error type, e.g. NOT_FOUND, FORBIDDEN, RATE_LIMITED. */
  type?: string;
  /** Response path of the field that failed, e.g. ["repository", "issue4101"]. */
  path?: ReadonlyArray<string | number>;
}

/** A GraphQL response: `data` may be partial when `errors` is non-empty. */
export interface GraphQLResult {
  data: Record<string, unknown> | null;
  errors: GraphQLErrorEntry[];
}

/** Kinds of request failure, for messages and tests. */
export type RequestFailureKind = 'network' | 'timeout' | 'http' | 'rate_limited' | 'malformed' | 'graphql';

/** A request to GitHub failed after any retries; the message never contains the token. */
export class GitHubRequestError extends Error {
  override name = 'GitHubRequestError';
  readonly kind: RequestFailureKind;
  readonly status: number | undefined;

  constructor(kind: RequestFailureKind, message: string, status?: number) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

/** Tuning knobs; the defaults suit a CI build, tests shrink the delays. */
export interface GitHubClientOptions {
  /** Per-attempt timeout in milliseconds (default 15 000). */
  timeoutMs?: number;
  /** Retries of network errors, timeouts and 5xx responses (default 2). */
  retries?: number;
  /** Retries after a (secondary) rate limit (default 2). */
  rateLimitRetries?: number;
  /** Longest `retry-after` worth waiting for, in seconds; longer waits fail at once (default 120). */
  maxRetryAfterSeconds?: number;
  /**
   * Milliseconds per second of back-off and `retry-after` (default 1000). Tests set it to a few
   * milliseconds so that retry-after is still honoured proportionally, but quickly.
   */
  delayScaleMs?: number;
  /** Receives retry notices; messages are redacted of the token. */
  logger?: TrackingLogger;
  /** The fetch implementation (default: global fetch). */
  fetch?: typeof globalThis.fetch;
  /**
   * Space requests at least one second apart (default false). octokit's throttling counts every
   * GraphQL request as a write and spaces them so; GitHub asks for that spacing between requests
   * that create content (REST POST/PATCH/PUT/DELETE, GraphQL mutations). This client sends only
   * queries, one at a time, which stays inside GitHub's secondary limits (a query costs 1 of the
   * 2000 points a minute allowed), so a cold fetch need not wait a second per 50 issues.
   */
  spaceRequests?: boolean;
}

/** Sends GraphQL queries to the configured GitHub server. */
export interface GitHubClient {
  /**
   * Runs one GraphQL document.
   *
   * @throws GitHubRequestError when no usable response arrived (after retries)
   */
  graphql(query: string, variables: Record<string, unknown>): Promise<GraphQLResult>;
  /** HTTP requests sent so far, including retries. */
  readonly requestCount: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_RATE_LIMIT_RETRIES = 2;
const DEFAULT_MAX_RETRY_AFTER_SECONDS = 120;
const DEFAULT_DELAY_SCALE_MS = 1000;
/**
 * Statuses octokit's retry plugin must leave alone: client errors are not transient, and 403/429
 * rate limits belong to the throttling plugin, which honours retry-after (retrying them in both
 * plugins would multiply the attempts).
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
const MAX_MESSAGE_LENGTH = 300;

/**
 * Creates a client for the configured GitHub server.
 *
 * @throws TrackingConfigError when the config holds no token (GitHub's GraphQL API requires one)
 */
export function createGitHubClient(config: TrackingConfig, options: GitHubClientOptions = {}): GitHubClient {
  const token = config.token;
  if (token === undefined) {
    throw new TrackingConfigError(
      "GITHUB_TOKEN is not set; GitHub's GraphQL API needs a token (read access to public repositories is enough).",
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const rateLimitRetries = options.rateLimitRetries ?? DEFAULT_RATE_LIMIT_RETRIES;
  const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS;
  const delayScaleMs = options.delayScaleMs ?? DEFAULT_DELAY_SCALE_MS;
  const logger = redactingLogger(options.logger ?? silentLogger, token);
  const baseFetch = options.fetch ?? globalThis.fetch;
  let requestCount = 0;

  // octokit's request layer has no timeout option (it is fetch-based), so each attempt gets its
  // own deadline here; a retried attempt gets a fresh one.
  const timedFetch: typeof globalThis.fetch = (input, init) => {
    requestCount += 1;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return baseFetch(input, { ...init, signal });
  };

  const rateLimitHandler =
    (label: string) =>
    (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean => {
      if (retryCount < rateLimitRetries && retryAfter <= maxRetryAfterSeconds) {
        logger.warn(`GitHub ${label}: retrying in ${retryAfter}s (retry ${retryCount + 1} of ${rateLimitRetries}).`);
        return true;
      }
      logger.warn(`GitHub ${label}: giving up (retry-after ${retryAfter}s, ${retryCount} retries done).`);
      return false;
    };

  const octokit = new Octokit({
    auth: token,
    baseUrl: config.apiUrl,
    userAgent: 'cep-catalogue-tracking',
    log: {
      debug: (message: string) => logger.debug?.(message),
      info: (message: string) => logger.debug?.(message),
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.warn(message),
    },
    request: { fetch: timedFetch },
    retry: { retries: options.retries ?? DEFAULT_RETRIES, retryAfterBaseValue: delayScaleMs, doNotRetry: DO_NOT_RETRY },
    throttle: {
      ...(options.spaceRequests === true ? {} : { write: passThroughGroup }),
      retryAfterBaseValue: delayScaleMs,
      onRateLimit: rateLimitHandler('rate limit exhausted'),
      onSecondaryRateLimit: rateLimitHandler('secondary rate limit'),
    },
  });
  // octokit derives the GraphQL URL from baseUrl + "/graphql"; GITHUB_GRAPHQL_URL may differ
  // (GitHub Enterprise uses /api/graphql), so the endpoint is set explicitly. An absolute url
  // replaces the baseUrl-relative default in @octokit/endpoint.
  const graphqlAtEndpoint = octokit.graphql.defaults({ url: config.graphqlUrl });

  return {
    get requestCount() {
      return requestCount;
    },
    async graphql(query, variables) {
      let data: unknown;
      try {
        data = await graphqlAtEndpoint(query, variables);
      } catch (error) {
        const partial = asGraphqlResponseError(error) ?? asRetriedGraphqlAnswer(error);
        if (partial !== undefined) return partial;
        throw toRequestError(error, token, timeoutMs);
      }
      // A 200 whose body is not GraphQL JSON (a proxy's HTML page, truncated JSON) reaches here
      // as undefined, because octokit hands over the raw text and reads `.data` off it.
      if (!isRecord(data)) {
        throw new GitHubRequestError('malformed', 'GitHub returned a response that is not GraphQL JSON');
      }
      return { data, errors: [] };
    },
  };
}

type OctokitOptions = NonNullable<ConstructorParameters<typeof Octokit>[0]>;
type ThrottleGroup = NonNullable<NonNullable<OctokitOptions['throttle']>['write']>;

/**
 * Stand-in for the throttling plugin's "write" limiter group (a Bottleneck.Group), which spaces
 * POST and GraphQL requests one second apart. The plugin only calls `key(id).schedule(options, task)`
 * on it; running the task at once removes the spacing without touching retries or rate limits.
 */
const passThroughGroup = {
  key: () => ({
    schedule: <T>(_jobOptions: unknown, task: () => T | Promise<T>): Promise<T> => Promise.resolve().then(task),
  }),
} as unknown as ThrottleGroup;

/** octokit throws GraphqlResponseError when `errors` is present, even if `data` is partial. */
function asGraphqlResponseError(error: unknown): GraphQLResult | undefined {
  if (!isRecord(error) || error['name'] !== 'GraphqlResponseError' || !Array.isArray(error['errors'])) return undefined;
  const errors = error['errors'].filter(isRecord).map((entry): GraphQLErrorEntry => {
    const normalized: GraphQLErrorEntry = { message: typeof entry['message'] === 'string' ? entry['message'] : 'unknown GraphQL error' };
    if (typeof entry['type'] === 'string') normalized.type = entry['type'];
    const errorPath = entry['path'];
    if (Array.isArray(errorPath) && errorPath.every((part) => typeof part === 'string' || typeof part === 'number')) {
      normalized.path = errorPath;
    }
    return normalized;
  });
  const data = error['data'];
  return { data: isRecord(data) ? data : null, errors };
}

/**
 * octokit's retry plugin turns GitHub's "Something went wrong while executing your query" answer
 * into an HTTP 500 error and, once its retries are spent, throws it, although the answer holds
 * every issue that did come back. That answer is a GraphQL result, not a failure: hand it on, so
 * the good issues are kept and only the missing ones are asked again.
 */
function asRetriedGraphqlAnswer(error: unknown): GraphQLResult | undefined {
  if (!isRecord(error) || error['name'] !== 'HttpError') return undefined;
  const response = error['response'];
  const body = isRecord(response) ? response['data'] : undefined;
  if (!isRecord(body) || !Array.isArray(body['errors'])) return undefined;
  return asGraphqlResponseError({ name: 'GraphqlResponseError', errors: body['errors'], data: body['data'] });
}

function toRequestError(error: unknown, token: string, timeoutMs: number): GitHubRequestError {
  const clean = (message: string) => oneLine(redactSecret(message, token));
  if (error instanceof GitHubRequestError) return error;
  if (!isRecord(error)) return new GitHubRequestError('network', clean(`request failed: ${String(error)}`));
  const status = typeof error['status'] === 'number' ? error['status'] : undefined;
  const message = typeof error['message'] === 'string' ? error['message'] : 'unknown error';
  const cause = error['cause'];
  const causeName = isRecord(cause) && typeof cause['name'] === 'string' ? cause['name'] : undefined;
  if (error['name'] === 'TimeoutError' || causeName === 'TimeoutError' || error['name'] === 'AbortError') {
    return new GitHubRequestError('timeout', `request timed out after ${timeoutMs} ms`);
  }
  const response = error['response'];
  const headers = isRecord(response) && isRecord(response['headers']) ? response['headers'] : {};
  if ((status === 403 || status === 429) && /rate limit/i.test(message)) {
    const retryAfter = typeof headers['retry-after'] === 'string' ? `, retry-after ${headers['retry-after']}s` : '';
    return new GitHubRequestError('rate_limited', clean(`rate limited by GitHub (HTTP ${status}${retryAfter})`), status);
  }
  if (status === undefined && /rate limit/i.test(message)) {
    return new GitHubRequestError('rate_limited', clean(`rate limited by GitHub: ${message}`));
  }
  if (status === 500 && cause !== undefined && !isRecord(response)) {
    // @octokit/request reports connection failures as status 500 without a response.
    const causeMessage = isRecord(cause) && typeof cause['message'] === 'string' ? cause['message'] : message;
    return new GitHubRequestError('network', clean(`network error: ${causeMessage}`));
  }
  if (status !== undefined) {
    return new GitHubRequestError('http', clean(`HTTP ${status}: ${message}`), status);
  }
  return new GitHubRequestError('network', clean(`request failed: ${message}`));
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
