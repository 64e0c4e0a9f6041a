/**
 * `npm run sync`: refreshes content/tracking.snapshot.json — the tracking state that builds
 * without a GitHub token show — from GitHub.
 *
 * Run `node scripts/sync.ts --help` for usage. `main(argv, dependencies)` is exported so other
 * code (and tests) can run it with their own issue-number discovery, environment and clock.
 */
import { readCorpus } from '../src/lib/cep/corpus.ts';
import { readCatalogueConfig } from '../src/lib/config.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { GitHubClientOptions } from '../src/lib/github/client.ts';
import type { Environment } from '../src/lib/github/config.ts';
import { readTrackingConfig, repositoryName } from '../src/lib/github/config.ts';
import { logProblems } from '../src/lib/github/entries.ts';
import type { FetchTrackingResult } from '../src/lib/github/fetch.ts';
import { TrackingError, fetchTracking } from '../src/lib/github/fetch.ts';
import type { TrackingLogger } from '../src/lib/github/log.ts';
import { redactSecret } from '../src/lib/github/log.ts';
import { readSnapshotFile, writeSnapshotFile } from '../src/lib/github/snapshot-file.ts';

const usage = `
Usage: node scripts/sync.ts [options] [ISSUE ...]

Fetches the tracking issues' state from GitHub and writes it, with sorted keys for stable diffs,
to content/tracking.snapshot.json (the data builds without a token show).

Issue numbers come from, in this order: --issues, --issues-file, ISSUE arguments, the caller's
proposals (CEPs or VEPs, after CATALOGUE_KIND) in CEP_CONTENT_DIR (default content/ceps), or else the numbers already in the snapshot. A number may be written as
4101, #4101 or https://github.com/<owner>/<repo>/issues/4101.

Options:
  --issues LIST        comma-separated issue numbers, e.g. --issues 4101,4233
  --issues-file FILE   file with issue numbers (separated by commas, spaces or lines; lines
                       starting with "# " are comments)
  --out FILE           snapshot to write (default: TRACKING_SNAPSHOT or content/tracking.snapshot.json)
  --full               fetch every issue instead of only what changed since the snapshot
  --strict             exit 1 without writing when any issue could not be refreshed
                       (also TRACKING_STRICT=1)
  -h, --help           show this help

Environment: GITHUB_TOKEN (required; read access to public repositories is enough),
GITHUB_API_URL, GITHUB_GRAPHQL_URL, TRACKING_REPO (default kubevirt/project-infra),
TRACKING_SIG_LABEL, TRACKING_TARGET_LABEL, TRACKING_CHECKIN_REGEX, TRACKING_STRICT.

Exit codes: 0 written (problems are reported as warnings), 1 strict mode found problems, or
nothing could be fetched from GitHub (the snapshot is left exactly as it was), 2 usage or
configuration error.
`;

/** What {@link main} needs from its surroundings; everything defaults to the real process. */
export interface SyncDependencies {
  env?: Environment;
  /** Directory relative paths are resolved against (default: the cwd). */
  root?: string;
  /** Finds the issue numbers when no option or argument names them (e.g. from the CEP corpus). */
  discoverIssueNumbers?: () => Promise<number[]>;
  /** Start time of the fetch; becomes the snapshot's generatedAt. */
  now?: Date;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Client tuning (tests). */
  clientOptions?: GitHubClientOptions;
}

/**
 * Runs the sync CLI.
 *
 * @param argv arguments without the node executable and script path
 * @returns the exit code
 */
