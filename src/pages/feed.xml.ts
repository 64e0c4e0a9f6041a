import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { allCeps, catalogue, revisionOf } from '../data/catalogue.ts';
import { escapeXml, feedItems } from '../lib/api/feed.ts';
import { absoluteUrl, sitePath } from '../lib/urls.ts';

/** RSS 2.0 feed of new and changed proposals, newest first, with absolute links. */
export const GET: APIRoute = async () => {
  const items = feedItems(
    (await allCeps()).map((cep) => ({ ...cep.data, revision: revisionOf(cep) })),
    catalogue,
    catalogue.kind.prefix,
  );
  const home = absoluteUrl(catalogue.siteUrl, sitePath(catalogue.basePath));
  const self = absoluteUrl(catalogue.siteUrl, sitePath(catalogue.basePath, 'feed.xml'));
  // The newest item's date, not the build time, so rebuilding unchanged content gives the same feed.
  const lastBuild = items.find((item) => item.pubDate)?.pubDate;
  return rss({
    title: catalogue.kind.siteTitle,
    description: `New and changed ${catalogue.kind.proposalName}s (${catalogue.kind.prefix}s) of KubeVirt.`,
    site: home,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: [
      '<language>en</language>',
      `<atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`,
      lastBuild ? `<lastBuildDate>${lastBuild.toUTCString()}</lastBuildDate>` : '',
    ].join(''),
    items: items.map((item) => ({
      title: item.title,
      link: item.link,
      pubDate: item.pubDate,
      description: item.description,
      categories: item.categories,
      customData: `<guid isPermaLink="false">${escapeXml(item.guid)}</guid>`,
    })),
  });
};
