/**
 * Maps GitHub's (parsed, untrusted) issue data to the TrackingState the site stores: plain text
 * only, vetted URLs only, pull requests split by provenance.
 */
import type { TrackingConfig } from './config.ts';
import { repositoryName } from './config.ts';
import { PullRequestNode, present, type FieldValueNode, type IssueNode } from './response-schema.ts';
import { DEFAULT_EXCERPT_LENGTH, safeColor, safeLogin, safeUrl, toPlainExcerpt, toPlainLine } from './sanitize.ts';
import type { CheckIn, LinkedPullRequest, ProjectItem, TrackerSummary, TrackingState } from './schema.ts';
import type { PullRequestLink } from './schema.ts';
import { parseTrackerBody } from './tracker-body.ts';
import { compareReleases } from '../cep/release-version.ts';
import { githubIssueUrl } from '../urls.ts';

/** What mapping needs to know about the fetch. */
export interface MappingContext {
  config: TrackingConfig;
  allowedOrigins: readonly string[];
  now: Date;
}

/** The state of an issue nobody has seen: not found, nothing known. */
export function neverSeenState(issueNumber: number, url: string, now: Date): TrackingState {
  return {
    number: issueNumber,
    url,
    found: false,
    state: null,
    stateReason: null,
    title: null,
    labels: [],
    milestone: null,
    assignees: [],
    author: null,
    createdAt: null,
    updatedAt: null,
    closedAt: null,
    commentCount: 0,
    checkIns: [],
    pullRequests: [],
    projectItems: [],
    targetLabels: [],
    fetchedAt: isoSeconds(now),
  };
}

export function toTrackingState(issue: IssueNode, context: MappingContext): TrackingState {
  const { config, allowedOrigins } = context;
  const repository = repositoryName(config.repository);
  const body = issue.body ?? '';
  const { linked, mentioned } = toPullRequests(issue, {
    allowedOrigins,
    owners: config.pullRequestOwners ?? [config.repository.owner],
    listedInBody: pullRequestsListedIn(body, repository),
  });
  const labels = present(issue.labels?.nodes).map((label) => ({ name: toPlainLine(label.name, 100), color: safeColor(label.color) }));
  return {
    number: issue.number,
    url: githubIssueUrl(config.htmlUrl, repository, issue.number),
    found: true,
    state: issue.state === 'OPEN' ? 'open' : 'closed',
    stateReason: toStateReason(issue.stateReason),
    title: toPlainLine(issue.title),
    labels,
    milestone: issue.milestone === null ? null : { title: toPlainLine(issue.milestone.title, 100), dueOn: issue.milestone.dueOn },
    assignees: present(issue.assignees.nodes)
      .map((assignee) => safeLogin(assignee.login))
      .filter((login): login is string => login !== null),
    author: safeLogin(issue.author?.login),
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    commentCount: issue.comments.totalCount,
    checkIns: toCheckIns(issue, config.checkInPattern, allowedOrigins),
    pullRequests: linked,
    ...(mentioned.length > 0 ? { mentionedPullRequests: mentioned } : {}),
    projectItems: toProjectItems(issue, allowedOrigins),
    targetLabels: toTargetLabels(
      labels.map((label) => label.name),
      config.targetLabelPattern,
    ),
    fetchedAt: isoSeconds(context.now),
    ...trackerOf(body, repository),
  };
}

/** What a tracker-format issue body states (VEP tracker template); nothing for free-form bodies. */
function trackerOf(body: string, repository: string): { tracker?: TrackerSummary } {
  const parsed = parseTrackerBody(body, { repository });
  const tracker: TrackerSummary = {
    ...(parsed.primaryContact ? { primaryContact: toPlainLine(parsed.primaryContact, 60) } : {}),
    ...(parsed.stage ? { stage: parsed.stage } : {}),
    ...(parsed.featureGate ? { featureGate: toPlainLine(parsed.featureGate, 100) } : {}),
    sigs: parsed.sigs.map((sig) => toPlainLine(sig, 60)),
    targets: parsed.targets,
  };
  const saysSomething =
    tracker.primaryContact || tracker.stage || tracker.featureGate || tracker.sigs.length > 0 || Object.keys(tracker.targets).length > 0;
  return saysSomething ? { tracker } : {};
}

