/**
 * A fake GitHub API for tests: a real HTTP server on 127.0.0.1 (random port) that executes
 * GraphQL requests against GitHub's published schema (@octokit/graphql-schema) over in-memory
 * fixture issues. Because queries are parsed, validated and executed by graphql-js against the
 * real schema, a query the project sends that GitHub would reject fails here too.
 *
 * It counts requests, can be told to fail in the ways GitHub and networks fail (5xx, hangs,
 * secondary rate limits with retry-after, malformed bodies, echoed credentials), and its data can
 * be changed between runs to exercise warm (incremental) fetches.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { schema as githubSchema } from '@octokit/graphql-schema';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { GraphQLError, buildSchema, defaultFieldResolver, graphql } from 'graphql';

/** Issue state as GitHub's GraphQL API spells it. */
export type FakeIssueState = 'OPEN' | 'CLOSED';
/** Issue state reason as GitHub's GraphQL API spells it. */
export type FakeStateReason = 'COMPLETED' | 'NOT_PLANNED' | 'REOPENED' | 'DUPLICATE';

/** A comment on a fixture issue. */
export interface FakeComment {
  author: string | null;
  body: string;
  createdAt: string;
  /** Defaults to the issue URL plus `#issuecomment-<n>`. */
  url?: string;
}

/** A pull request that fixture issues can link to, referenced as "owner/name#number". */
export interface FakePullRequest {
  repository: string;
  number: number;
  title: string;
  state: 'OPEN' | 'MERGED' | 'CLOSED';
  isDraft?: boolean;
  mergedAt?: string | null;
  updatedAt: string;
  /** Defaults to https://github.com/<repository>/pull/<number>. */
  url?: string;
  /** Numbers of issues in the tracked repository this PR closes (for closingIssuesReferences). */
  closes?: number[];
}

/** An item of a fixture issue on a project board. */
export interface FakeProjectItem {
  project: { title: string; number: number; url?: string };
  status?: string;
  release?: string;
  iteration?: string;
  archived?: boolean;
}

/** A fixture issue. */
export interface FakeIssue {
  number: number;
  title: string;
  state: FakeIssueState;
  stateReason?: FakeStateReason | null;
  labels?: Array<{ name: string; color: string }>;
  milestone?: { title: string; dueOn: string | null } | null;
  assignees?: string[];
  author?: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt?: string | null;
  comments?: FakeComment[];
  /** PR keys ("owner/name#123") GitHub lists as closing this issue (closing keywords or manual link). */
  closingPullRequests?: string[];
  /** PR keys that mention this issue (CROSS_REFERENCED_EVENT). */
  crossReferences?: string[];
  /** PR keys manually connected to this issue (CONNECTED_EVENT). */
  connectedPullRequests?: string[];
  projectItems?: FakeProjectItem[];
  /** When set, the issue was transferred: GitHub resolves the old number to the issue at its new home. */
  transferredTo?: { repository: string; number: number };
  /** Defaults to https://github.com/<repository>/issues/<number>. */
  url?: string;
  /** Resolving this issue fails with a FORBIDDEN error (e.g. an org restricting token access). */
  forbidden?: boolean;
  /** Issue description (markdown); GitHub gives "" when there is none. */
  body?: string;
  /**
   * Resolving this issue times out the next `timesOut` times (Infinity: always), the way GitHub
   * answers a batch partly: the other issues come back, this one is null, and the error carries
   * GitHub's usual timeout message with no path and no type.
   */
  timesOut?: number;
}

/** GitHub's message when part of a query ran out of time. */
export const GITHUB_TIMEOUT_MESSAGE =
  'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include `C0DE:1234:5678` when reporting this issue.';

/** Everything the fake server knows. */
export interface FakeGitHubData {
  /** The repository holding the issues, "owner/name". */
  repository: string;
  issues: FakeIssue[];
  pullRequests: FakePullRequest[];
}

/** Ways the next request(s) can fail. */
export type FakeFailure =
  | { type: 'status'; status: number; message?: string }
  | { type: 'hang' }
  | { type: 'secondary-rate-limit'; status: 403 | 429; retryAfter: number }
  | { type: 'rate-limited'; resetInSeconds: number }
  | { type: 'malformed-json' }
  | { type: 'graphql-error'; message: string }
  | { type: 'echo-authorization'; status: number };

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

let cachedSchema: GraphQLSchema | undefined;

/**
 * GitHub's published schema as graphql-js objects.
 *
 * `assumeValidSDL` is needed because the published SDL (15.26.1) defines
 * EnterpriseOwnerInfo.repositoryDeployKeySetting twice, which buildSchema's SDL validation rejects;
 * queries are still fully validated against the resulting schema.
 */
