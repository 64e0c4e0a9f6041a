/**
 * GraphQL documents sent to GitHub.
 *
 * Many issues are fetched in one request by aliasing `issue(number:)` inside one `repository`
 * field (`issue4101: issue(number: 4101) { ...TrackingIssueFields }`), which keeps a cold build
 * of 1000 tracking issues at 20 requests. A warm build first asks the search API what changed.
 * Every document asks for `rateLimit` so the build log can show the remaining budget.
 */
import type { TrackingRepository } from './config.ts';
import { repositoryName } from './config.ts';

/** Most issues put into one query; GitHub allows more, but response size and timeouts grow with it. */
export const MAX_ISSUES_PER_QUERY = 50;
/** Page size of the change search (GitHub's maximum). */
export const SEARCH_PAGE_SIZE = 100;
/** Latest comments scanned for check-ins; older check-ins are of little interest to the site. */
export const COMMENTS_SCANNED = 30;
/** Latest cross-reference/connected timeline items scanned for linked pull requests. */
export const TIMELINE_ITEMS_SCANNED = 50;

const PULL_REQUEST_FIELDS = `
fragment TrackingPullRequestFields on PullRequest {
  number
  title
  url
  state
  isDraft
  mergedAt
  repository { nameWithOwner }
}`;

const ISSUE_FIELDS = `
fragment TrackingIssueFields on Issue {
  number
  url
  title
  body
  state
  stateReason
  createdAt
  updatedAt
  closedAt
  author { login }
  repository { nameWithOwner }
  labels(first: 50) { nodes { name color } }
  milestone { title dueOn }
  assignees(first: 20) { nodes { login } }
  comments(last: ${COMMENTS_SCANNED}) {
    totalCount
    nodes { author { login } createdAt url body }
  }
  closedByPullRequestsReferences(first: 20, includeClosedPrs: true) {
    nodes { ...TrackingPullRequestFields }
  }
  timelineItems(last: ${TIMELINE_ITEMS_SCANNED}, itemTypes: [CROSS_REFERENCED_EVENT, CONNECTED_EVENT]) {
    nodes {
      __typename
      ... on CrossReferencedEvent { source { __typename ...TrackingPullRequestFields } }
      ... on ConnectedEvent { source { __typename ...TrackingPullRequestFields } }
    }
  }
  projectItems(first: 10, includeArchived: false) {
    nodes {
      project { title number url }
      fieldValues(first: 30) {
        nodes {
          __typename
          ... on ProjectV2ItemFieldSingleSelectValue { name field { ...TrackingProjectFieldName } }
          ... on ProjectV2ItemFieldIterationValue { title field { ...TrackingProjectFieldName } }
          ... on ProjectV2ItemFieldTextValue { text field { ...TrackingProjectFieldName } }
        }
      }
    }
  }
}

fragment TrackingProjectFieldName on ProjectV2FieldConfiguration {
  ... on ProjectV2FieldCommon { name }
}`;

const RATE_LIMIT_FIELDS = 'rateLimit { cost remaining resetAt }';

/** The alias under which an issue number appears in a batched query's response. */
export function issueAlias(issueNumber: number): string {
  return `issue${issueNumber}`;
}

/**
 * Builds one query fetching the given issues (at most {@link MAX_ISSUES_PER_QUERY}).
 * Numbers are validated and inlined as literals because aliases cannot be variables; owner and
 * name are passed as variables (`$owner`, `$name`).
 */
export function buildIssuesQuery(issueNumbers: readonly number[]): string {
  if (issueNumbers.length === 0 || issueNumbers.length > MAX_ISSUES_PER_QUERY) {
    throw new RangeError(`A query holds 1 to ${MAX_ISSUES_PER_QUERY} issues, got ${issueNumbers.length}.`);
  }
  const selections = issueNumbers.map((issueNumber) => {
    assertIssueNumber(issueNumber);
    return `    ${issueAlias(issueNumber)}: issue(number: ${issueNumber}) { ...TrackingIssueFields }`;
  });
  return `query TrackingIssues($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
${selections.join('\n')}
  }
  ${RATE_LIMIT_FIELDS}
}
${ISSUE_FIELDS}
${PULL_REQUEST_FIELDS}
`;
}

/** Variables for {@link buildIssuesQuery}. */
export function issuesQueryVariables(repository: TrackingRepository): { owner: string; name: string } {
  return { owner: repository.owner, name: repository.name };
}

/** Splits issue numbers into chunks that each fit one query. */
export function chunkIssueNumbers(issueNumbers: readonly number[], size: number = MAX_ISSUES_PER_QUERY): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < issueNumbers.length; start += size) {
    chunks.push(issueNumbers.slice(start, start + size));
  }
  return chunks;
}

/**
 * The "what changed since" query: issues of the repository updated since a time, plus pull
 * requests updated since then with the issues they close. Pull requests are included because
 * merging one does not bump the linked issue's `updatedAt`. Either search is omitted when its
 * cursor is `null` (that search is exhausted), so a second page costs one request, not two.
 */
export const CHANGES_QUERY = `query TrackingChanges(
  $issueQuery: String!
  $pullRequestQuery: String!
  $issueCursor: String
  $pullRequestCursor: String
  $skipIssues: Boolean!
  $skipPullRequests: Boolean!
) {
  issues: search(type: ISSUE, query: $issueQuery, first: ${SEARCH_PAGE_SIZE}, after: $issueCursor) @skip(if: $skipIssues) {
    issueCount
    pageInfo { hasNextPage endCursor }
    nodes { __typename ... on Issue { number updatedAt } }
  }
  pullRequests: search(type: ISSUE, query: $pullRequestQuery, first: ${SEARCH_PAGE_SIZE}, after: $pullRequestCursor) @skip(if: $skipPullRequests) {
    issueCount
    pageInfo { hasNextPage endCursor }
    nodes {
      __typename
      ... on PullRequest {
        number
        updatedAt
        repository { nameWithOwner }
        closingIssuesReferences(first: 10) { nodes { number repository { nameWithOwner } } }
      }
    }
  }
  ${RATE_LIMIT_FIELDS}
}`;

/** Search strings for {@link CHANGES_QUERY}. */
export function changeSearchQueries(repository: TrackingRepository, since: Date): { issueQuery: string; pullRequestQuery: string } {
  // GitHub search accepts full ISO timestamps in the updated: qualifier; drop milliseconds.
  const stamp = since.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const repo = repositoryName(repository);
  return {
    issueQuery: `repo:${repo} is:issue updated:>=${stamp}`,
    pullRequestQuery: `repo:${repo} is:pr updated:>=${stamp}`,
  };
}

/** Every distinct query document this module can send, for validation against GitHub's schema. */
export function allQueryDocuments(): string[] {
  return [buildIssuesQuery([1]), buildIssuesQuery(Array.from({ length: MAX_ISSUES_PER_QUERY }, (_, index) => index + 1)), CHANGES_QUERY];
}

function assertIssueNumber(issueNumber: number): void {
  if (!Number.isSafeInteger(issueNumber) || issueNumber < 1) {
    throw new RangeError(`Issue numbers are positive integers, got ${String(issueNumber)}.`);
  }
}
