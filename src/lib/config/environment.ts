/**
 * Every environment variable the catalogue reads, in one zod schema: its name, what it does and
 * its default (`.describe()` feeds `npm run lint -- --help`-style docs and the README table), read
 * once by {@link readEnvironment}. A bad value stops the build with one line per variable naming
 * it, never with a stack trace or a silently ignored typo.
 */
import { z } from 'zod';
import { isCalendarDate } from '../cep/vocabulary.ts';

/** Raised for invalid configuration; the message names each variable that is wrong. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** A value that is unset when blank: CI systems often set variables to the empty string. */
const text = () =>
  z
    .string()
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined));

const absoluteHttpUrl = (example: string) =>
  text().superRefine((value, context) => {
    if (value === undefined) return;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({ code: 'custom', message: `must be an absolute http(s) URL such as ${example}, got ${JSON.stringify(value)}.` });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      context.addIssue({ code: 'custom', message: `must be an http(s) URL, got ${JSON.stringify(value)}.` });
    } else if (url.username !== '' || url.password !== '') {
      // Credentials belong in GITHUB_TOKEN, where they are kept out of logs; do not echo them.
      context.addIssue({ code: 'custom', message: 'must not contain credentials; use GITHUB_TOKEN instead.' });
    }
  });

const flag = () =>
  text().transform((value, context) => {
    const lower = value?.toLowerCase();
    if (lower === undefined || ['0', 'false', 'no'].includes(lower)) return false;
    if (['1', 'true', 'yes'].includes(lower)) return true;
    context.addIssue({ code: 'custom', message: `must be 1 or 0 (or true/false), got ${JSON.stringify(value)}.` });
    return z.NEVER;
  });

const positiveNumber = () =>
  text().transform((value, context) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (Number.isFinite(parsed) && parsed > 0) return parsed;
    context.addIssue({ code: 'custom', message: `must be a positive number, got ${JSON.stringify(value)}.` });
    return z.NEVER;
  });

export { isCalendarDate };