export function githubGraphQLSchema(): GraphQLSchema {
  cachedSchema ??= buildSchema(githubSchema.idl, { assumeValidSDL: true });
  return cachedSchema;
}

/** Default colour for a fixture label name. */
export function fixtureLabel(name: string): { name: string; color: string } {
  const colors: Record<string, string> = { 'sig/ci': 'bfd4f2', 'kind/enhancement': 'c7def8', 'lifecycle/stale': '795548' };
  if (name.startsWith('target/')) return { name, color: '0e8a16' };
  return { name, color: colors[name] ?? 'ededed' };
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

function takeFailure(failures: Array<{ failure: FakeFailure; remaining: number }>): FakeFailure | undefined {
  const next = failures[0];
  if (next === undefined) return undefined;
  next.remaining -= 1;
  if (next.remaining <= 0) failures.shift();
  return next.failure;
}

function respondWithFailure(failure: FakeFailure, response: http.ServerResponse, authorization: string | undefined): void {
  switch (failure.type) {
    case 'status':
      sendJson(response, failure.status, { message: failure.message ?? http.STATUS_CODES[failure.status] ?? 'error' });
      return;
    case 'hang':
      // Never answer; the client's timeout has to fire. close() destroys the socket.
      return;
    case 'secondary-rate-limit':
      sendJson(
        response,
        failure.status,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#secondary-rate-limits',
        },
        { 'retry-after': String(failure.retryAfter) },
      );
      return;
    case 'rate-limited':
      sendJson(
        response,
        200,
        { data: null, errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + failure.resetInSeconds) },
      );
      return;
    case 'malformed-json':
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"data": {"repository": {"issue4101": {"number": 41');
      return;
    case 'graphql-error':
      sendJson(response, 200, { data: null, errors: [{ message: failure.message }] });
      return;
    case 'echo-authorization':
      // Simulates a misbehaving proxy that echoes request headers into its error body.
      sendJson(response, failure.status, { message: `Upstream rejected the request with Authorization: ${authorization ?? '(none)'}` });
      return;
  }
}

/** Resolves fields by name, calling functions with GraphQL arguments (as graphql-js does by default). */
const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  return defaultFieldResolver(source, args, context, info);
};

interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
}

function connection<T>(items: readonly T[], args: ConnectionArgs): Record<string, unknown> {
  if (args.first == null && args.last == null) {
    throw new GraphQLError('You must provide a `first` or `last` value to properly paginate the connection.');
  }
  if ((args.first ?? 0) > 100 || (args.last ?? 0) > 100) {
    throw new GraphQLError('Requesting more than 100 records on the connection is not allowed.');
  }
  const start = args.after != null ? Number(Buffer.from(args.after, 'base64').toString('utf8').replace('cursor:', '')) + 1 : 0;
  let indexes = items.map((_, index) => index).slice(start);
  if (args.first != null) indexes = indexes.slice(0, args.first);
  if (args.last != null) indexes = indexes.slice(-args.last);
  const cursor = (index: number) => Buffer.from(`cursor:${index}`).toString('base64');
  const firstIndex = indexes[0];
  const lastIndex = indexes[indexes.length - 1];
  return {
    totalCount: items.length,
    nodes: indexes.map((index) => items[index]),
    edges: indexes.map((index) => ({ cursor: cursor(index), node: items[index] })),
    pageInfo: {
      hasNextPage: lastIndex !== undefined && lastIndex < items.length - 1,
      hasPreviousPage: firstIndex !== undefined && firstIndex > 0,
      startCursor: firstIndex === undefined ? null : cursor(firstIndex),
      endCursor: lastIndex === undefined ? null : cursor(lastIndex),
    },
  };
}

function actor(login: string | null | undefined): Record<string, unknown> | null {
  if (login == null) return null;
  const bot = /\[bot\]$/.test(login);
  return { __typename: bot ? 'Bot' : 'User', login: bot ? login.replace(/\[bot\]$/, '') : login, url: `https://github.com/${login}` };
}

function repositoryObject(nameWithOwner: string): Record<string, unknown> {
  const [owner, name] = nameWithOwner.split('/');
  return { __typename: 'Repository', nameWithOwner, name, owner: { __typename: 'Organization', login: owner } };
}

