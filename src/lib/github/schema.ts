/**
 * Shape of the tracking data the site stores about each CEP's tracking issue.
 *
 * The same schema validates the committed snapshot, the build cache and the Astro collection,
 * so a hand-edited or corrupted snapshot is rejected with a readable error instead of
 * rendering nonsense. All strings that came from GitHub users are already plain text or
 * vetted URLs by the time they reach this shape (see sanitize.ts).
 */
import { z } from 'zod';

/** Version of the snapshot file format; bump when a stored shape changes incompatibly. */
export const SNAPSHOT_FORMAT_VERSION = 1;

const isoDateTime = z.iso.datetime({ offset: true });

/** An ISO-8601 timestamp as GitHub reports it. */
export const IsoDateTimeSchema = isoDateTime.describe('ISO-8601 timestamp, e.g. 2026-11-30T06:00:00Z');

/** A https://github.com (or configured GitHub server) URL; anything else was dropped. */
const githubUrl = z.url({ protocol: /^https?$/ });

/** `owner/name` of a repository. */
export const RepositoryNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/)
  .describe('Repository as "owner/name", e.g. kubevirt/project-infra');

/** A label on the tracking issue. */
export const IssueLabelSchema = z
  .object({
    name: z.string().describe('Label name as shown on GitHub, e.g. "sig/ci" (plain text)'),
    color: z
      .string()
      .regex(/^[0-9a-f]{6}$/)
      .nullable()
      .describe('Label colour as six lower-case hex digits without "#"; null if GitHub sent something else'),
  })
  .describe('A label on the tracking issue');

/** The milestone of the tracking issue. */
export const MilestoneSchema = z
  .object({
    title: z.string().describe('Milestone title, e.g. "v1.10"'),
    dueOn: IsoDateTimeSchema.nullable().describe('Milestone due date, or null when none is set'),
  })
  .describe('Milestone the tracking issue is assigned to');

/** A check-in comment on the tracking issue. */
export const CheckInSchema = z
  .object({
    author: z.string().nullable().describe('Login of the comment author; null for deleted accounts'),
    createdAt: IsoDateTimeSchema.describe('When the check-in comment was posted'),
    url: githubUrl.nullable().describe('Link to the comment on GitHub; null if GitHub sent a URL that is not a GitHub link'),
    excerpt: z
      .string()
      .max(500)
      .describe('Beginning of the comment as plain text (markdown and HTML removed, about 400 characters at most)'),
  })
  .describe('A comment recognised as a check-in (its first line starts with "check-in" or "weekly check-in")');

/** Why a pull request counts as the proposal's work, or that it only mentions the issue. */
export const PullRequestLinkSchema = z
  .enum(['closing', 'connected', 'organisation', 'issue-body', 'mention'])
  .describe(
    'closing: a closing reference; connected: linked by hand in the Development sidebar; organisation: a cross-reference from a repository of an allowed owner; issue-body: listed in the tracking issue body; mention: only mentions the issue (e.g. from a fork), not counted as linked',
  );

/** A pull request linked to the tracking issue. */
export const LinkedPullRequestSchema = z
  .object({
    repository: RepositoryNameSchema.describe('Repository of the pull request as "owner/name"'),
    number: z.number().int().positive().describe('Pull request number'),
    title: z.string().describe('Pull request title (plain text)'),
    url: githubUrl.nullable().describe('Link to the pull request; null if it was not a GitHub link'),
    state: z.enum(['open', 'merged', 'closed']).describe('open, merged, or closed without merging'),
    draft: z.boolean().describe('Whether the pull request is a draft'),
    mergedAt: IsoDateTimeSchema.nullable().describe('When it was merged; null unless state is merged'),
    closing: z.boolean().describe('Whether GitHub links it as closing the issue (closing reference or manual link), not only a mention'),
    linkedBy: PullRequestLinkSchema.optional(),
  })
  .describe('A pull request linked from the tracking issue (closing reference, manual link, or cross-reference)');

