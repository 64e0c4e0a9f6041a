/**
 * The one reading of a link or image written in a proposal or a supporting page: the corpus check
 * (src/lib/corpus/rules.ts) asks whether the file it names exists and may be published, and the
 * markdown plugin (markdown-plugins.ts) rewrites it to where that file is published. Both read it
 * here, so a link the check accepts is a link the site resolves, and the other way round.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { sourceLinks, type CatalogueConfig } from '../config.ts';
import { isInside, SHARED_ASSETS_FOLDER, toPosix } from '../corpus/discovery.ts';
import { extraPagePath, proposalPath } from '../urls.ts';
import { imageFilePattern } from './vocabulary.ts';

/** A link to another site (`https:`, `mailto:`), a site path (`/x`, `//host`), or within the page (`#design`, `?q`): left as written. */
export interface ElsewhereLink {
  kind: 'elsewhere';
}

/** A link that names no file: its path is not a valid URL path (`%ZZ`). */
export interface InvalidLink {
  kind: 'invalid';
  problem: string;
}

/** A link to a file or folder, relative to the file it is written in. */
export interface FileLink {
  kind: 'file';
  /** The absolute path it points at (symbolic links not followed). */
  file: string;
  /** The `?query` and `#fragment` as written, kept on the rewritten link. */
  suffix: string;
}

export type WrittenLink = ElsewhereLink | InvalidLink | FileLink;

// A scheme (`https:`, `javascript:`), a path from the site root or another host, an anchor or a query.
const elsewherePattern = /^(?:[a-z][a-z0-9+.-]*:|[#?/])/i;

/** Whether a link is left as written without reading it further (see {@link ElsewhereLink}). */
export const isWrittenElsewhere = (href: string): boolean => href === '' || elsewherePattern.test(href);

/** A written link's path, as written (`../x/cep.md`), and its `?query#fragment`. */
export function splitLink(href: string): { target: string; suffix: string } {
  const [, target = '', suffix = ''] = /^([^?#]*)(.*)$/s.exec(href) ?? [];
  return { target, suffix };
}

/** Reads a link written in `fromFile` (an absolute path). */
export function readLink(fromFile: string, href: string): WrittenLink {
  if (isWrittenElsewhere(href)) return { kind: 'elsewhere' };
  const { target, suffix } = splitLink(href);
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return { kind: 'invalid', problem: `"${href}" is not a valid URL path` };
  }
  return { kind: 'file', file: path.resolve(path.dirname(fromFile), decoded), suffix };
}

/** The linked file's path inside the content folder, `/`-separated (`4402-x/cep.md`); undefined when the link leaves it. */
export function pathInContent(config: Pick<CatalogueConfig, 'contentDir'>, link: FileLink): string | undefined {
  const relative = path.relative(path.resolve(config.contentDir), link.file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : toPosix(relative);
}

/** Where a linked file is published: its proposal's page, a supporting page, or the file on GitHub. */
export type PublishedAt =
  | { kind: 'proposal'; url: string }
  | { kind: 'supporting-page'; url: string }
  | { kind: 'source'; url: string }
  /** Outside the content folder: nothing of the catalogue's, the link stays as written. */
  | { kind: 'unpublished' };

type SiteConfig = Pick<CatalogueConfig, 'contentDir' | 'basePath' | 'sourceUrl' | 'kind'>;

/** A folder that holds a proposal's document (`4402-x/`, `sig-storage/25-x/`). */
const isProposalFolder = (config: SiteConfig, folder: string) =>
  config.kind.documentNames.some((name) => existsSync(path.join(folder, name)));

/**
 * Where the file a link points at is published. A proposal's document or its folder is its page
 * (the page's slug is the folder's name, as in src/lib/cep/loader.ts), another markdown file beside
 * a proposal is a supporting page, and any other file of the content folder (a shared asset, a
 * README, a YAML file) is shown on GitHub.
 */
export function publishedAt(config: SiteConfig, link: FileLink): PublishedAt {
  const inContent = pathInContent(config, link);
  if (inContent === undefined) return { kind: 'unpublished' };
  const name = path.basename(link.file);
  const folder = path.dirname(link.file);
  const inProposalFolder = inContent.includes('/') && isProposalFolder(config, folder);
  if (inProposalFolder && config.kind.documentNames.includes(name)) {
    return { kind: 'proposal', url: proposalPath(config, path.basename(folder)) + link.suffix };
  }
  if (inProposalFolder && /\.mdx?$/i.test(name)) {
    return { kind: 'supporting-page', url: extraPagePath(config, path.basename(folder), name.replace(/\.mdx?$/i, '')) + link.suffix };
  }
  if (inContent !== '' && isProposalFolder(config, link.file)) {
    return { kind: 'proposal', url: proposalPath(config, name) + link.suffix };
  }
  return { kind: 'source', url: sourceLinks(config, inContent).view + link.suffix };
}

/** The address a link is published as (site page or GitHub); `undefined` leaves it as written. */
export function publishedUrl(config: SiteConfig, link: WrittenLink): string | undefined {
  if (link.kind !== 'file') return undefined;
  const published = publishedAt(config, link);
  return published.kind === 'unpublished' ? undefined : published.url;
}

/** Whether an image the page shows is published with it, and if not, why. */
export type ImagePlace =
  | { kind: 'published' }
  | { kind: 'missing' }
  /** Not an image file: Astro would publish its raw placeholder. */
  | { kind: 'not-an-image' }
  /** Resolves (symbolic links followed, `realFile`) outside its proposal's folder and the shared assets folder. */
  | { kind: 'outside'; realFile: string; sharedAssets: string };

/**
 * Whether the image a link points at is published with the page: the build copies every image it
 * is pointed at, so only images inside the proposal's folder or the shared assets folder are.
 * `exists` and `realpath` can be given to share a cache.
 */
export function imagePlace(
  config: Pick<CatalogueConfig, 'contentDir'>,
  fromFile: string,
  link: FileLink,
  realpath: (file: string) => string = realpathOrSelf,
  exists: (file: string) => boolean = existsSync,
): ImagePlace {
  if (!exists(link.file)) return { kind: 'missing' };
  const realFile = realpath(link.file);
  const sharedAssets = path.join(realpath(config.contentDir), SHARED_ASSETS_FOLDER);
  if (!isInside(realpath(path.dirname(fromFile)), realFile) && !isInside(sharedAssets, realFile)) {
    return { kind: 'outside', realFile, sharedAssets };
  }
  return imageFilePattern.test(link.file) ? { kind: 'published' } : { kind: 'not-an-image' };
}

/** The real path of `file` when it exists (symbolic links followed), else `file` itself. */
export function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
