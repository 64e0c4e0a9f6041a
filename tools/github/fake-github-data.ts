/**
 * The fake GitHub's fixture data (tools/github/fake-github.ts): issues, comments, pull requests and
 * project items as the fake server holds them, and helpers to make them.
 */

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

/** Default colour for a fixture label name. */
export function fixtureLabel(name: string): { name: string; color: string } {
  const colors: Record<string, string> = { 'sig/ci': 'bfd4f2', 'kind/enhancement': 'c7def8', 'lifecycle/stale': '795548' };
  if (name.startsWith('target/')) return { name, color: '0e8a16' };
  return { name, color: colors[name] ?? 'ededed' };
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