/** The issue's item on a GitHub Projects (v2) board. */
export const ProjectItemSchema = z
  .object({
    project: z
      .object({
        title: z.string().describe('Project (board) title'),
        number: z.number().int().positive().describe('Project number within its owner'),
        url: githubUrl.nullable().describe('Link to the project; null if it was not a GitHub link'),
      })
      .describe('The project board the issue is on'),
    status: z.string().nullable().describe('Value of the single-select field named "Status", e.g. "At risk"; null if unset'),
    release: z
      .string()
      .nullable()
      .describe('Value of a field named like "Release" (or, failing that, an iteration field), e.g. "v1.10"; null if none'),
  })
  .describe('The tracking issue as an item on a GitHub project board');

/** Why an entry could not be refreshed. */
export const StaleKindSchema = z
  .enum(['fetch_failed', 'transferred', 'not_found'])
  .describe(
    'fetch_failed: GitHub could not be asked (retried next build); transferred: the issue moved to another repository; not_found: it no longer exists or is not visible',
  );

/** Marks an entry whose data is the last known state rather than fresh. */
export const StaleSchema = z
  .object({
    since: IsoDateTimeSchema.describe('Time of the last successful fetch this data comes from'),
    reason: z.string().describe('Human-readable reason why the entry could not be refreshed'),
    kind: StaleKindSchema,
  })
  .describe('Present when the entry could not be refreshed and shows the last known state');

/** Where a transferred issue lives now. */
export const TransferredToSchema = z
  .object({
    repository: RepositoryNameSchema.describe('Repository the issue was transferred to'),
    number: z.number().int().positive().describe('Issue number in that repository'),
    url: githubUrl.nullable().describe('Link to the issue at its new location'),
  })
  .describe('Set when the tracking issue was transferred to another repository');

const releaseVersion = z.string().regex(/^v\d+\.\d+$/);

/** What an issue body written in the VEP tracker template states. */
export const TrackerSummarySchema = z
  .object({
    primaryContact: z.string().optional().describe('"@handle" of the primary contact (assignee) named in the body'),
    stage: z.enum(['new', 'alpha', 'beta', 'stable', 'deprecated']).optional().describe('"Current Feature Stage" in the body'),
    featureGate: z.string().optional().describe('"Feature Gate" in the body (plain text)'),
    sigs: z.array(z.string()).describe('Responsible SIGs from "/sig" lines, primary first, as sig-<name>'),
    targets: z
      .object({ alpha: releaseVersion.optional(), beta: releaseVersion.optional(), stable: releaseVersion.optional() })
      .describe('"Alpha/Beta/Stable release target (x.y)" lines, normalised to vX.Y'),
  })
  .describe('State written in the issue body in the tracker template (kubevirt/enhancements VEP tracker)');
export type TrackerSummary = z.infer<typeof TrackerSummarySchema>;