/** Root value of one request: the Query fields, resolved lazily over the fixture data. */
function createRoot(data: FakeGitHubData, requestNumber: number): Record<string, unknown> {
  const pullRequestsByKey = new Map(
    data.pullRequests.map((pullRequest) => [`${pullRequest.repository}#${pullRequest.number}`, pullRequest]),
  );
  const pullRequestObject = (key: string): Record<string, unknown> => {
    const pullRequest = pullRequestsByKey.get(key);
    if (pullRequest === undefined) throw new Error(`fixture references unknown pull request ${key}`);
    return {
      __typename: 'PullRequest',
      number: pullRequest.number,
      title: pullRequest.title,
      url: pullRequest.url ?? `https://github.com/${pullRequest.repository}/pull/${pullRequest.number}`,
      state: pullRequest.state,
      isDraft: pullRequest.isDraft ?? false,
      mergedAt: pullRequest.mergedAt ?? null,
      updatedAt: pullRequest.updatedAt,
      repository: repositoryObject(pullRequest.repository),
      closingIssuesReferences: (args: ConnectionArgs) =>
        connection(
          (pullRequest.closes ?? []).map((issueNumber) => ({
            __typename: 'Issue',
            number: issueNumber,
            repository: repositoryObject(data.repository),
          })),
          args,
        ),
    };
  };

  const issueObject = (issue: FakeIssue): Record<string, unknown> => {
    const home = issue.transferredTo?.repository ?? data.repository;
    const issueNumber = issue.transferredTo?.number ?? issue.number;
    const url = issue.url ?? `https://github.com/${home}/issues/${issueNumber}`;
    const timeline = [
      ...(issue.crossReferences ?? []).map((key) => ({ __typename: 'CrossReferencedEvent', source: pullRequestObject(key) })),
      ...(issue.connectedPullRequests ?? []).map((key) => ({ __typename: 'ConnectedEvent', source: pullRequestObject(key) })),
    ];
    return {
      __typename: 'Issue',
      number: issueNumber,
      url,
      title: issue.title,
      body: issue.body ?? '',
      state: issue.state,
      stateReason: ({ enableDuplicate }: { enableDuplicate?: boolean }) =>
        issue.stateReason === 'DUPLICATE' && enableDuplicate !== true ? 'COMPLETED' : (issue.stateReason ?? null),
      createdAt: issue.createdAt,
      updatedAt: issue.updatedAt,
      closedAt: issue.closedAt ?? null,
      author: actor(issue.author === undefined ? 'octocat' : issue.author),
      repository: repositoryObject(home),
      labels: (args: ConnectionArgs) =>
        connection(
          (issue.labels ?? []).map((label) => ({ __typename: 'Label', ...label })),
          args,
        ),
      milestone: issue.milestone == null ? null : { __typename: 'Milestone', ...issue.milestone },
      assignees: (args: ConnectionArgs) =>
        connection(
          (issue.assignees ?? []).map((login) => actor(login)),
          args,
        ),
      comments: (args: ConnectionArgs) =>
        connection(
          (issue.comments ?? []).map((comment, index) => ({
            __typename: 'IssueComment',
            author: actor(comment.author),
            body: comment.body,
            createdAt: comment.createdAt,
            url: comment.url ?? `${url}#issuecomment-${issueNumber * 1000 + index}`,
          })),
          args,
        ),
      closedByPullRequestsReferences: (args: ConnectionArgs & { includeClosedPrs?: boolean }) =>
        connection(
          (issue.closingPullRequests ?? [])
            .map(pullRequestObject)
            .filter((pullRequest) => args.includeClosedPrs === true || pullRequest['state'] === 'OPEN'),
          args,
        ),
      timelineItems: (args: ConnectionArgs & { itemTypes?: string[] | null }) => {
        const wanted = args.itemTypes?.map((itemType) => itemType.toLowerCase().replace(/_/g, ''));
        const items = wanted === undefined ? timeline : timeline.filter((item) => wanted.includes(item.__typename.toLowerCase()));
        return connection(items, args);
      },
      projectItems: (args: ConnectionArgs & { includeArchived?: boolean }) =>
        connection(
          (issue.projectItems ?? [])
            .filter((item) => args.includeArchived !== false || item.archived !== true)
            .map((item) => ({
              __typename: 'ProjectV2Item',
              isArchived: item.archived ?? false,
              project: {
                __typename: 'ProjectV2',
                title: item.project.title,
                number: item.project.number,
                url: item.project.url ?? `https://github.com/orgs/kubevirt/projects/${item.project.number}`,
              },
              fieldValues: (fieldArgs: ConnectionArgs) =>
                connection(
                  [
                    // Real boards always have a Title text field; the client must ignore it.
                    {
                      __typename: 'ProjectV2ItemFieldTextValue',
                      text: issue.title,
                      field: { __typename: 'ProjectV2Field', name: 'Title' },
                    },
                    ...(item.status === undefined
                      ? []
                      : [
                          {
                            __typename: 'ProjectV2ItemFieldSingleSelectValue',
                            name: item.status,
                            field: { __typename: 'ProjectV2SingleSelectField', name: 'Status' },
                          },
                        ]),
                    ...(item.release === undefined
                      ? []
                      : [
                          {
                            __typename: 'ProjectV2ItemFieldSingleSelectValue',
                            name: item.release,
                            field: { __typename: 'ProjectV2SingleSelectField', name: 'Release' },
                          },
                        ]),
                    ...(item.iteration === undefined
                      ? []
                      : [
                          {
                            __typename: 'ProjectV2ItemFieldIterationValue',
                            title: item.iteration,
                            field: { __typename: 'ProjectV2IterationField', name: 'Iteration' },
                          },
                        ]),
                  ],
                  fieldArgs,
                ),
            })),
          args,
        ),
    };
  };

  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const nameWithOwner = `${owner}/${name}`;
      if (nameWithOwner.toLowerCase() !== data.repository.toLowerCase()) {
        throw new GraphQLError(`Could not resolve to a Repository with the name '${nameWithOwner}'.`, {
          extensions: { type: 'NOT_FOUND' },
        });
      }
      return {
        ...repositoryObject(data.repository),
        issue: ({ number }: { number: number }) => {
          const issue = data.issues.find((candidate) => candidate.number === number);
          if (issue === undefined) {
            throw new GraphQLError(`Could not resolve to an Issue with the number of ${number}.`, { extensions: { type: 'NOT_FOUND' } });
          }
          if (issue.timesOut !== undefined && issue.timesOut > 0) {
            issue.timesOut -= 1;
            throw new GraphQLError(GITHUB_TIMEOUT_MESSAGE, { extensions: { githubTimeout: true } });
          }
          if (issue.forbidden === true) {
            throw new GraphQLError('Resource not accessible by personal access token', { extensions: { type: 'FORBIDDEN' } });
          }
          return issueObject(issue);
        },
      };
    },
    search: (args: ConnectionArgs & { query: string; type: string }) => {
      if (args.type !== 'ISSUE') throw new GraphQLError(`fake search supports type ISSUE only, got ${args.type}`);
      const filter = parseSearch(args.query);
      const issues =
        filter.kind === 'pr'
          ? []
          : data.issues
              .filter(
                (issue) =>
                  issue.transferredTo === undefined &&
                  filter.repository === data.repository.toLowerCase() &&
                  Date.parse(issue.updatedAt) >= filter.updatedSince,
              )
              .map(issueObject);
      const pullRequests =
        filter.kind === 'issue'
          ? []
          : data.pullRequests
              .filter(
                (pullRequest) =>
                  pullRequest.repository.toLowerCase() === filter.repository && Date.parse(pullRequest.updatedAt) >= filter.updatedSince,
              )
              .map((pullRequest) => pullRequestObject(`${pullRequest.repository}#${pullRequest.number}`));
      const results = [...issues, ...pullRequests].sort((left, right) =>
        String(right['updatedAt']).localeCompare(String(left['updatedAt'])),
      );
      const page = connection(results, args);
      return { ...page, issueCount: results.length };
    },
    rateLimit: () => ({
      __typename: 'RateLimit',
      cost: 1,
      limit: 5000,
      nodeCount: 0,
      used: requestNumber,
      remaining: 5000 - requestNumber,
      resetAt: new Date(Date.now() + 3_600_000).toISOString(),
    }),
  };
}

