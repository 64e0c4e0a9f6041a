/**
 * What a build depends on, as one digest: the proposals, the release schedules, the catalogue's
 * code, the tracking data, the configuration that shapes the pages, and the date.
 *
 * The site publishes these as `/build-inputs.json`. A scheduled or issue-event run computes them
 * again after fetching the tracking data and, when nothing differs from what is deployed, skips
 * build and deploy (most such runs: a comment on an unrelated issue, a refresh with no news).
 *
 * The date is an input because pages judge against today (the release phase, "no check-in for 7
 * days", the timeline's today mark): without it a skipped run could leave a page that was true
 * yesterday. So with nothing else changing, the site is still rebuilt once a day.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Bumped when what goes into a part changes, so an old published file never matches by accident. */
export const BUILD_INPUTS_FORMAT = 1;

export const buildInputParts = ['content', 'releases', 'code', 'tracking', 'configuration', 'date'] as const;
export type BuildInputPart = (typeof buildInputParts)[number];

export interface BuildInputs {
  format: typeof BUILD_INPUTS_FORMAT;
  /** sha256 over every part. */
  digest: string;
  parts: Record<BuildInputPart, string>;
}

/** Files and folders of the catalogue's own code, relative to its root: what a build runs. */
export const codePaths = ['package.json', 'package-lock.json', 'astro.config.mjs', 'tsconfig.json', 'src', 'public', 'scripts'] as const;

/** Environment variables that change what the pages say or where they link. */
export const configurationVariables = [
  'SITE_URL',
  'BASE_PATH',
  'CATALOGUE_KIND',
  'CEP_SOURCE_URL',
  'TRACKING_REPO',
  'TRACKING_SIG_LABEL',
  'TRACKING_TARGET_LABEL',
  'TRACKING_CHECKIN_REGEX',
  'TRACKING_MAX_AGE_HOURS',
  'TRACKING_STRICT',
] as const;

/** Folders never part of an input: version control, installed packages, build output and caches. */
const ignoredFolders = new Set(['.git', 'node_modules', 'dist', '.astro', '.cache']);

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/**
 * Hashes files by path and bytes, in a stable order. Symlinks are hashed by where they point and not
 * followed: the digest reads nothing outside the folders it is given.
 */
export function digestFiles(root: string, entries: readonly string[] = ['.']): string {
  const hash = createHash('sha256');
  const visit = (relative: string) => {
    const absolute = path.join(root, relative);
    if (!existsSync(absolute) && !isSymlink(absolute)) return;
    const stat = lstatSync(absolute);
    const name = relative.split(path.sep).join('/');
    if (stat.isSymbolicLink()) {
      hash.update(`link\0${name}\0${readlinkSync(absolute)}\0`);
    } else if (stat.isDirectory()) {
      for (const child of readdirSync(absolute).sort()) {
        if (!ignoredFolders.has(child)) visit(path.join(relative, child));
      }
    } else if (stat.isFile()) {
      hash.update(`file\0${name}\0${sha256(readFileSync(absolute))}\0`);
    }
  };
  for (const entry of [...entries].sort()) visit(entry);
  return hash.digest('hex');
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Recursively sorted keys, so that two equal values serialise to the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Digest of a tracking snapshot without the times it was fetched at (`generatedAt`, each issue's
 * `fetchedAt`): a refresh that found nothing new is no change. A file that is not JSON is hashed as
 * bytes; a missing one as absent.
 */
export function digestTracking(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    if (!existsSync(file)) {
      hash.update('absent\0');
      continue;
    }
    const bytes = readFileSync(file);
    let text: string;
    try {
      const snapshot = JSON.parse(bytes.toString('utf8')) as unknown;
      text = canonicalJson(withoutFetchTimes(snapshot));
    } catch {
      text = bytes.toString('binary');
    }
    hash.update(`${sha256(text)}\0`);
  }
  return hash.digest('hex');
}

function withoutFetchTimes(snapshot: unknown): unknown {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return snapshot;
  const { generatedAt: _generatedAt, issues, ...rest } = snapshot as Record<string, unknown>;
  if (issues === null || typeof issues !== 'object' || Array.isArray(issues)) return { ...rest, issues };
  const cleaned = Object.fromEntries(
    Object.entries(issues as Record<string, unknown>).map(([number, issue]) => {
      if (issue === null || typeof issue !== 'object' || Array.isArray(issue)) return [number, issue];
      const { fetchedAt: _fetchedAt, ...state } = issue as Record<string, unknown>;
      return [number, state];
    }),
  );
  return { ...rest, issues: cleaned };
}

export interface BuildInputSources {
  /** Root of the catalogue's code (this repository, or the action's checkout). */
  codeRoot: string;
  contentDir: string;
  releasesDir: string;
  /** Tracking data the build will read (the snapshot that `npm run sync` wrote). */
  trackingFiles: readonly string[];
  env: NodeJS.ProcessEnv;
  /** YYYY-MM-DD. */
  today: string;
}

/** Computes the inputs of a build that would run now. */
export function computeBuildInputs(sources: BuildInputSources): BuildInputs {
  const configuration = Object.fromEntries(configurationVariables.map((name) => [name, sources.env[name]?.trim() ?? '']));
  const parts: Record<BuildInputPart, string> = {
    content: digestFiles(sources.contentDir),
    releases: digestFiles(sources.releasesDir),
    code: sha256(`${digestFiles(sources.codeRoot, codePaths)}\0node ${process.versions.node.split('.')[0]}`),
    tracking: digestTracking(sources.trackingFiles),
    configuration: sha256(canonicalJson(configuration)),
    date: sources.today,
  };
  return { format: BUILD_INPUTS_FORMAT, digest: sha256(canonicalJson(parts)), parts };
}

/** Reads a published `/build-inputs.json`; anything else (an old format, a page of HTML) is "unknown". */
export function readBuildInputs(text: string): BuildInputs | undefined {
  try {
    const value = JSON.parse(text) as Partial<BuildInputs>;
    if (value.format !== BUILD_INPUTS_FORMAT || typeof value.digest !== 'string' || typeof value.parts !== 'object' || value.parts === null)
      return undefined;
    return value as BuildInputs;
  } catch {
    return undefined;
  }
}

/** The parts in which two sets of inputs differ, in the order of {@link buildInputParts}. */
export function changedParts(current: BuildInputs, previous: BuildInputs): BuildInputPart[] {
  return buildInputParts.filter((part) => current.parts[part] !== previous.parts[part]);
}
