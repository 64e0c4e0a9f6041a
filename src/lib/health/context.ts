/**
 * What the health findings are judged against: the day, the release schedule and the process's
 * knobs. Built here only, so the site, the linter and the reports judge a proposal the same way.
 */
import { currentRelease, type Release } from '../releases/schedule.ts';

/** Days before Code Freeze in which silence (no pull request, no check-in) puts a proposal at risk. */
export const DEFAULT_CODE_FREEZE_WARNING_DAYS = 21;
/** Days without a check-in or activity before a proposal targeting the current release counts as quiet. */
export const DEFAULT_QUIET_DAYS = 7;

export interface HealthContext {
  /** Today, YYYY-MM-DD. */
  today: string;
  releases: readonly Pick<Release, 'version' | 'enhancementFreeze' | 'codeFreeze' | 'generalAvailability'>[];
  /** Version of the release in progress today, if any. */
  currentRelease?: string | undefined;
  /** The SIG label every tracking issue should carry, e.g. `sig/ci`. */
  sigLabel: string;
  /** Days without check-in or activity before a targeted CEP counts as quiet (default 7). */
  quietDays?: number;
  /** Days before Code Freeze in which a CEP with no pull request and no check-in is at risk (default 21). */
  codeFreezeWarningDays?: number;
  /** Proposal prefix in messages (CEP or VEP). */
  prefix?: string;
}

/** Today as YYYY-MM-DD; `CATALOGUE_TODAY` pins it for reproducible builds, reports and tests. */
export function todayFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env['CATALOGUE_TODAY'];
  if (pinned !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pinned) || Number.isNaN(Date.parse(pinned))) {
      throw new Error(`CATALOGUE_TODAY must be a date written YYYY-MM-DD, not "${pinned}"`);
    }
    return pinned;
  }
  return new Date().toISOString().slice(0, 10);
}

/** Reads `CODE_FREEZE_WARNING_DAYS` (a whole number of days, default 21). */
export function codeFreezeWarningDaysFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const written = env['CODE_FREEZE_WARNING_DAYS'];
  if (written === undefined || written.trim() === '') return DEFAULT_CODE_FREEZE_WARNING_DAYS;
  if (!/^\d{1,3}$/.test(written.trim())) {
    throw new Error(`CODE_FREEZE_WARNING_DAYS must be a whole number of days such as 21, not "${written}"`);
  }
  return Number(written.trim());
}

/** The one way to build a {@link HealthContext}. */
export function buildHealthContext(input: {
  today: string;
  releases: HealthContext['releases'];
  sigLabel: string;
  prefix: string;
  env?: NodeJS.ProcessEnv;
}): HealthContext {
  return {
    today: input.today,
    releases: input.releases,
    currentRelease: currentRelease(input.releases, input.today)?.version,
    sigLabel: input.sigLabel,
    prefix: input.prefix,
    quietDays: DEFAULT_QUIET_DAYS,
    codeFreezeWarningDays: codeFreezeWarningDaysFromEnvironment(input.env ?? process.env),
  };
}

/** A copy of `context` judged as of another day (a past release is judged as of its GA). */
export function asOf(context: HealthContext, day: string): HealthContext {
  return { ...context, today: day, currentRelease: currentRelease(context.releases, day)?.version };
}