interface SearchFilter {
  kind: 'issue' | 'pr' | 'any';
  repository: string;
  /** Milliseconds since the epoch. */
  updatedSince: number;
}

/** Understands exactly the qualifiers the project uses, and rejects anything else loudly. */
function parseSearch(query: string): SearchFilter {
  const filter: SearchFilter = { kind: 'any', repository: '', updatedSince: Number.NaN };
  for (const token of query.trim().split(/\s+/)) {
    const [qualifier, value = ''] = token.split(/:(.*)/s);
    if (qualifier === 'repo') filter.repository = value.toLowerCase();
    else if (qualifier === 'is' && (value === 'issue' || value === 'pr')) filter.kind = value;
    else if (qualifier === 'updated' && value.startsWith('>=')) {
      const since = new Date(value.slice(2));
      if (Number.isNaN(since.getTime())) throw new GraphQLError(`invalid updated qualifier ${value}`);
      filter.updatedSince = since.getTime();
    } else throw new GraphQLError(`fake search does not understand ${JSON.stringify(token)}`);
  }
  if (filter.repository === '' || Number.isNaN(filter.updatedSince))
    throw new GraphQLError('fake search needs repo: and updated:>= qualifiers');
  return filter;
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A plain open issue with the sig/ci label; override what a test cares about. */
export function makeIssue(issueNumber: number, overrides: Partial<FakeIssue> = {}): FakeIssue {
  return {
    number: issueNumber,
    title: `Tracking issue ${issueNumber}`,
    state: 'OPEN',
    labels: [fixtureLabel('sig/ci')],
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}
