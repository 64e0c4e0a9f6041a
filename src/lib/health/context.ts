/**
 * What the health findings are judged against: the day, the release schedule and the process's
 * knobs. Built here only, so the site, the linter and the reports judge a proposal the same way.
 */
import { readEnvironment } from '../config/environment.ts';
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

/** Reads `CODE_FREEZE_WARNING_DAYS` (a whole number of days, default 21), through the environment's one schema. */
export function codeFreezeWarningDaysFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  return readEnvironment(env).CODE_FREEZE_WARNING_DAYS ?? DEFAULT_CODE_FREEZE_WARNING_DAYS;
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
