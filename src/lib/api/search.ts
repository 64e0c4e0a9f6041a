/**
 * Search facets: what Pagefind indexes for each proposal (filters, metadata, sort keys) and how a
 * search is written in the address bar (`/search/?q=flaky&status=implementable&release=v1.10`).
 *
 * Pure and browser-safe: the build renders the attributes from it, and the search page's script
 * reads and writes the URL with it, so a facet is named in one place.
 */
import { cepStages, cepStatuses, stageInfo, statusInfo } from '../cep/vocabulary.ts';
import { loginsOn } from '../people.ts';
import { healthStatusInfo, trackingSummaryInfo, type HealthStatus, type TrackingSummary } from '../health/labels.ts';

/** URL keys of the facets, in the order the filter pane shows them. */
export const facetParams = ['kind', 'status', 'stage', 'release', 'person', 'sig', 'tracking', 'health'] as const;
export type FacetParam = (typeof facetParams)[number];

/** One facet: its URL key, its Pagefind filter name (shown as the group title) and its value labels. */
export interface SearchFacet {
  param: FacetParam;
  /** Filter name in the index, shown as the filter group's title. */
  filter: string;
  /** URL value → value shown and indexed; values not listed are shown as written. */
  labels: Record<string, string>;
  /** Whether one proposal can have several values (a proposal targets several releases). */
  multiValued: boolean;
}

/** What an indexed page is: a proposal, or a supporting document beside one (counted apart). */
export const pageKinds = { proposal: 'Proposal', supporting: 'Supporting document' } as const;
export type PageKind = keyof typeof pageKinds;

const labelsOf = <T extends string>(values: readonly T[], info: Record<T, { label: string }>) =>
  Object.fromEntries(values.map((value) => [value, info[value].label]));

/** Every facet the search page offers. Tracking and health show up once proposals carry those values. */
export const searchFacets: readonly SearchFacet[] = [
  { param: 'kind', filter: 'Kind', labels: pageKinds, multiValued: false },
  { param: 'status', filter: 'Status', labels: labelsOf(cepStatuses, statusInfo), multiValued: false },
  { param: 'stage', filter: 'Stage', labels: labelsOf(cepStages, stageInfo), multiValued: false },
  { param: 'release', filter: 'Target release', labels: {}, multiValued: true },
  { param: 'person', filter: 'Person', labels: {}, multiValued: true },
  { param: 'sig', filter: 'Owning SIG', labels: {}, multiValued: false },
  {
    param: 'tracking',
    filter: 'Tracking',
    labels: labelsOf(Object.keys(trackingSummaryInfo) as TrackingSummary[], trackingSummaryInfo),
    multiValued: false,
  },
  {
    param: 'health',
    filter: 'Health',
    labels: labelsOf(Object.keys(healthStatusInfo) as HealthStatus[], healthStatusInfo),
    multiValued: false,
  },
];

/** Sort orders offered besides relevance: URL value → Pagefind sort. */
export const searchSorts = {
  number: { key: 'number', direction: 'asc', label: 'Number' },
  updated: { key: 'updated', direction: 'desc', label: 'Recently updated' },
} as const;
export type SearchSort = keyof typeof searchSorts;

/** The facts of one proposal the search index needs (a subset of the CEP record). */
export interface SearchableCep {
  number: number;
  title: string;
  status?: string | undefined;
  stage?: string | undefined;
  targets: { alpha?: string | undefined; beta?: string | undefined; stable?: string | undefined };
  targetRelease?: string | undefined;
  owningSig: string;
  creationDate?: string | undefined;
  lastUpdated?: string | undefined;
  /** First paragraph of the Overview: the excerpt shown when the words searched are not in the text. */
  summary?: string | undefined;
  authors?: readonly string[] | undefined;
  reviewers?: readonly string[] | undefined;
  approvers?: readonly string[] | undefined;
}

/** Facets that come from outside the document (the live tracking issue, CI health). */
export interface ExtraFacets {
  tracking?: string | undefined;
  health?: string | undefined;
  /** Logins assigned to the tracking issue. */
  assignees?: readonly string[] | undefined;
}

/** `[name, value]` pairs, rendered one per element as `data-pagefind-filter|meta|sort="name:value"`. */
export interface SearchAttributes {
  filters: [string, string][];
  meta: [string, string][];
  sort: [string, string][];
  /**
   * Words indexed with the highest weight and never shown: every way people write the proposal's
   * id (`CEP-4233`, `CEP 4233`, `#4233`, `4233`) and the logins of its people, so that a search
   * for either finds the proposal first.
   */
  keywords: string;
}

/** The ways a proposal's id is written in mail, chat and issues. */
export function idSpellings(prefix: string, number: number): string[] {
  return [`${prefix}-${number}`, `${prefix} ${number}`, `${prefix}${number}`, `#${number}`, String(number)];
}

/**
 * The proposal number a query names, when the query is nothing but an id in one of its spellings
 * (`CEP-4233`, `cep 4233`, `#4233`, `4233`), else `undefined`.
 */