export const environmentSchema = z.object({
  CATALOGUE_KIND: text()
    .transform((value) => value?.toLowerCase() ?? 'cep')
    .pipe(z.enum(['cep', 'vep'], { error: (issue) => `must be "cep" or "vep", not ${JSON.stringify(issue.input)}.` }))
    .describe('Which proposals the catalogue serves: `cep` (kubevirt/project-infra) or `vep` (kubevirt/enhancements). Default `cep`.'),
  CEP_CONTENT_DIR: text().describe('Folder holding one folder per proposal, relative to the working directory. Default `content/ceps`.'),
  CEP_RELEASES_DIR: text().describe('Folder holding `vX.Y/schedule.yaml` release schedules. Default `content/releases`.'),
  CEP_SOURCE_URL: absoluteHttpUrl('https://github.com/kubevirt/project-infra/blob/main/docs/ci-enhancements').describe(
    'Web address of the proposals folder, for "view source" and "edit" links. Default: the kind\'s repository on GitHub.',
  ),
  CEP_TRUSTED_MDX: flag().describe(
    '`1` lets `.mdx` proposals use import, export and {expressions}: only for content whose every change is reviewed as code (see docs/security.md). Default `0`.',
  ),
  SITE_URL: absoluteHttpUrl('https://kubevirt.github.io').describe('Origin the site is served from. Default `http://localhost:4321`.'),
  BASE_PATH: text().describe('Path prefix of the site, e.g. `/cep-catalogue/` on GitHub Pages. Default `/`.'),
  CATALOGUE_TODAY: text()
    .refine((value) => value === undefined || isCalendarDate(value), {
      error: (issue) => `must be a date written YYYY-MM-DD, not ${JSON.stringify(issue.input)}`,
    })
    .describe('Pins "today" (YYYY-MM-DD) for health findings, reports and tests. Default: the current date (UTC).'),
  BUILD_TIME: text()
    .refine((value) => value === undefined || !Number.isNaN(Date.parse(value)), { message: 'must be an ISO date and time.' })
    .describe('Pins the build time shown on /build/ (ISO date-time), for reproducible builds. Default: now.'),
  GITHUB_SHA: text().describe('Commit the site is built from (set by GitHub Actions). Default: `git rev-parse HEAD`.'),
  GITHUB_REPOSITORY: text().describe('`owner/name` of the repository being built (set by GitHub Actions), for the commit link.'),
  GITHUB_SERVER_URL: absoluteHttpUrl('https://github.com').describe(
    'Web origin of the GitHub server (set by GitHub Actions). Default: derived from GITHUB_API_URL.',
  ),
  GITHUB_API_URL: absoluteHttpUrl('https://api.github.com').describe(
    'GitHub REST API base URL (set by GitHub Actions). Default `https://api.github.com`.',
  ),
  GITHUB_GRAPHQL_URL: absoluteHttpUrl('https://api.github.com/graphql').describe(
    'GitHub GraphQL endpoint (set by GitHub Actions). Default: derived from GITHUB_API_URL.',
  ),
  GITHUB_TOKEN: text()
    .refine((value) => value === undefined || !/\s/.test(value), { message: 'contains whitespace; check how it is set (value not shown).' })
    .describe('Token for reading tracking issues (only `npm run sync` uses it). `GH_TOKEN` is read when it is unset.'),
  GH_TOKEN: text()
    .refine((value) => value === undefined || !/\s/.test(value), { message: 'contains whitespace; check how it is set (value not shown).' })
    .describe('Alternative name for GITHUB_TOKEN.'),
  TRACKING_REPO: text().describe("`owner/name` of the repository holding the tracking issues. Default: the kind's repository."),
  TRACKING_SIG_LABEL: text().describe('Label every tracking issue should carry. Default `sig/ci`.'),
  TRACKING_TARGET_LABEL: text().describe('Release-target label template with a `<release>` placeholder. Default `target/<release>`.'),
  TRACKING_CHECKIN_REGEX: text().describe('Pattern (or `/pattern/flags`) that recognises a check-in comment by its first line.'),
  CODE_FREEZE_WARNING_DAYS: text()
    .transform((value, context) => {
      if (value === undefined) return undefined;
      if (/^\d{1,3}$/.test(value)) return Number(value);
      context.addIssue({ code: 'custom', message: `must be a whole number of days such as 21, not ${JSON.stringify(value)}` });
      return z.NEVER;
    })
    .describe('Days before Code Freeze in which a proposal with no pull request and no check-in is at risk. Default 21.'),
  TRACKING_PR_OWNERS: text().describe(
    "Owners (comma-separated) whose pull requests may link a tracking issue by merely mentioning it. Default: the tracking repository's owner.",
  ),
  TRACKING_STRICT: flag().describe('`1` fails the sync and build when any tracking issue could not be refreshed. Default `0`.'),
  TRACKING_SNAPSHOT: text().describe(
    'Committed tracking snapshot read when nothing newer is cached. Default `content/tracking.snapshot.json`.',
  ),
  TRACKING_CACHE_DIR: text().describe('Folder of the last fetched tracking data. Default `node_modules/.astro/tracking`.'),
  TRACKING_MAX_AGE_HOURS: positiveNumber().describe(
    'Tracking entries older than this are fetched again even when GitHub lists no change. Default 24.',
  ),
});

export type Environment = z.infer<typeof environmentSchema>;

const variableNames = Object.keys(environmentSchema.shape);

/** The last environment read, by the values of its variables: pages ask for it thousands of times in a build (today(), the kind). */
let lastRead: { values: string; environment: Readonly<Environment> } | undefined;

/** Reads and checks every variable at once; throws one {@link ConfigurationError} naming each bad one. */
export function readEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): Readonly<Environment> {
  const values = JSON.stringify(variableNames.map((name) => env[name] ?? null));
  if (lastRead?.values === values) return lastRead.environment;
  const parsed = environmentSchema.safeParse(env);
  if (parsed.success) {
    lastRead = { values, environment: Object.freeze(parsed.data) };
    return lastRead.environment;
  }
  const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new ConfigurationError(lines.join('\n'));
}