function toStateReason(reason: string | null): TrackingState['stateReason'] {
  switch (reason) {
    case 'COMPLETED':
      return 'completed';
    case 'NOT_PLANNED':
      return 'not_planned';
    case 'REOPENED':
      return 'reopened';
    case 'DUPLICATE':
      return 'duplicate';
    default:
      return null;
  }
}

/** Recognises check-ins by their first non-empty line; newest first, at most three. */
export function toCheckIns(
  issue: Pick<IssueNode, 'comments'>,
  checkInPattern: RegExp,
  allowedOrigins: readonly string[] = ['https://github.com'],
): CheckIn[] {
  return present(issue.comments.nodes)
    .filter((comment) => isCheckIn(comment.body, checkInPattern))
    .sort((left, right) => Date.parse(right.createdAt) - Date.parse(left.createdAt))
    .slice(0, 3)
    .map((comment) => ({
      author: safeLogin(comment.author?.login),
      createdAt: comment.createdAt,
      url: safeUrl(comment.url, allowedOrigins),
      excerpt: toPlainExcerpt(comment.body, DEFAULT_EXCERPT_LENGTH),
    }));
}

/** Whether a comment body is a check-in: its first non-empty line matches the pattern. */
export function isCheckIn(body: string, checkInPattern: RegExp): boolean {
  const firstLine = body.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  checkInPattern.lastIndex = 0;
  return checkInPattern.test(firstLine);
}

/** Where a pull request may count from: the allowed owners and the issue body's list. */
export interface PullRequestProvenance {
  allowedOrigins: readonly string[];
  /** Owners whose repositories' cross-references count as linked (case-insensitive). */
  owners: readonly string[];
  /** "owner/name#number" keys (lower case) the issue body lists. */
  listedInBody: ReadonlySet<string>;
}

/**
 * Splits the issue's pull requests into the proposal's work and mere mentions. A pull request is
 * linked when it is a closing reference or a manual link, a cross-reference from a repository of
 * an allowed owner, or listed in the issue body; anything else (a fork mentioning the issue) is a
 * mention. Anyone can mention an issue, so a mention must never tick "merged".
 */
