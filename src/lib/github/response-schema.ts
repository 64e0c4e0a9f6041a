/**
 * Shapes of GitHub's GraphQL answers, as zod schemas. GitHub data is untrusted and may be
 * malformed or partial; everything is parsed through these before it is mapped (mapping.ts).
 */
import { z } from 'zod';

export const RateLimitNode = z.object({ cost: z.number(), remaining: z.number(), resetAt: z.string() }).nullable();
const isoDateTime = z.iso.datetime({ offset: true });
const ActorNode = z.object({ login: z.string() }).nullable();
const connectionOf = <T extends z.ZodType>(node: T) => z.object({ nodes: z.array(node.nullable()).nullable() });

export const PullRequestNode = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  state: z.enum(['OPEN', 'MERGED', 'CLOSED']),
  isDraft: z.boolean(),
  mergedAt: isoDateTime.nullable(),
  repository: z.object({ nameWithOwner: z.string() }),
});
export type PullRequestNode = z.infer<typeof PullRequestNode>;

export const FieldValueNode = z.object({
  __typename: z.string(),
  name: z.string().nullable().optional(),
  title: z.string().nullable().optional(),
  text: z.string().nullable().optional(),
  field: z.object({ name: z.string().optional() }).nullable().optional(),
});
export type FieldValueNode = z.infer<typeof FieldValueNode>;

export const IssueNode = z.object({
  body: z.string().nullable().optional(),
  number: z.number().int().positive(),
  url: z.string(),
  title: z.string(),
  state: z.enum(['OPEN', 'CLOSED']),
  stateReason: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  author: ActorNode,
  repository: z.object({ nameWithOwner: z.string() }),
  labels: connectionOf(z.object({ name: z.string(), color: z.string() })).nullable(),
  milestone: z.object({ title: z.string(), dueOn: isoDateTime.nullable() }).nullable(),
  assignees: connectionOf(z.object({ login: z.string() })),
  comments: z.object({
    totalCount: z.number().int().nonnegative(),
    nodes: z.array(z.object({ author: ActorNode, createdAt: isoDateTime, url: z.string(), body: z.string() }).nullable()).nullable(),
  }),
  closedByPullRequestsReferences: connectionOf(PullRequestNode).nullable(),
  timelineItems: connectionOf(z.object({ __typename: z.string(), source: z.unknown().optional() })),
  projectItems: connectionOf(
    z.object({
      project: z.object({ title: z.string(), number: z.number().int().positive(), url: z.string() }),
      fieldValues: connectionOf(FieldValueNode),
    }),
  ),
});
export type IssueNode = z.infer<typeof IssueNode>;

/** One page of a search connection. */
export const SearchPage = z.object({
  issueCount: z.number(),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  nodes: z.array(z.unknown().nullable()),
});
export const SearchIssueNode = z.object({ __typename: z.literal('Issue'), number: z.number().int() });
export const SearchPullRequestNode = z.object({
  __typename: z.literal('PullRequest'),
  number: z.number().int(),
  repository: z.object({ nameWithOwner: z.string() }),
  closingIssuesReferences: z
    .object({ nodes: z.array(z.object({ number: z.number().int(), repository: z.object({ nameWithOwner: z.string() }) }).nullable()) })
    .nullable(),
});

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The non-null nodes of a connection. */
export function present<T>(nodes: ReadonlyArray<T | null> | null | undefined): T[] {
  return (nodes ?? []).filter((node): node is T => node !== null);
}
