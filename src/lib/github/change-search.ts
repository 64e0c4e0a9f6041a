/**
 * Change search for warm fetches: which tracked issues changed since the previous snapshot.
 * Issues updated since then, issues closed by pull requests updated since then, and issues whose
 * known linked pull requests were updated (merging a PR does not bump the issue's `updatedAt`).
 */
import type { GitHubClient, GraphQLResult } from './client.ts';
import type { TrackingConfig } from './config.ts';
import { repositoryName } from './config.ts';
import { CHANGES_QUERY, changeSearchQueries } from './query.ts';
import { SearchIssueNode, SearchPage, SearchPullRequestNode } from './response-schema.ts';
import type { TrackingSnapshot } from './schema.ts';

/** Issues updated this long before the previous snapshot are searched again (clock skew, search-index lag). */
export const CHANGE_SEARCH_OVERLAP_MS = 10 * 60 * 1000;
/** GitHub search returns at most 1000 results; beyond that a full fetch is cheaper and complete. */
const MAX_SEARCH_PAGES = 10;

/**
 * Tracked issues that changed since `since`: issues updated since then, issues closed by pull
 * requests updated since then, and issues whose known linked pull requests were updated.
 *
 * @throws when GitHub cannot answer completely (the caller falls back to a full fetch)
 */
export async function findChangedIssues(
  client: GitHubClient,
  config: TrackingConfig,
  since: Date,
  tracked: ReadonlySet<number>,
  previous: TrackingSnapshot,
  onResponse: (data: Record<string, unknown> | null) => void,
): Promise<Set<number>> {
  const trackedRepository = repositoryName(config.repository).toLowerCase();
  const issuesByPullRequest = new Map<string, number[]>();
  for (const state of Object.values(previous.issues)) {
    for (const pullRequest of [...state.pullRequests, ...(state.mentionedPullRequests ?? [])]) {
      const key = `${pullRequest.repository.toLowerCase()}#${pullRequest.number}`;
      issuesByPullRequest.set(key, [...(issuesByPullRequest.get(key) ?? []), state.number]);
    }
  }
  const changed = new Set<number>();
  const addIfTracked = (issueNumber: number) => {
    if (tracked.has(issueNumber)) changed.add(issueNumber);
  };
  let issueCursor: string | null = null;
  let pullRequestCursor: string | null = null;
  let issuesDone = false;
  let pullRequestsDone = false;
  for (let page = 0; !(issuesDone && pullRequestsDone); page += 1) {
    if (page >= MAX_SEARCH_PAGES) throw new Error('too many changes to list with search');
    const result: GraphQLResult = await client.graphql(CHANGES_QUERY, {
      ...changeSearchQueries(config.repository, since),
      issueCursor,
      pullRequestCursor,
      skipIssues: issuesDone,
      skipPullRequests: pullRequestsDone,
    });
    onResponse(result.data);
    if (result.errors.length > 0) throw new Error(`search failed: ${result.errors.map((entry) => entry.message).join('; ')}`);
    if (!issuesDone) {
      const issues = SearchPage.parse(result.data?.['issues']);
      for (const node of issues.nodes) {
        const parsed = SearchIssueNode.safeParse(node);
        if (parsed.success) addIfTracked(parsed.data.number);
      }
      issuesDone = !issues.pageInfo.hasNextPage;
      issueCursor = issues.pageInfo.endCursor;
    }
    if (!pullRequestsDone) {
      const pullRequests = SearchPage.parse(result.data?.['pullRequests']);
      for (const node of pullRequests.nodes) {
        const parsed = SearchPullRequestNode.safeParse(node);
        if (!parsed.success) continue;
        const pullRequest = parsed.data;
        for (const issueNumber of issuesByPullRequest.get(`${pullRequest.repository.nameWithOwner.toLowerCase()}#${pullRequest.number}`) ??
          []) {
          addIfTracked(issueNumber);
        }
        for (const closed of pullRequest.closingIssuesReferences?.nodes ?? []) {
          if (closed !== null && closed.repository.nameWithOwner.toLowerCase() === trackedRepository) addIfTracked(closed.number);
        }
      }
      pullRequestsDone = !pullRequests.pageInfo.hasNextPage;
      pullRequestCursor = pullRequests.pageInfo.endCursor;
    }
  }
  return changed;
}