export function toPullRequests(
  issue: Pick<IssueNode, 'closedByPullRequestsReferences' | 'timelineItems'>,
  provenance: PullRequestProvenance,
): { linked: LinkedPullRequest[]; mentioned: LinkedPullRequest[] } {
  const byKey = new Map<string, LinkedPullRequest>();
  const owners = new Set(provenance.owners.map((owner) => owner.toLowerCase()));
  const strength: Record<PullRequestLink, number> = { closing: 4, connected: 3, 'issue-body': 2, organisation: 1, mention: 0 };
  const add = (node: PullRequestNode, via: 'closing' | 'connected' | 'cross-reference') => {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(node.repository.nameWithOwner)) return;
    const key = `${node.repository.nameWithOwner.toLowerCase()}#${node.number}`;
    const owner = node.repository.nameWithOwner.split('/')[0]?.toLowerCase() ?? '';
    const linkedBy: PullRequestLink =
      via !== 'cross-reference' ? via : provenance.listedInBody.has(key) ? 'issue-body' : owners.has(owner) ? 'organisation' : 'mention';
    const existing = byKey.get(key);
    if (existing !== undefined) {
      if (strength[linkedBy] > strength[existing.linkedBy ?? 'mention']) existing.linkedBy = linkedBy;
      existing.closing ||= via !== 'cross-reference';
      return;
    }
    const state = node.state === 'MERGED' ? 'merged' : node.state === 'CLOSED' ? 'closed' : 'open';
    byKey.set(key, {
      repository: node.repository.nameWithOwner,
      number: node.number,
      title: toPlainLine(node.title),
      url: safeUrl(node.url, provenance.allowedOrigins),
      state,
      draft: node.isDraft,
      // A merge time on a PR that is not merged would contradict the state; do not show it.
      mergedAt: state === 'merged' ? node.mergedAt : null,
      // A manual link ("Development" sidebar) closes the issue on merge, a mention does not.
      closing: via !== 'cross-reference',
      linkedBy,
    });
  };
  for (const node of present(issue.closedByPullRequestsReferences?.nodes)) add(node, 'closing');
  for (const item of present(issue.timelineItems.nodes)) {
    const source = PullRequestNode.safeParse(item.source);
    const isPullRequest =
      typeof item.source === 'object' && item.source !== null && (item.source as { __typename?: unknown }).__typename === 'PullRequest';
    if (!isPullRequest || !source.success) continue;
    add(source.data, item.__typename === 'ConnectedEvent' ? 'connected' : 'cross-reference');
  }
  const order = (left: LinkedPullRequest, right: LinkedPullRequest) =>
    left.repository.localeCompare(right.repository) || right.number - left.number;
  const all = [...byKey.values()].sort(order);
  return {
    linked: all.filter((pullRequest) => pullRequest.linkedBy !== 'mention'),
    mentioned: all.filter((pullRequest) => pullRequest.linkedBy === 'mention'),
  };
}

/** Pull requests the issue body names: PR URLs, `owner/name#123`, and `#123` (the tracking repository). */
export function pullRequestsListedIn(body: string, trackingRepository: string): Set<string> {
  const keys = new Set<string>();
  for (const match of body.matchAll(/https?:\/\/[^\s/]+\/([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)\/pull\/(\d+)/g))
    keys.add(`${match[1]?.toLowerCase()}#${match[2]}`);
  for (const match of body.matchAll(/(?:^|[\s([])([A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*)#(\d+)\b/g))
    keys.add(`${match[1]?.toLowerCase()}#${match[2]}`);
  for (const match of body.matchAll(/(?:^|[\s([])#(\d+)\b/g)) keys.add(`${trackingRepository.toLowerCase()}#${match[1]}`);
  return keys;
}

function toProjectItems(issue: IssueNode, allowedOrigins: readonly string[]): ProjectItem[] {
  return present(issue.projectItems.nodes).map((item) => {
    const values = present(item.fieldValues.nodes);
    const fieldName = (value: FieldValueNode) => value.field?.name?.trim().toLowerCase() ?? '';
    const valueText = (value: FieldValueNode) => value.name ?? value.title ?? value.text ?? null;
    const status = values.find((value) => value.__typename === 'ProjectV2ItemFieldSingleSelectValue' && fieldName(value) === 'status');
    const release =
      values.find((value) => /release/.test(fieldName(value)) && valueText(value) !== null) ??
      values.find((value) => value.__typename === 'ProjectV2ItemFieldIterationValue');
    const releaseText = release === undefined ? null : valueText(release);
    return {
      project: { title: toPlainLine(item.project.title, 200), number: item.project.number, url: safeUrl(item.project.url, allowedOrigins) },
      status: status?.name == null ? null : toPlainLine(status.name, 100),
      release: releaseText === null ? null : toPlainLine(releaseText, 100),
    };
  });
}

/** Releases named by labels matching the target-label pattern, normalised to `vX.Y`, sorted. */
export function toTargetLabels(labelNames: readonly string[], targetLabelPattern: RegExp): string[] {
  const releases = new Set<string>();
  for (const name of labelNames) {
    const release = targetLabelPattern.exec(name)?.[1];
    if (release !== undefined) releases.add(release.toLowerCase());
  }
  return [...releases].sort(compareReleases);
}

/** ISO timestamp without milliseconds, the format GitHub uses (and stable in snapshots). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