/** State of one tracking issue as fetched from GitHub. */
export const TrackingStateSchema = z
  .object({
    number: z.number().int().positive().describe('Issue number in the tracking repository'),
    url: githubUrl.describe('Link to the issue in the tracking repository'),
    found: z
      .boolean()
      .describe('false when GitHub reports the issue does not exist in the tracking repository (or it was transferred away)'),
    state: z.enum(['open', 'closed']).nullable().describe('open or closed; null only when the issue was never seen (found is false)'),
    stateReason: z
      .enum(['completed', 'not_planned', 'reopened', 'duplicate'])
      .nullable()
      .describe('Why the issue is in its state (completed, not_planned, ...); null when GitHub gives no reason'),
    title: z.string().nullable().describe('Issue title (plain text); null only when the issue was never seen'),
    labels: z.array(IssueLabelSchema).describe('Labels on the issue'),
    milestone: MilestoneSchema.nullable().describe('Milestone, or null'),
    assignees: z.array(z.string()).describe('Logins of the assignees'),
    author: z.string().nullable().describe('Login of the issue author; null for deleted accounts or unknown'),
    createdAt: IsoDateTimeSchema.nullable().describe('When the issue was opened; null only when never seen'),
    updatedAt: IsoDateTimeSchema.nullable().describe('When GitHub last updated the issue; null only when never seen'),
    closedAt: IsoDateTimeSchema.nullable().describe('When the issue was closed; null while open'),
    commentCount: z.number().int().nonnegative().describe('Total number of comments on the issue'),
    checkIns: z.array(CheckInSchema).max(3).describe('The latest check-in comments, newest first (at most 3)'),
    pullRequests: z
      .array(LinkedPullRequestSchema)
      .describe(
        'Linked pull requests (closing references, manual links, cross-references from allowed owners, listed in the issue body), without duplicates',
      ),
    mentionedPullRequests: z
      .array(LinkedPullRequestSchema)
      .optional()
      .describe('Pull requests that only mention the issue (e.g. from forks); shown apart, never counted as the work'),
    projectItems: z.array(ProjectItemSchema).describe('Items of this issue on GitHub project boards (archived items excluded)'),
    targetLabels: z
      .array(z.string().regex(/^v\d+\.\d+$/))
      .describe('Releases named by target labels (e.g. "target/v1.10" gives "v1.10"), sorted, without duplicates'),
    fetchedAt: IsoDateTimeSchema.describe('When this data was last fetched successfully from GitHub'),
    stale: StaleSchema.optional(),
    tracker: TrackerSummarySchema.optional(),
    transferredTo: TransferredToSchema.optional(),
  })
  .describe('Tracking-issue state of one CEP, as fetched from GitHub');

/** State of one tracking issue. */
export type TrackingState = z.infer<typeof TrackingStateSchema>;
/** A recognised check-in comment. */
export type CheckIn = z.infer<typeof CheckInSchema>;
/** A pull request linked to a tracking issue. */
export type LinkedPullRequest = z.infer<typeof LinkedPullRequestSchema>;
/** A project-board item of a tracking issue. */
export type ProjectItem = z.infer<typeof ProjectItemSchema>;
/** Staleness marker of an entry. */
export type Stale = z.infer<typeof StaleSchema>;
/** Kind of staleness. */
export type StaleKind = z.infer<typeof StaleKindSchema>;

/** All tracking issues fetched in one run; the committed snapshot and the build cache have this shape. */
export const TrackingSnapshotSchema = z
  .object({
    version: z.literal(SNAPSHOT_FORMAT_VERSION).describe('Snapshot file format version'),
    generatedAt: IsoDateTimeSchema.describe('When the fetch that produced this snapshot started; changes after it are not included'),
    repository: RepositoryNameSchema.describe('Repository holding the tracking issues'),
    issues: z
      .record(z.string().regex(/^[1-9]\d*$/), TrackingStateSchema)
      .describe('Tracking state by issue number (the key is the number as a string)'),
  })
  .describe('Snapshot of the tracking state of many tracking issues');

/** A snapshot of many tracking issues. */
export type TrackingSnapshot = z.infer<typeof TrackingSnapshotSchema>;

/** Where a collection entry's data came from. */
export const TrackingSourceSchema = z
  .enum(['snapshot', 'live'])
  .describe('snapshot: the committed content/tracking.snapshot.json (no token at build time); live: fetched during this build');

/** Data of one entry in the Astro tracking collection. */
export const TrackingEntrySchema = TrackingStateSchema.extend({
  source: TrackingSourceSchema,
  generatedAt: IsoDateTimeSchema.describe(
    'Time the tracking data is "as of" (the snapshot or live fetch time), for "tracking state as of <date>"',
  ),
}).describe('Tracking-issue state of one CEP, as stored in the content collection');

/** Data of one entry in the Astro tracking collection. */
export type TrackingEntry = z.infer<typeof TrackingEntrySchema>;
/** Why a pull request counts as the proposal's work, or that it only mentions the issue. */
export type PullRequestLink = z.infer<typeof PullRequestLinkSchema>;
