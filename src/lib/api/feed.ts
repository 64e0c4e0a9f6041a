/**
 * The feed, `/feed.xml`: one item per proposal, dated by its last update (or its creation), newest
 * first; a proposal that does not state its dates is dated by git (see data/catalogue.ts). An
 * item's guid carries that date and the document's revision, so a feed reader shows a proposal
 * again whenever it changes, even twice on one day or when no date is known.
 */
import type { CepRecord } from '../cep/schema.ts';
import { isCalendarDate, statusInfo } from '../cep/vocabulary.ts';
import { absoluteUrl, proposalPath } from '../urls.ts';
import type { ApiContext } from './ceps.ts';

/** One feed item, in the shape `@astrojs/rss` takes, with an explicit guid. */
export interface FeedItem {
  title: string;
  /** Absolute URL of the proposal page. */
  link: string;
  /** Absolute URL plus `#updated-<date>-<revision>`: a new guid for every change (not a permalink). */
  guid: string;
  pubDate: Date | undefined;
  description: string;
  categories: string[];
  /** Whether the proposal was created on the date the item carries (a new proposal, not an update). */
  isNew: boolean;
}

/** Date an item is filed under: the last update, else the creation date. */
export const feedDate = (cep: Pick<CepRecord, 'lastUpdated' | 'creationDate'>): string | undefined =>
  // Only a real calendar day becomes a date: the feed must never be built from "2026-13-45".
  [cep.lastUpdated, cep.creationDate].find((date): date is string => date !== undefined && isCalendarDate(date));

/** A proposal as the feed takes it: its record and, when known, the revision of its document. */
export type FeedProposal = CepRecord & { revision?: string | undefined };

/** Feed items for every proposal, newest first (undated ones last, by number). */
export function feedItems(
  ceps: readonly FeedProposal[],
  context: Pick<ApiContext, 'siteUrl' | 'basePath' | 'kind'>,
  prefix: string,
  limit = 50,
): FeedItem[] {
  const sorted = [...ceps].sort((left, right) => {
    const byDate = (feedDate(right) ?? '').localeCompare(feedDate(left) ?? '');
    return byDate !== 0 ? byDate : right.number - left.number;
  });
  return sorted.slice(0, limit).map((cep) => {
    const date = feedDate(cep);
    const link = absoluteUrl(context.siteUrl, proposalPath(context, cep.slug));
    const isNew =
      date !== undefined && date === cep.creationDate && (cep.lastUpdated === undefined || cep.lastUpdated === cep.creationDate);
    const status = cep.status ? statusInfo[cep.status].label : 'Status not stated';
    const facts = [status, cep.targetRelease && `targets ${cep.targetRelease}`, cep.owningSig].filter(Boolean).join(' · ');
    return {
      title: `${isNew ? 'New: ' : ''}${prefix} ${cep.number}: ${cep.title}`,
      link,
      guid: `${link}#updated-${date ?? 'undated'}${cep.revision ? `-${cep.revision.slice(0, 16)}` : ''}`,
      pubDate: date ? new Date(`${date}T00:00:00Z`) : undefined,
      description: cep.summary ? `${facts}. ${cep.summary}` : `${facts}.`,
      categories: [cep.status, cep.owningSig, cep.targetRelease].filter((value): value is string => Boolean(value)),
      isNew,
    };
  });
}

/** Escapes text for XML element content. */
export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
