/**
 * What git knows about the proposals: when each was created and last changed (the commits that
 * touched its folder, following renames), and how its target release changed over time.
 *
 * Read once per build for the whole content folder: one `git log` over the folder gives every
 * commit and the files (and blob ids) it changed; one `git cat-file --batch` then reads the past
 * versions of the documents whose history matters, each parsed with the same parser as today's.
 * Both run asynchronously; outside git, without git, or in a shallow clone (whose oldest commit
 * would pass for every proposal's creation) the history is empty and says why.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CatalogueKind } from './catalogue-kind.ts';
import { parseCepSource } from './parse.ts';

export interface TargetChange {
  /** Commit date, ISO. */
  date: string;
  commit: string;
  /** Target release before and after the commit; undefined means "not set". */
  from: string | undefined;
  to: string | undefined;
}

/** When a proposal's folder was first and last changed, by git's commits. */
export interface GitDates {
  /** Date of the oldest commit that touched the folder (under any earlier name), YYYY-MM-DD. */
  created: string;
  /** Date of the newest such commit, YYYY-MM-DD. */
  updated: string;
  /** The newest such commit. */
  commit: string;
}

export interface ContentHistory {
  /** Git dates per document, keyed by its path relative to the content folder. */
  dates: Map<string, GitDates>;
  /** Target changes per document (only those whose target changed), oldest first. */
  retargeting: Map<string, TargetChange[]>;
  /** Why there is no history, when there is none (not a git work tree, shallow clone…). */
  unavailable?: string;
}

const run = promisify(execFile);
const git = async (cwd: string, args: string[]) => (await run('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })).stdout;

interface Change {
  /** A, M, D, R, C, T… */
  status: string;
  /** Blob id after the commit. */
  blob: string;
  /** Path before a rename or copy. */
  from?: string;
  /** Path after the commit, relative to the content folder. */
  to: string;
}

interface Commit {
  commit: string;
  date: string;
  changes: Change[];
}

const RECORD = '\x1e';
const FIELD = '\x1f';

/** Parses `git log --format=<RECORD>%H<FIELD>%cI --raw --no-abbrev -M --relative`, newest first. */
export function parseRawLog(log: string): Commit[] {
  const commits: Commit[] = [];
  for (const line of log.split('\n')) {
    if (line.startsWith(RECORD)) {
      const [commit = '', date = ''] = line.slice(1).split(FIELD);
      commits.push({ commit, date, changes: [] });
    } else if (line.startsWith(':')) {
      // `:100644 100644 <old blob> <new blob> R093\told path\tnew path`
      const [meta = '', ...paths] = line.split('\t');
      const [, , , blob = '', status = ''] = meta.split(' ');
      const to = paths.at(-1);
      if (to === undefined) continue;
      commits.at(-1)?.changes.push({ status: status.charAt(0), blob, to, ...(paths.length > 1 ? { from: paths[0] } : {}) });
    }
  }
  return commits;
}

interface Touch {
  index: number;
  change: Change;
}

/** Changes by every folder they are inside (`a/b/c.md` is under `a` and `a/b`), in commit order. */
function indexByFolder(commits: readonly Commit[]): Map<string, Touch[]> {
  const byFolder = new Map<string, Touch[]>();
  commits.forEach((commit, index) => {
    for (const change of commit.changes) {
      const parts = change.to.split('/');
      for (let depth = 1; depth < parts.length; depth += 1) {
        const folder = parts.slice(0, depth).join('/');
        let touches = byFolder.get(folder);
        if (!touches) byFolder.set(folder, (touches = []));
        touches.push({ index, change });
      }
    }
  });
  return byFolder;
}

/** One document's touches, following renames of its folder back in time; and its versions (blob ids). */
function followDocument(relativePath: string, byFolder: ReadonlyMap<string, Touch[]>) {
  const touches: Touch[] = [];
  const pending: { folder: string; from: number }[] = [{ folder: path.posix.dirname(relativePath), from: 0 }];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const { folder, from } = pending.pop()!;
    if (seen.has(folder)) continue;
    seen.add(folder);
    for (const touch of byFolder.get(folder) ?? []) {
      if (touch.index < from) continue;
      touches.push(touch);
      const { change } = touch;
      if (change.status === 'R' && change.from) {
        // `old/x.md → folder/x.md`: before this commit the folder was called `old`.
        const suffix = change.to.slice(folder.length);
        if (change.from.endsWith(suffix))
          pending.push({ folder: change.from.slice(0, change.from.length - suffix.length), from: touch.index });
      }
    }
  }
  touches.sort((left, right) => left.index - right.index);
  const versions: { index: number; blob: string }[] = [];
  let documentPath = relativePath;
  for (const { index, change } of touches) {
    if (change.to !== documentPath) continue;
    if (change.status !== 'D') versions.push({ index, blob: change.blob });
    if (change.status === 'R' && change.from) documentPath = change.from;
  }
  return { touches, versions };
}

/** Reads many blobs with one `git cat-file --batch`. */
function readBlobs(cwd: string, blobs: readonly string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      const output = Buffer.concat(chunks);
      const contents = new Map<string, Buffer>();
      let offset = 0;
      while (offset < output.length) {
        const newline = output.indexOf(0x0a, offset);
        if (newline < 0) break;
        const [blob = '', type, size] = output.subarray(offset, newline).toString('utf8').split(' ');
        if (type === undefined || size === undefined) {
          offset = newline + 1; // `<id> missing`
          continue;
        }
        contents.set(blob, output.subarray(newline + 1, newline + 1 + Number(size)));
        offset = newline + 1 + Number(size) + 1;
      }
      resolve(contents);
    });
    child.stdin.end(blobs.map((blob) => `${blob}\n`).join(''));
  });
}

