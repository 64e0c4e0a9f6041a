/**
 * Re-targeting history: how a CEP's target release changed over time, read from the git history
 * of its document. Each past version is parsed with the same parser as the current one.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
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

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });

/** Whether `directory` is inside a git work tree (false when git is missing, too). */
export function inGitWorkTree(directory: string): boolean {
  try {
    return git(directory, ['rev-parse', '--is-inside-work-tree']).trim() === 'true';
  } catch {
    return false;
  }
}

/**
 * The target-release changes of one document, oldest first, following renames; at most
 * `maxCommits` commits are read. Returns [] outside git or when the target never changed.
 */
export function targetHistory(filePath: string, kind: CatalogueKind, maxCommits = 30): TargetChange[] {
  const directory = path.dirname(filePath);
  let log: string;
  try {
    log = git(directory, ['log', '--follow', `--max-count=${maxCommits}`, '--format=%H %aI', '--name-only', '--', path.basename(filePath)]);
  } catch {
    return [];
  }
  // `--name-only` gives the path the file had in each commit, which `git show` needs after a rename.
  const commits: { commit: string; date: string; file: string }[] = [];
  for (const line of log.split('\n').filter(Boolean)) {
    const header = /^([0-9a-f]{40}) (\S+)$/.exec(line);
    if (header) commits.push({ commit: header[1] ?? '', date: header[2] ?? '', file: '' });
    else if (commits.at(-1)?.file === '') commits.at(-1)!.file = line;
  }
  if (commits.length < 2) return [];
  let root: string;
  try {
    root = git(directory, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return [];
  }
  const relativeToContent = path.basename(path.dirname(filePath)) + '/' + path.basename(filePath);
  const versions = commits.reverse().map(({ commit, date, file }) => {
    let target: string | undefined;
    try {
      const source = git(root, ['show', `${commit}:${file}`]);
      target = parseCepSource(source, { kind, relativePath: relativeToContent, displayPath: file }).record?.targetRelease;
    } catch {
      target = undefined;
    }
    return { commit, date, target };
  });
  const changes: TargetChange[] = [];
  for (let index = 1; index < versions.length; index += 1) {
    const previous = versions[index - 1];
    const current = versions[index];
    if (previous && current && previous.target !== current.target) {
      changes.push({ date: current.date, commit: current.commit, from: previous.target, to: current.target });
    }
  }
  return changes;
}

/**
 * Target histories of many documents under `contentDir`, keyed by path relative to it. One
 * `git log` finds the documents with more than one commit; only those are read further.
 */
export function targetHistories(contentDir: string, relativePaths: readonly string[], kind: CatalogueKind): Map<string, TargetChange[]> {
  const histories = new Map<string, TargetChange[]>();
  if (!inGitWorkTree(contentDir)) return histories;
  let log: string;
  try {
    log = git(contentDir, ['log', '--format=', '--name-status', '-M', '--relative', '--', '.']);
  } catch {
    return histories;
  }
  // A document touched by one commit has no history, unless that commit moved it here.
  const commitsPerFile = new Map<string, number>();
  for (const line of log.split('\n').filter(Boolean)) {
    const [status = '', ...paths] = line.split('\t');
    const file = paths.at(-1) ?? '';
    commitsPerFile.set(file, (commitsPerFile.get(file) ?? 0) + (status.startsWith('R') ? 2 : 1));
  }
  for (const relativePath of relativePaths) {
    if ((commitsPerFile.get(relativePath) ?? 0) < 2) continue;
    const changes = targetHistory(path.join(contentDir, relativePath), kind);
    if (changes.length > 0) histories.set(relativePath, changes);
  }
  return histories;
}
