/**
 * What one fetch has learnt so far: fresh states, stale fallbacks (the last known state, never a
 * guess) and the problems met, ready to become a snapshot.
 */
import type { TrackingConfig } from './config.ts';
import { repositoryName } from './config.ts';
import { isoSeconds, neverSeenState, type MappingContext } from './mapping.ts';
import { RateLimitNode } from './response-schema.ts';
import { safeUrl } from './sanitize.ts';
import type { StaleKind, TrackingSnapshot, TrackingState } from './schema.ts';
import { SNAPSHOT_FORMAT_VERSION } from './schema.ts';
import { githubIssueUrl } from '../urls.ts';

/** Something that kept an issue from being refreshed, or that is wrong with it. */
export interface TrackingProblem {
  /** The affected issue; absent for problems that concern the whole fetch. */
  number?: number;
  kind: StaleKind | 'invalid_data';
  /** One line, token-free. */
  reason: string;
}

/** Collects fresh states, stale fallbacks and problems during one fetch. */
export class FetchContext implements MappingContext {
  readonly config: TrackingConfig;
  readonly now: Date;
  readonly previous: TrackingSnapshot | undefined;
  readonly problems: TrackingProblem[] = [];
  readonly states = new Map<number, TrackingState>();
  readonly allowedOrigins: string[];
  rateLimit: { cost: number; remaining: number; resetAt: string } | undefined;

  constructor(config: TrackingConfig, now: Date, previous: TrackingSnapshot | undefined) {
    this.config = config;
    this.now = now;
    this.previous = previous;
    this.allowedOrigins = [...new Set(['https://github.com', config.htmlUrl])];
  }

  previousState(issueNumber: number): TrackingState | undefined {
    return this.previous?.issues[String(issueNumber)];
  }

  /** Whether GitHub answered anything usable in this fetch (a state, a not-found, a change search). */
  heardFromGitHub = false;

  fresh(state: TrackingState): void {
    this.heardFromGitHub = true;
    this.states.set(state.number, state);
  }

  /** Keeps the last known state, marked stale; without one, the issue is left out. */
  failed(issueNumber: number, kind: StaleKind | 'invalid_data', reason: string): void {
    const known = this.previousState(issueNumber);
    if (known === undefined) {
      this.problems.push({ number: issueNumber, kind, reason: `${reason}; no earlier state known, left out` });
      return;
    }
    this.problems.push({ number: issueNumber, kind, reason: `${reason}; showing the state from ${known.fetchedAt}` });
    this.states.set(issueNumber, {
      ...known,
      stale: { since: known.fetchedAt, reason, kind: kind === 'invalid_data' ? 'fetch_failed' : kind },
    });
  }

  notFound(issueNumber: number, message: string): void {
    this.heardFromGitHub = true;
    const known = this.previousState(issueNumber);
    const reason = `GitHub reports no issue #${issueNumber} in ${repositoryName(this.config.repository)} (${message})`;
    this.problems.push({ number: issueNumber, kind: 'not_found', reason });
    if (known !== undefined && known.state !== null) {
      // It existed before: deleted, made invisible, or the token lost access. Keep what was known.
      this.states.set(issueNumber, { ...known, found: false, stale: { since: known.fetchedAt, reason, kind: 'not_found' } });
      return;
    }
    this.states.set(issueNumber, neverSeenState(issueNumber, this.issueUrl(issueNumber), this.now));
  }

  transferred(issueNumber: number, repository: string, newNumber: number, url: string | null): void {
    this.heardFromGitHub = true;
    const transferredTo = { repository, number: newNumber, url: safeUrl(url, this.allowedOrigins) };
    const reason = `issue was transferred to ${repository}#${newNumber}`;
    this.problems.push({ number: issueNumber, kind: 'transferred', reason });
    const known = this.previousState(issueNumber);
    if (known !== undefined && known.state !== null) {
      this.states.set(issueNumber, { ...known, transferredTo, stale: { since: known.fetchedAt, reason, kind: 'transferred' } });
      return;
    }
    this.states.set(issueNumber, { ...neverSeenState(issueNumber, this.issueUrl(issueNumber), this.now), transferredTo });
  }

  noteRateLimit(data: Record<string, unknown> | null): void {
    const parsed = RateLimitNode.safeParse(data?.['rateLimit']);
    if (parsed.success && parsed.data !== null) this.rateLimit = parsed.data;
  }

  issueUrl(issueNumber: number): string {
    return githubIssueUrl(this.config.htmlUrl, repositoryName(this.config.repository), issueNumber);
  }

  snapshot(numbers: readonly number[]): TrackingSnapshot {
    const issues: Record<string, TrackingState> = {};
    for (const issueNumber of numbers) {
      const state = this.states.get(issueNumber) ?? this.previousState(issueNumber);
      if (state !== undefined) issues[String(issueNumber)] = state;
    }
    // "As of" moves forward only when GitHub told us something; otherwise the data is as old as before.
    const generatedAt = this.heardFromGitHub || this.previous === undefined ? isoSeconds(this.now) : this.previous.generatedAt;
    return { version: SNAPSHOT_FORMAT_VERSION, generatedAt, repository: repositoryName(this.config.repository), issues };
  }
}