/**
 * The git history of the documents `relativePaths` under `contentDir`. At most `maxVersions`
 * versions of a document are read for its re-targeting history.
 */
export async function readContentHistory(
  contentDir: string,
  relativePaths: readonly string[],
  kind: CatalogueKind,
  maxVersions = 30,
): Promise<ContentHistory> {
  const empty = (unavailable: string): ContentHistory => ({ dates: new Map(), retargeting: new Map(), unavailable });
  let log: string;
  try {
    const [shallow = ''] = (await git(contentDir, ['rev-parse', '--is-shallow-repository'])).split('\n');
    if (shallow.trim() === 'true') return empty('the git clone is shallow (check out with fetch-depth: 0 for dates from git)');
    log = await git(contentDir, [
      '-c',
      'core.quotePath=false',
      'log',
      `--format=${RECORD}%H${FIELD}%cI`,
      '--raw',
      '--no-abbrev',
      '-M',
      '--relative',
      '--',
      '.',
    ]);
  } catch {
    return empty('the content folder is not in a git work tree');
  }
  const commits = parseRawLog(log);
  const byFolder = indexByFolder(commits);
  const dates = new Map<string, GitDates>();
  const histories = new Map<string, { index: number; blob: string }[]>();
  for (const relativePath of relativePaths) {
    const { touches, versions } = followDocument(relativePath, byFolder);
    const newest = commits[touches[0]?.index ?? -1];
    const oldest = commits[touches.at(-1)?.index ?? -1];
    if (newest && oldest)
      dates.set(relativePath, { created: oldest.date.slice(0, 10), updated: newest.date.slice(0, 10), commit: newest.commit });
    if (versions.length > 1) histories.set(relativePath, versions.slice(0, maxVersions).reverse());
  }
  const blobs = await readBlobs(contentDir, [
    ...new Set([...histories.values()].flatMap((versions) => versions.map((version) => version.blob))),
  ]).catch(() => new Map<string, Buffer>());
  const targets = new Map<string, string | undefined>();
  const retargeting = new Map<string, TargetChange[]>();
  for (const [relativePath, versions] of histories) {
    const targetOf = (blob: string) => {
      if (!targets.has(blob)) {
        const source = blobs.get(blob);
        targets.set(blob, source && parseCepSource(source, { kind, relativePath, displayPath: relativePath }).record?.targetRelease);
      }
      return targets.get(blob);
    };
    const changes: TargetChange[] = [];
    for (let index = 1; index < versions.length; index += 1) {
      const [previous, current] = [versions[index - 1]!, versions[index]!];
      const [from, to] = [targetOf(previous.blob), targetOf(current.blob)];
      const commit = commits[current.index]!;
      if (from !== to) changes.push({ date: commit.date, commit: commit.commit, from, to });
    }
    if (changes.length > 0) retargeting.set(relativePath, changes);
  }
  return { dates, retargeting };
}
