/**
 * Reports for the people who run the CEP process, ready to paste into a mail to kubevirt-dev or a
 * tracking-issue comment: the Enhancement Freeze announcement, the weekly check-in, and the
 * SIG-CI checklist after Code Freeze. Plain text or markdown, absolute links throughout.
 */
import type { CatalogueKind } from '../cep/catalogue-kind.ts';
import { displayLabels, stageInfo, statusInfo, type CepStage } from '../cep/vocabulary.ts';
import { escapeMarkdownText, escapeMarkdownUrl, toOutputLine } from '../security/output.ts';
import { daysSince, proposalOwners } from '../health/findings.ts';
import type { LinkedPullRequest } from '../github/schema.ts';
import type { DashboardRow, ReleaseDashboard } from '../releases/dashboard.ts';
import { absoluteUrl, permalinkPath, releasePath } from '../urls.ts';

export const reportKinds = ['ef-announcement', 'weekly', 'post-cf'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportFormats = ['text', 'markdown'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface ReportOptions {
  kind: CatalogueKind;
  format: ReportFormat;
  siteUrl: string;
  basePath: string;
  today: string;
  /** Days a "week" spans for the weekly report. */
  windowDays?: number;
}

/** A small writer so each report is written once for both formats. */
class Writer {
  readonly lines: string[] = [];
  readonly format: ReportFormat;
  constructor(format: ReportFormat) {
    this.format = format;
  }
  heading(text: string, level = 1): void {
    if (this.lines.length > 0) this.lines.push('');
    if (this.format === 'markdown') this.lines.push(`${'#'.repeat(level)} ${text}`);
    else this.lines.push(text, (level === 1 ? '=' : '-').repeat(text.length));
  }
  paragraph(text: string): void {
    this.lines.push('', text);
  }
  item(text: string, depth = 0): void {
    this.lines.push(`${'  '.repeat(depth)}- ${text}`);
  }
  blank(): void {
    this.lines.push('');
  }
  link(text: string, url: string): string {
    return this.format === 'markdown' ? `[${text}](${escapeMarkdownUrl(url)})` : `${text} <${toOutputLine(url)}>`;
  }
  /** Text from a document or GitHub (a title, a label, an excerpt), escaped for the format so it shows as written. */
  plain(text: string): string {
    return this.format === 'markdown' ? escapeMarkdownText(text) : toOutputLine(text);
  }
  check(state: 'done' | 'open' | 'unknown', text: string, depth = 0): void {
    const mark =
      this.format === 'markdown'
        ? { done: '[x]', open: '[ ]', unknown: '[ ]' }[state]
        : { done: '[x]', open: '[ ]', unknown: '[?]' }[state];
    this.lines.push(`${'  '.repeat(depth)}- ${mark} ${text}`);
  }
  toString(): string {
    return `${this.lines.join('\n').replace(/^\n+/, '')}\n`;
  }
}

const day = (isoDateTime: string | undefined) => isoDateTime?.slice(0, 10);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function cepLink(writer: Writer, row: DashboardRow, options: ReportOptions): string {
  const url = absoluteUrl(options.siteUrl, permalinkPath(options, row.cep.number));
  return writer.link(`${options.kind.prefix} ${row.cep.number}: ${writer.plain(row.cep.title)}`, url);
}

function owners(row: DashboardRow): string {
  const handles = proposalOwners(row.cep, row.tracking);
  return handles.length > 0 ? handles.join(', ') : 'no owner named';
}

const pullRequestRef = (writer: Writer, pullRequest: LinkedPullRequest) =>
  pullRequest.url
    ? writer.link(`${pullRequest.repository}#${pullRequest.number}`, pullRequest.url)
    : `${pullRequest.repository}#${pullRequest.number}`;

/** Pull requests that only mention the issue (forks and the like): shown, never counted. */
function mentions(writer: Writer, row: DashboardRow, depth = 0): void {
  const mentioned = row.tracking?.mentionedPullRequests ?? [];
  if (mentioned.length > 0)
    writer.item(
      `mentioned in (not counted as linked): ${mentioned.map((pullRequest) => `${pullRequestRef(writer, pullRequest)} ${pullRequest.state}`).join(', ')}`,
      depth,
    );
}

function stages(row: DashboardRow, version: string): string {
  return (
    row.stages.map((stage) => (stage in stageInfo ? displayLabels.stageIn(stage as CepStage, version) : stage)).join(', ') || 'no stage'
  );
}

function keyDates(dashboard: ReleaseDashboard): string {
  const { release } = dashboard;
  return [
    release.enhancementFreeze && `Enhancement Freeze ${release.enhancementFreeze}`,
    release.codeFreeze && `Code Freeze ${release.codeFreeze}`,
    release.generalAvailability && `GA ${release.generalAvailability}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** Enhancement Freeze announcement: the accepted CEPs, owners and links. */
function efAnnouncement(dashboard: ReleaseDashboard, options: ReportOptions, writer: Writer): void {
  const { prefix, proposalName } = options.kind;
  const accepted = dashboard.rows.filter((row) => row.cep.status === 'implementable' || row.cep.status === 'implemented');
  const version = dashboard.release.version;
  writer.heading(`KubeVirt ${version}: ${proposalName}s tracked at Enhancement Freeze`);
  writer.paragraph(
    `SIG-CI tracks ${plural(accepted.length, prefix)} for KubeVirt ${version} (${keyDates(dashboard)}). Reviews on their pull requests get priority; owners post weekly check-ins on the tracking issues.`,
  );
  writer.blank();
  for (const row of [...accepted].sort((left, right) => left.cep.number - right.cep.number)) {
    writer.item(
      `${cepLink(writer, row, options)} (${stages(row, version)}), owners ${writer.plain(owners(row))}, tracking ${writer.link(`#${row.cep.trackingIssue.number}`, row.cep.trackingIssue.url)}`,
    );
  }
  if (accepted.length === 0) writer.item(`no ${prefix} is accepted for ${version} yet`);
  const notAccepted = dashboard.rows.filter((row) => !accepted.includes(row));
  if (notAccepted.length > 0) {
    writer.paragraph(`Also targeting ${version} but not accepted yet:`);
    writer.blank();
    for (const row of notAccepted) {
      const missed = row.findings.find(
        (finding) => finding.rule === 'missed-enhancement-freeze' || finding.rule === 'enhancement-freeze-approaching',
      );
      writer.item(
        `${cepLink(writer, row, options)}: ${row.cep.status ? statusInfo[row.cep.status].label.toLowerCase() : 'status not stated'}${missed ? `; ${missed.message}` : ''}`,
      );
    }
  }
  writer.paragraph(`Release dashboard: ${absoluteUrl(options.siteUrl, releasePath(options.basePath, version))}`);
  writer.paragraph(
    'Exceptions past Enhancement or Code Freeze are asked for on this list: the justification, the extra time needed and the impact if it is not granted.',
  );
}

/** Weekly check-in: per tracked CEP, new check-ins, silence, merged pull requests and findings. */
function weekly(dashboard: ReleaseDashboard, options: ReportOptions, writer: Writer): void {
  const windowDays = options.windowDays ?? 7;
  const since = new Date(Date.parse(`${options.today}T00:00:00Z`) - windowDays * 86_400_000).toISOString().slice(0, 10);
  // Finished proposals have an outcome, not a check-in to chase.
  const tracked = dashboard.rows.filter((row) => row.health !== null);
  writer.heading(`KubeVirt ${dashboard.release.version}: weekly ${options.kind.prefix} check-in, ${since} to ${options.today}`);
  const { byHealth } = dashboard;
  const out = byHealth['out-of-release'] > 0 ? `, ${byHealth['out-of-release']} not in the release (missed Enhancement Freeze)` : '';
  writer.paragraph(
    `${plural(tracked.length, `tracked ${options.kind.prefix}`)}: ${byHealth['on-track']} on track, ${byHealth['needs-attention']} need${byHealth['needs-attention'] === 1 ? 's' : ''} attention, ${byHealth['at-risk']} at risk${out}. ${keyDates(dashboard)}.`,
  );
  for (const row of tracked) {
    writer.heading(`${cepLink(writer, row, options)}: ${row.assessment.label}`, 2);
    const inWindow = (moment: string) => moment.slice(0, 10) > since && moment.slice(0, 10) <= options.today;
    const newCheckIns = (row.tracking?.checkIns ?? []).filter((checkIn) => inWindow(checkIn.createdAt));
    if (newCheckIns.length > 0) {
      for (const checkIn of newCheckIns) {
        writer.item(
          `check-in ${day(checkIn.createdAt)} by @${writer.plain(checkIn.author ?? 'ghost')}${checkIn.url ? ` ${writer.link('(comment)', checkIn.url)}` : ''}: ${writer.plain(checkIn.excerpt.slice(0, 160))}`,
        );
      }
    } else if (row.lastCheckIn) {
      writer.item(`no check-in this week: stale, last one ${day(row.lastCheckIn)} (${daysSince(row.lastCheckIn, options.today)} days ago)`);
    } else {
      writer.item('no check-in yet: stale');
    }
    const mergedThisWeek = (row.tracking?.pullRequests ?? []).filter(
      (pullRequest) => pullRequest.mergedAt && inWindow(pullRequest.mergedAt),
    );
    for (const pullRequest of mergedThisWeek) {
      writer.item(
        `merged ${day(pullRequest.mergedAt ?? undefined)}: ${pullRequestRef(writer, pullRequest)} ${writer.plain(pullRequest.title)}`,
      );
    }
    writer.item(
      `pull requests: ${row.pullRequests.merged} of ${row.pullRequests.total} linked PRs merged${row.boardStatus ? `; board: ${writer.plain(row.boardStatus)}` : ''}`,
    );
    mentions(writer, row);
    for (const finding of row.findings) writer.item(`${finding.severity}: ${writer.plain(finding.message)} (${finding.rule})`);
  }
  if (tracked.length === 0) writer.paragraph(`No ${options.kind.prefix} targets ${dashboard.release.version}.`);
}

/** After Code Freeze: the SIG-CI checklist of the process document, per CEP, with what the data says. */
function postCodeFreeze(dashboard: ReleaseDashboard, options: ReportOptions, writer: Writer): void {
  const version = dashboard.release.version;
  writer.heading(`KubeVirt ${version}: post-Code-Freeze ${options.kind.prefix} checklist`);
  const freeze = dashboard.release.codeFreeze;
  writer.paragraph(
    freeze && options.today < freeze
      ? `Code Freeze is ${freeze}; this checklist is a preview of what the data says today (${options.today}).`
      : `Code Freeze was ${freeze ?? 'not in the schedule'}. What the tracking data says about each ${options.kind.prefix}, as of ${options.today}:`,
  );
  const relevant = dashboard.rows.filter((row) => row.cep.status !== 'withdrawn' && row.cep.status !== 'rejected');
  for (const row of relevant) {
    writer.heading(cepLink(writer, row, options), 2);
    const pullRequests = row.tracking?.pullRequests ?? [];
    const code = pullRequests.filter((pullRequest) => !isDocs(pullRequest));
    const unmergedCode = code.filter((pullRequest) => pullRequest.state === 'open');
    writer.check(
      code.length === 0 ? 'unknown' : unmergedCode.length === 0 ? 'done' : 'open',
      code.length === 0
        ? 'All PRs are merged into the release branch: the tracking issue links no pull requests'
        : `All PRs are merged into the release branch: ${code.filter((pullRequest) => pullRequest.state === 'merged').length} of ${code.length} linked PRs merged${unmergedCode.length ? `; open: ${unmergedCode.map((pullRequest) => `${pullRequest.repository}#${pullRequest.number}`).join(', ')}` : ''}`,
    );
    const docs = pullRequests.filter(isDocs);
    writer.check(
      docs.length === 0 ? 'unknown' : docs.every((pullRequest) => pullRequest.state === 'merged') ? 'done' : 'open',
      docs.length === 0
        ? 'Docs PR is merged: no docs pull request linked'
        : `Docs PR is merged: ${docs.map((pullRequest) => `${pullRequest.repository}#${pullRequest.number} ${pullRequest.state}`).join(', ')}`,
    );
    const exception = row.cep.exceptions.find((candidate) => candidate.release === version);
    const needsException = row.findings.some((finding) => finding.rule === 'needs-exception');
    const missedFreeze = row.health === 'out-of-release';
    writer.check(
      row.cep.status === 'implemented' ? 'done' : needsException || missedFreeze ? 'open' : 'unknown',
      row.cep.status === 'implemented'
        ? `Implemented as designed: the ${options.kind.prefix} is marked implemented`
        : exception
          ? `Implemented as designed, or update/exception: exception ${exception.state}${exception.link ? ` ${writer.link('(thread)', exception.link)}` : ''}`
          : needsException
            ? 'Implemented as designed, or update/exception: unmerged work and no exception; needs an exception or a re-target'
            : missedFreeze
              ? `Implemented as designed, or update/exception: not in ${version} (missed Enhancement Freeze); needs an exception or a re-target`
              : `Implemented as designed, or update/exception: ${options.kind.prefix} is ${row.cep.status ?? 'without a status'}; confirm with the owner`,
    );
    writer.check('unknown', 'Bugs are tracked: not in the data; review the tracking issue');
    writer.check(
      pullRequests.length > 0 ? 'done' : 'open',
      pullRequests.length > 0
        ? `The tracking issue tracks its PRs: ${plural(pullRequests.length, 'pull request')} linked`
        : 'The tracking issue tracks its PRs: none linked',
    );
    mentions(writer, row);
    for (const finding of row.findings.filter((candidate) => candidate.rule !== 'needs-exception')) {
      writer.item(`${finding.severity}: ${writer.plain(finding.message)} (${finding.rule})`);
    }
  }
  if (relevant.length === 0) writer.paragraph(`No ${options.kind.prefix} targets ${version}.`);
}

function isDocs(pullRequest: { repository: string; title: string }): boolean {
  return /user-guide|kubevirt\.github\.io|docs?$/i.test(pullRequest.repository) || /^\W*docs?\b|\bdocumentation\b/i.test(pullRequest.title);
}

/** Renders one report. */
export function renderReport(kind: ReportKind, dashboard: ReleaseDashboard, options: ReportOptions): string {
  const writer = new Writer(options.format);
  if (kind === 'ef-announcement') efAnnouncement(dashboard, options, writer);
  else if (kind === 'weekly') weekly(dashboard, options, writer);
  else postCodeFreeze(dashboard, options, writer);
  return writer.toString();
}