export function idInQuery(prefix: string, query: string): number | undefined {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:${escaped}\\s*[-#:]?\\s*|#)?0*(\\d{1,7})\\s*$`, 'i').exec(query);
  return match ? Number(match[1]) : undefined;
}

const facetByParam = new Map(searchFacets.map((facet) => [facet.param, facet]));
const facet = (param: FacetParam): SearchFacet => facetByParam.get(param)!;
const label = (param: FacetParam, value: string) => facet(param).labels[value] ?? value;

/**
 * Filters, metadata and sort keys of one proposal. A facet with no value gets no filter, so the
 * proposal is simply not counted under it. The release filter lists every release targeted at any
 * stage, like the release pages do.
 */
export function searchAttributes(cep: SearchableCep, prefix: string, extra: ExtraFacets = {}): SearchAttributes {
  const filters: [string, string][] = [];
  const add = (param: FacetParam, value: string | undefined) => {
    if (value) filters.push([facet(param).filter, label(param, value)]);
  };
  add('status', cep.status);
  add('stage', cep.stage);
  for (const release of new Set([cep.targets.alpha, cep.targets.beta, cep.targets.stable])) add('release', release);
  add('kind', 'proposal');
  const people = loginsOn({
    number: cep.number,
    authors: cep.authors ?? [],
    reviewers: cep.reviewers ?? [],
    approvers: cep.approvers ?? [],
    assignees: extra.assignees,
  });
  for (const login of people) add('person', login);
  add('sig', cep.owningSig);
  add('tracking', extra.tracking);
  add('health', extra.health);

  const updated = cep.lastUpdated ?? cep.creationDate;
  const meta: [string, string][] = [
    ['title', `${prefix} ${cep.number}: ${cep.title}`],
    ['number', String(cep.number)],
    ['status', cep.status ? label('status', cep.status) : 'Not stated'],
    ['sig', cep.owningSig],
  ];
  if (cep.targetRelease) meta.push(['release', cep.targetRelease]);
  if (updated) meta.push(['updated', updated]);
  meta.push(['kind', pageKinds.proposal]);
  if (cep.summary) meta.push(['summary', cep.summary]);

  // Pagefind leaves pages without a sort key out of sorted results, so every proposal gets both.
  const sort: [string, string][] = [
    ['number', String(cep.number)],
    ['updated', updated ?? '0000-00-00'],
  ];
  return { filters, meta, sort, keywords: [...idSpellings(prefix, cep.number), ...people].join(' ') };
}

/**
 * A supporting document's attributes: its own kind, so that result counts and the Kind facet tell
 * it from proposals, and its proposal's sort keys, so it is listed right after its proposal.
 */
export function supportingSearchAttributes(cep: SearchableCep, pageTitle: string, prefix: string): SearchAttributes {
  const proposal = searchAttributes(cep, prefix);
  return {
    filters: [[facet('kind').filter, pageKinds.supporting]],
    meta: [
      ['title', pageTitle],
      ['kind', pageKinds.supporting],
      ['parent', `${prefix} ${cep.number}: ${cep.title}`],
    ],
    sort: proposal.sort,
    keywords: '',
  };
}

/** A search as the page holds it: query, selected filter values (as indexed) and sort. */
export interface SearchState {
  query: string;
  /** Pagefind filter name → selected values. */
  filters: Record<string, string[]>;
  sort: SearchSort | undefined;
}

/**
 * Reads `?q=…&status=…&release=…&sort=…`. A key repeats for several values; a value may be the slug or
 * the label, in any case ("implementable", "Implementable"). Unknown keys and sort orders are ignored.
 */
export function readSearchParams(params: URLSearchParams): SearchState {
  const filters: Record<string, string[]> = {};
  for (const { param, filter, labels } of searchFacets) {
    const byLowercase = new Map(
      Object.entries(labels).flatMap(([value, shown]) => [
        [value.toLowerCase(), shown],
        [shown.toLowerCase(), shown],
      ]),
    );
    const values = params
      .getAll(param)
      .map((written) => written.trim())
      .filter(Boolean)
      .map((written) => byLowercase.get(written.toLowerCase()) ?? written);
    if (values.length > 0) filters[filter] = [...new Set(values)];
  }
  const sort = params.get('sort') ?? '';
  return { query: (params.get('q') ?? '').trim(), filters, sort: sort in searchSorts ? (sort as SearchSort) : undefined };
}

/** Writes a search as URL parameters, in a fixed order so equal searches give equal links. */
export function writeSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query.trim()) params.set('q', state.query.trim());
  for (const { param, filter, labels } of searchFacets) {
    const bySlug = new Map(Object.entries(labels).map(([value, shown]) => [shown, value]));
    for (const value of state.filters[filter] ?? []) params.append(param, bySlug.get(value) ?? value);
  }
  if (state.sort) params.set('sort', state.sort);
  return params;
}

/**
 * Pagefind filters for a search. Within a facet, values are alternatives (status implementable OR
 * provisional; release v1.9 OR v1.10), as on peps.python.org and every shop; across facets they
 * all apply. Pagefind reads a plain list as "all of them", so lists become `{ any: [...] }`.
 */
export function pagefindFilters(filters: Record<string, readonly string[]>): Record<string, { any: string[] }> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, values]) => values.length > 0)
      .map(([name, values]) => [name, { any: [...values] }]),
  );
}

/** The filters without one facet: a facet's counts are taken over these, so they ignore its own selection. */
export function filtersWithout(filters: Record<string, readonly string[]>, name: string): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(filters).filter(([other]) => other !== name));
}
