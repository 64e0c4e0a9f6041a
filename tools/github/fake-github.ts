/**
 * A fake GitHub API for tests: a real HTTP server on 127.0.0.1 (random port) that executes
 * GraphQL requests against GitHub's published schema (@octokit/graphql-schema) over in-memory
 * fixture issues. Because queries are parsed, validated and executed by graphql-js against the
 * real schema, a query the project sends that GitHub would reject fails here too.
 *
 * It counts requests, can be told to fail in the ways GitHub and networks fail (5xx, hangs,
 * secondary rate limits with retry-after, malformed bodies, echoed credentials), and its data can
 * be changed between runs to exercise warm (incremental) fetches.
 *
 * This module runs the server; fake-github-data.ts holds the fixture types and makers,
 * fake-github-graphql.ts executes queries, fake-github-http.ts writes the answers and failures.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { graphql } from 'graphql';
import type { FakeGitHubData, FakeIssue } from './fake-github-data.ts';
import { createRoot, fieldResolver, githubGraphQLSchema } from './fake-github-graphql.ts';
import { isRecord, readBody, respondWithFailure, sendJson, takeFailure, type FakeFailure } from './fake-github-http.ts';

// The one import path for tests and scripts: fixture data (fake-github-data.ts), the GraphQL API
// (fake-github-graphql.ts) and the HTTP answers and failures (fake-github-http.ts) are parts of this server.
export * from './fake-github-data.ts';
export { githubGraphQLSchema } from './fake-github-graphql.ts';
export type { FakeFailure } from './fake-github-http.ts';

/** A GraphQL request the server received. */
export interface ReceivedGraphQLRequest {
  path: string;
  query: string;
  variables: Record<string, unknown>;
  authorization: string | undefined;
  /** Aliased issue numbers asked for in this request. */
  issueNumbers: number[];
  /** The search strings used, if any. */
  searches: string[];
}

/** Handle on a running fake server. */
export interface FakeGitHub {
  /** Origin, e.g. http://127.0.0.1:43123 */
  readonly url: string;
  /** Environment that points the tracking code at this server. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Mutable fixture data; change it between runs. */
  data: FakeGitHubData;
  /** HTTP requests received (any path, including failed ones). */
  readonly requestCount: number;
  /** GraphQL requests received, in order (including failed ones). */
  readonly graphqlRequests: ReceivedGraphQLRequest[];
  /** Fail the next `times` requests (default 1; Infinity for all). Queued failures apply in order. */
  fail(failure: FakeFailure, times?: number): void;
  /** Forget queued failures. */
  clearFailures(): void;
  /** Reset the request counters and log. */
  resetCounters(): void;
  /** Applies a change to an issue and bumps its updatedAt (as GitHub does). */
  updateIssue(issueNumber: number, change: (issue: FakeIssue) => void, updatedAt: string): void;
  close(): Promise<void>;
}

/**
 * Starts a fake GitHub on 127.0.0.1 with a random port.
 */
export async function startFakeGitHub(initialData: FakeGitHubData): Promise<FakeGitHub> {
  const schema = githubGraphQLSchema();
  const sockets = new Set<Socket>();
  const failures: Array<{ failure: FakeFailure; remaining: number }> = [];
  let requestCount = 0;
  let graphqlRequests: ReceivedGraphQLRequest[] = [];
  let origin = '';

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    requestCount += 1;
    const path = new URL(request.url ?? '/', 'http://fake.invalid').pathname;
    const body = await readBody(request);
    if (request.method === 'GET' && (path === '/' || path === '/api/v3' || path === '/api/v3/')) {
      sendJson(response, 200, { current_user_url: `${origin}/user`, rate_limit_url: `${origin}/rate_limit` });
      return;
    }
    if (request.method !== 'POST' || !path.endsWith('/graphql')) {
      sendJson(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const authorization = request.headers.authorization;
    let payload: { query?: unknown; variables?: unknown; operationName?: unknown } = {};
    try {
      payload = JSON.parse(body) as typeof payload;
    } catch {
      sendJson(response, 400, { message: 'Problems parsing JSON' });
      return;
    }
    const query = typeof payload.query === 'string' ? payload.query : '';
    const variables = isRecord(payload.variables) ? payload.variables : {};
    graphqlRequests.push({
      path,
      query,
      variables,
      authorization,
      issueNumbers: [...query.matchAll(/issue\(number:\s*(\d+)\)/g)].map((match) => Number(match[1])),
      searches: Object.entries(variables)
        .filter(([name, value]) => /Query$/.test(name) && typeof value === 'string')
        .map(([, value]) => String(value)),
    });

    const failure = takeFailure(failures);
    if (failure !== undefined) {
      respondWithFailure(failure, response, authorization);
      return;
    }
    if (authorization === undefined || !/^(token|bearer) \S+$/i.test(authorization)) {
      sendJson(response, 401, {
        message: 'This endpoint requires you to be authenticated.',
        documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
      });
      return;
    }
    const result = await graphql({
      schema,
      source: query,
      variableValues: variables,
      operationName: typeof payload.operationName === 'string' ? payload.operationName : null,
      rootValue: createRoot(fake.data, graphqlRequests.length),
      fieldResolver,
    });
    const errors = result.errors?.map((error) => {
      const type = error.extensions['type'];
      // GitHub's timeout error says neither where nor what kind.
      if (error.extensions['githubTimeout'] === true) return { message: error.message };
      return {
        ...(typeof type === 'string' ? { type } : {}),
        path: error.path,
        locations: error.locations,
        message: error.message,
      };
    });
    sendJson(response, 200, { ...(result.data === undefined ? {} : { data: result.data }), ...(errors === undefined ? {} : { errors }) });
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      sendJson(response, 500, { message: `fake server error: ${error instanceof Error ? error.message : String(error)}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const fake: FakeGitHub = {
    url: origin,
    env(extra = {}) {
      return {
        GITHUB_API_URL: origin,
        GITHUB_GRAPHQL_URL: `${origin}/graphql`,
        GITHUB_SERVER_URL: 'https://github.com',
        TRACKING_REPO: fake.data.repository,
        ...extra,
      };
    },
    data: initialData,
    get requestCount() {
      return requestCount;
    },
    get graphqlRequests() {
      return graphqlRequests;
    },
    fail(failure, times = 1) {
      failures.push({ failure, remaining: times });
    },
    clearFailures() {
      failures.length = 0;
    },
    resetCounters() {
      requestCount = 0;
      graphqlRequests = [];
    },
    updateIssue(issueNumber, change, updatedAt) {
      const issue = fake.data.issues.find((candidate) => candidate.number === issueNumber);
      if (issue === undefined) throw new Error(`fixture has no issue #${issueNumber}`);
      change(issue);
      issue.updatedAt = updatedAt;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
  return fake;
}
