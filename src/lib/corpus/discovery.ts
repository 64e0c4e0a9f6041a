/**
 * Which files make up the catalogue: proposal documents, the extra pages beside them and the
 * release schedules. Lint and build both take their file lists from here (the content loaders are
 * given these lists rather than globbing on their own), so they read the same files.
 *
 * A file counts only if it is, after following symbolic links, a regular file inside the content
 * folder. Anything else that would have been read (a link out of the folder, a broken or looping
 * link, a folder that looks like a proposal but has no document, two schedules for one release)
 * is a finding, never a silent skip and never a crash.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { CatalogueKind } from '../cep/catalogue-kind.ts';
import type { Diagnostic } from '../cep/diagnostics.ts';
import { compareReleases } from '../cep/release-version.ts';
import type { CatalogueConfig } from '../config.ts';
import { parseSchedule, type Release } from '../releases/schedule.ts';
import type { LintRuleId } from '../rules/registry.ts';

export const toPosix = (file: string) => file.split(path.sep).join('/');

/** How a path is shown to the user: relative to the working directory when inside it. */
export function displayPath(filePath: string, cwd = process.cwd()): string {
  const relative = path.relative(cwd, filePath);
  return relative && !relative.startsWith('..') ? toPosix(relative) : toPosix(filePath);
}

/** Folder, below the content folder, for images shared by several proposals. */
export const SHARED_ASSETS_FOLDER = 'assets';