export async function main(argv: readonly string[], dependencies: SyncDependencies = {}): Promise<number> {
  const env = dependencies.env ?? process.env;
  const root = dependencies.root ?? process.cwd();
  const stdout = dependencies.stdout ?? ((text: string) => process.stdout.write(text));
  const rawStderr = dependencies.stderr ?? ((text: string) => process.stderr.write(text));
  // Last line of defence: nothing printed may contain the token, whatever produced the text.
  const token = env['GITHUB_TOKEN']?.trim() || env['GH_TOKEN']?.trim() || undefined;
  const stderr = (text: string) => rawStderr(redactSecret(text, token));

  let options: ReturnType<typeof parseSyncArguments>;
  try {
    options = parseSyncArguments(argv);
  } catch (error) {
    stderr(`sync: ${error instanceof Error ? error.message : String(error)}\n\n${usage.trim()}\n`);
    return 2;
  }
  if (options.values.help === true) {
    stdout(`${usage.trim()}\n`);
    return 0;
  }

  try {
    const config = readTrackingConfig({ ...env, ...(options.values.strict === true ? { TRACKING_STRICT: '1' } : {}) }, root);
    if (config.token === undefined) {
      stderr(
        'sync: GITHUB_TOKEN is not set. Create a token with read access to public repositories ' +
          '(a fine-grained token without extra permissions works) and run:\n  GITHUB_TOKEN=<token> node scripts/sync.ts\n',
      );
      return 2;
    }
    const outPath = options.values.out === undefined ? config.snapshotPath : path.resolve(root, options.values.out);
    const existing = await readSnapshotFile(outPath).catch((error: unknown) => {
      stderr(`sync: warning: ignoring ${outPath} as a starting point (${error instanceof Error ? error.message : String(error)})\n`);
      return undefined;
    });
    const numbers = await resolveIssueNumbers(
      options,
      root,
      dependencies.discoverIssueNumbers,
      existing === undefined ? undefined : Object.keys(existing.issues).map(Number),
    );
    if (numbers.length === 0) {
      stderr(`sync: no issue numbers to sync; pass --issues 4101,4233 or --issues-file FILE.\n\n${usage.trim()}\n`);
      return 2;
    }

    const logger: TrackingLogger = { info: (message) => stdout(`${message}\n`), warn: (message) => stderr(`${message}\n`) };
    let result: FetchTrackingResult;
    try {
      result = await fetchTracking({
        numbers,
        previous: existing,
        config,
        logger,
        full: options.values.full === true,
        ...(dependencies.now === undefined ? {} : { now: dependencies.now }),
        ...(dependencies.clientOptions === undefined ? {} : { clientOptions: dependencies.clientOptions }),
      });
    } catch (error) {
      if (error instanceof TrackingError) {
        logProblems(error.problems, logger);
        stderr(`sync: strict mode: ${error.problems.length} problem(s); ${outPath} was not written.\n`);
        return 1;
      }
      throw error;
    }
    logProblems(result.problems, logger);
    if (!result.heardFromGitHub) {
      // Nothing new: writing would only dress old data up as fresh. Keep the file as it is.
      const kept =
        existing === undefined
          ? `${path.relative(root, outPath) || outPath} was not written`
          : `kept ${path.relative(root, outPath) || outPath} as it was (tracking state as of ${existing.generatedAt})`;
      stderr(`sync: nothing could be fetched from GitHub (${result.problems.length} problem(s)); ${kept}.\n`);
      return 1;
    }
    await writeSnapshotFile(outPath, result.snapshot);
    const written = Object.keys(result.snapshot.issues).length;
    stdout(
      `sync: wrote ${path.relative(root, outPath) || outPath}: ${written} issue(s) of ${repositoryName(config.repository)}, ` +
        `${result.fetched.length} fetched (${result.mode}) in ${result.requests} request(s), ${result.problems.length} problem(s).\n`,
    );
    return 0;
  } catch (error) {
    stderr(`sync: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

/**
 * Parses a list of issue references: numbers, `#123`, or GitHub issue URLs, separated by commas,
 * whitespace or newlines. Lines starting with "# " (hash and space) are comments.
 *
 * @throws Error naming the first token that is not an issue reference
 */
export function parseIssueNumberList(text: string): number[] {
  const numbers: number[] = [];
  const withoutComments = text
    .split(/\r?\n/)
    .filter((line) => !/^\s*#(?!\d)/.test(line))
    .join('\n');
  for (const token of withoutComments.split(/[\s,]+/).filter((part) => part !== '')) {
    const match = /^(?:#|https:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+\/issues\/)?([1-9]\d{0,9})\/?$/.exec(token);
    if (match?.[1] === undefined) throw new Error(`${JSON.stringify(token)} is not an issue number`);
    numbers.push(Number(match[1]));
  }
  return numbers;
}

function parseSyncArguments(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      issues: { type: 'string', multiple: true },
      'issues-file': { type: 'string' },
      out: { type: 'string' },
      full: { type: 'boolean' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

async function resolveIssueNumbers(
  options: ReturnType<typeof parseSyncArguments>,
  root: string,
  discover: (() => Promise<number[]>) | undefined,
  inSnapshot: number[] | undefined,
): Promise<number[]> {
  if (options.values.issues !== undefined) return parseIssueNumberList(options.values.issues.join(','));
  const file = options.values['issues-file'];
  if (file !== undefined) return parseIssueNumberList(await readFile(path.resolve(root, file), 'utf8'));
  if (options.positionals.length > 0) return parseIssueNumberList(options.positionals.join(' '));
  if (discover !== undefined) return discover();
  return inSnapshot ?? [];
}

if (import.meta.main) {
  // By default the issues to refresh are those the CEPs name, read with the catalogue's own parser.
  const discoverIssueNumbers = async () => [...new Set(readCorpus(readCatalogueConfig()).ceps.map((cep) => cep.trackingIssue.number))];
  main(process.argv.slice(2), { discoverIssueNumbers }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`sync: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
