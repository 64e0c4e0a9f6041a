/**
 * Every URL the site links to, built in one place so pages, feeds, reports and the API agree,
 * and so that the site works under a base path (GitHub Pages' `/<repo>/`) and at the root.
 */
import type { CatalogueKind } from './cep/catalogue-kind.ts';

/** Joins the base path and a site path (`/` separated, no leading slash). */
export function sitePath(basePath: string, pathInSite = ''): string {
  const base = basePath.endsWith('/') ? basePath : `${basePath}/`;
  return `${base}${pathInSite.replace(/^\/+/, '')}`;
}

/**
 * Where the site is published and which kind of proposal it holds: the proposal paths follow the
 * kind (`/ceps/…`, `/cep/N/` for CEPs; `/veps/…`, `/vep/N/` for VEPs). A `CatalogueConfig` is one.
 */
export interface SiteLocation {
  basePath: string;
  kind: Pick<CatalogueKind, 'pathSegment' | 'permalinkSegment'>;
}

/** Page of one proposal: `/ceps/<n>-<slug>/`. */
export const proposalPath = (site: SiteLocation, slug: string) => sitePath(site.basePath, `${site.kind.pathSegment}/${slug}/`);
/** Extra page beside a proposal (`design-details.md` → `/ceps/<slug>/design-details/`). */
export const extraPagePath = (site: SiteLocation, slug: string, name: string) =>
  sitePath(site.basePath, `${site.kind.pathSegment}/${slug}/${name}/`);
/** Short permalink for mailing-list posts: `/cep/<n>/`. */
export const permalinkPath = (site: SiteLocation, number: number) => sitePath(site.basePath, `${site.kind.permalinkSegment}/${number}/`);
/** The JSON API of every proposal: `/api/ceps.json`. */
export const apiPath = (site: SiteLocation) => sitePath(site.basePath, `api/${site.kind.pathSegment}.json`);
/** The built proposal pages and their supporting documents, inside the output folder, for the search index. */
export const proposalPagesGlob = (site: Pick<SiteLocation, 'kind'>) => `${site.kind.pathSegment}/**/*.html`;
/** Release page. */
export const releasePath = (basePath: string, version: string) => sitePath(basePath, `releases/${version}/`);
/** Catalogue filtered to one status. */
export const statusPath = (basePath: string, status: string) => sitePath(basePath, `status/${status}/`);

/** An absolute URL for a site path, for feeds, reports and meta tags. */
export function absoluteUrl(siteUrl: string, pathWithBase: string): string {
  return new URL(pathWithBase, `${siteUrl.replace(/\/+$/, '')}/`).toString();
}

/** Freeze calendar of every release (iCalendar). */
export const releasesCalendarPath = (basePath: string) => sitePath(basePath, 'releases.ics');
/** Freeze calendar of one release (iCalendar), beside its page: `/releases/v1.10.ics`. */
export const releaseCalendarPath = (basePath: string, version: string) => sitePath(basePath, `releases/${version}.ics`);
/** Status badge of one proposal (SVG), under its short permalink: `/cep/4101/badge.svg`. */
export const badgePath = (site: SiteLocation, number: number) => `${permalinkPath(site, number)}badge.svg`;
/** What the deployed site was built from (see src/lib/build-inputs/). */
export const buildInputsPath = (basePath: string) => sitePath(basePath, 'build-inputs.json');
/** Page of one person: what they authored, reviewed, approved or own (`@Mara-CI` → `/people/mara-ci/`). */
export const personPath = (basePath: string, login: string) => sitePath(basePath, `people/${login.replace(/^@/, '').toLowerCase()}/`);
/** The catalogue as one flat table by number (the home page groups by lifecycle). */
export const flatCataloguePath = (basePath: string) => sitePath(basePath, 'all/');

/**
 * The proposal number in an address under the kind's folders (`segments`: `ceps`, `cep` for CEPs;
 * `/base/ceps/4233-old-slug/design/` → 4233),
 * for the 404 page to lead an old or mistyped proposal address to the proposal; else `undefined`.
 */
export function proposalNumberInPath(
  basePath: string,
  pathname: string,
  segments: readonly string[] = ['ceps', 'cep'],
): number | undefined {
  const inSite = pathname.startsWith(sitePath(basePath)) ? pathname.slice(sitePath(basePath).length) : pathname.replace(/^\/+/, '');
  const segment = inSite.split('/')[0]?.toLowerCase() ?? '';
  if (!segments.includes(segment)) return undefined;
  const match = /^0*(\d{1,7})(?:[-/]|$)/.exec(inSite.slice(segment.length + 1));
  return match ? Number(match[1]) : undefined;
}

/** An issue on GitHub (or a GitHub Enterprise server): `<server>/<owner>/<name>/issues/<number>`. */
export function githubIssueUrl(serverUrl: string, repository: string, issueNumber: number): string {
  return `${serverUrl.replace(/\/+$/, '')}/${repository}/issues/${issueNumber}`;
}

/** A person's GitHub profile, from a handle written with or without "@"; undefined for a handle GitHub could not have. */
export function githubProfileUrl(handle: string, serverUrl = 'https://github.com'): string | undefined {
  const login = handle.trim().replace(/^@/, '');
  // GitHub logins: letters, digits and single hyphens, at most 39 characters; bots end in [bot].
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?$/.test(login)) return undefined;
  return `${serverUrl.replace(/\/+$/, '')}/${login.replace(/\[bot\]$/, '')}`;
}

/** Anchor id of a proposal's row on a release page, so count chips and links can point at it. */
export const dashboardRowId = (number: number) => `row-${number}`;

/** The rules page, or one rule's section on it (`/rules/#link-broken`); lint messages link there. */
export const rulesPath = (basePath: string) => sitePath(basePath, 'rules/');
export const rulePath = (basePath: string, ruleId: string) => `${rulesPath(basePath)}#${ruleId}`;