/** Whether `target` is `folder` or inside it (both absolute, already resolved). */
export const isInside = (folder: string, target: string) => {
  const relative = path.relative(folder, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** What a path resolves to, after symbolic links. */
export type Resolved =
  | { ok: true; realPath: string; kind: 'file' | 'directory' | 'other' }
  | { ok: false; rule: 'symlink-broken' | 'file-outside-content'; message: string };

/** Resolves `filePath` and checks it stays inside `root` (the content folder's real path). */
export function resolveInside(root: string, filePath: string): Resolved {
  let realPath: string;
  try {
    realPath = realpathSync(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ELOOP'
        ? 'is a symbolic link that loops'
        : code === 'ENOENT'
          ? 'is a symbolic link to nothing (broken)'
          : `cannot be read (${code ?? (error as Error).message})`;
    return { ok: false, rule: 'symlink-broken', message: why };
  }
  if (!isInside(root, realPath)) {
    return {
      ok: false,
      rule: 'file-outside-content',
      message: `is a symbolic link to ${realPath}, outside the content folder; only files inside it are published`,
    };
  }
  const stats = statSync(realPath);
  return { ok: true, realPath, kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other' };
}

export interface Discovery {
  /** Proposal documents, relative to the content folder, `/`-separated, sorted. */
  proposals: string[];
  /** Extra markdown pages beside the proposal documents, same form. */
  extraPages: string[];
  diagnostics: Diagnostic[];
}

/** A folder name that reads as a proposal's: a number, a dash, a slug (`4101-arm64-lanes`). */
const proposalFolderName = /^\d+-./;
const markdownName = /\.mdx?$/i;

/**
 * Lists the catalogue's documents. Walks the content folder as deep as the kind's document
 * pattern reaches; entries starting with a dot (`.git`) are not part of the catalogue.
 */
export function discoverProposals(config: Pick<CatalogueConfig, 'contentDir' | 'kind'>, cwd = process.cwd()): Discovery {
  const diagnostics: Diagnostic[] = [];
  const report = (filePath: string, severity: Diagnostic['severity'], rule: LintRuleId, message: string) =>
    diagnostics.push({ file: displayPath(filePath, cwd), line: 1, column: 1, severity, rule, message });
  if (!existsSync(config.contentDir) || !statSync(config.contentDir).isDirectory()) {
    report(
      config.contentDir,
      'error',
      'content-folder-missing',
      `the content folder ${displayPath(config.contentDir, cwd)} does not exist or is not a folder (set CEP_CONTENT_DIR or --content-dir)`,
    );
    return { proposals: [], extraPages: [], diagnostics };
  }
  const root = realpathSync(config.contentDir);
  const kind = config.kind;
  const depth = documentDepth(kind);
  const proposals: string[] = [];
  const extraPages: string[] = [];

  const visit = (relativeFolder: string, level: number) => {
    const folder = path.join(config.contentDir, relativeFolder);
    const entries = readdirSync(folder, { withFileTypes: true }).filter((entry) => !entry.name.startsWith('.'));
    const files: string[] = [];
    for (const entry of entries) {
      const relativePath = relativeFolder ? `${relativeFolder}/${entry.name}` : entry.name;
      const type = entryType(root, path.join(config.contentDir, relativePath), entry, report);
      if (type === 'directory' && level < depth.max) visit(relativePath, level + 1);
      else if (type === 'file') files.push(relativePath);
      else if (type === 'other' && (kind.documentNames.includes(entry.name) || markdownName.test(entry.name))) {
        report(
          path.join(config.contentDir, relativePath),
          'error',
          'file-not-regular',
          'is not a regular file; proposals and pages must be plain files',
        );
      }
    }
    const document = files.find((file) => path.matchesGlob(file, kind.documentPattern));
    if (document) {
      proposals.push(document);
      extraPages.push(
        ...files.filter((file) => file !== document && markdownName.test(file) && !kind.documentNames.includes(path.posix.basename(file))),
      );
    } else if (
      relativeFolder &&
      proposalFolderName.test(path.posix.basename(relativeFolder)) &&
      path.matchesGlob(`${relativeFolder}/${kind.documentNames[0]}`, kind.documentPattern)
    ) {
      report(folder, 'warning', 'document-missing', missingDocumentMessage(relativeFolder, files, kind));
    }
  };
  visit('', 0);
  return { proposals: proposals.sort(), extraPages: extraPages.sort(), diagnostics };
}

/** How deep, in folders, documents sit under the content folder for this kind (`*\/cep.md`: 1). */
function documentDepth(kind: Pick<CatalogueKind, 'documentPattern'>): { max: number } {
  // The pattern's alternatives (`{*/*,*/*/*}/vep.md`) are few; count the folders of the longest.
  const longest = kind.documentPattern.replace(
    /\{([^}]*)\}/g,
    (_, list: string) => list.split(',').sort((a, b) => b.length - a.length)[0] ?? '',
  );
  return { max: longest.split('/').length - 1 };
}

/** A directory entry's type after symbolic links, reporting links that lead nowhere or out. */
function entryType(
  root: string,
  filePath: string,
  entry: Dirent,
  report: (file: string, severity: Diagnostic['severity'], rule: LintRuleId, message: string) => void,
) {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  const resolved = resolveInside(root, filePath);
  if (!resolved.ok) {
    report(filePath, 'error', resolved.rule, resolved.message);
    return 'skipped';
  }
  return resolved.kind;
}

/** The warning for a proposal folder without its document, with a hint when a near miss is there. */
function missingDocumentMessage(folder: string, files: readonly string[], kind: Pick<CatalogueKind, 'documentNames'>): string {
  const expected = kind.documentNames[0] ?? 'the document';
  const names = files.map((file) => path.posix.basename(file));
  const nearMiss =
    names.find((name) => kind.documentNames.some((wanted) => wanted.toLowerCase() === name.toLowerCase())) ??
    names.find((name) => /^(readme|cep|vep|proposal|index)\.(md|mdx|markdown)$/i.test(name)) ??
    (names.filter((name) => markdownName.test(name)).length === 1 ? names.find((name) => markdownName.test(name)) : undefined);
  const hint = nearMiss ? `; found ${nearMiss}: rename it to ${expected} if it is the proposal` : '';
  return `folder ${folder}/ looks like a proposal but has no ${kind.documentNames.join(' or ')}, so it is not published${hint}`;
}

/**
 * Reads every `<version>/schedule.{yaml,yml}` below the releases folder. Two files for one release
 * (`v1.10/` beside `1.10.0/`, or `schedule.yml` beside `schedule.yaml`) are an error naming both:
 * neither silently replaces the other.
 */
export function readReleases(releasesDir: string, cwd = process.cwd()): { releases: Release[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byVersion = new Map<string, { release: Release; file: string }>();
  if (!existsSync(releasesDir)) return { releases: [], diagnostics };
  const files = readdirSync(releasesDir, { withFileTypes: true })
    .filter(
      (entry) => !entry.name.startsWith('.') && statSync(path.join(releasesDir, entry.name), { throwIfNoEntry: false })?.isDirectory(),
    )
    .flatMap((entry) => ['schedule.yaml', 'schedule.yml'].map((name) => `${entry.name}/${name}`))
    .filter((file) => existsSync(path.join(releasesDir, file)))
    .sort();
  for (const file of files) {
    const filePath = path.join(releasesDir, file);
    const parsed = parseSchedule(readFileSync(filePath, 'utf8'), file, displayPath(filePath, cwd));
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.release) continue;
    const earlier = byVersion.get(parsed.release.version);
    if (earlier) {
      const both = [earlier.file, filePath].map((file) => displayPath(file, cwd));
      const message = `two schedules for ${parsed.release.version}: ${both.join(' and ')}; keep one of them`;
      for (const file of both) diagnostics.push({ file, line: 1, column: 1, severity: 'error', rule: 'schedule-duplicate', message });
      continue;
    }
    byVersion.set(parsed.release.version, { release: parsed.release, file: filePath });
  }
  const releases = [...byVersion.values()]
    .map(({ release }) => release)
    .sort((left, right) => compareReleases(left.version, right.version));
  return { releases, diagnostics };
}
