/**
 * The fake GitHub's GraphQL API (tools/github/fake-github.ts): GitHub's published schema
 * (@octokit/graphql-schema) executed by graphql-js over the fixture data, so a query GitHub would
 * reject fails here too; connections paginate and search understands the qualifiers the project uses.
 */
import { schema as githubSchema } from '@octokit/graphql-schema';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { GraphQLError, buildSchema, defaultFieldResolver } from 'graphql';
import { GITHUB_TIMEOUT_MESSAGE, type FakeGitHubData, type FakeIssue } from './fake-github-data.ts';

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

/** Resolves fields by name, calling functions with GraphQL arguments (as graphql-js does by default). */
export const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
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
export function createRoot(data: FakeGitHubData, requestNumber: number): Record<string, unknown> {
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
