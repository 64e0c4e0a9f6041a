// What the served sample site offers machines and link previews: /api/ceps.json, /feed.xml, the
// search index, and the Open Graph / Twitter tags of a proposal page. Fetched over HTTP from
// the fresh test build served statically (under the /cep-catalogue/ base path), as a consumer would.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cepApiFields, type CepApiRecord } from '../../src/lib/api/ceps.ts';
import { testBuildEnvironment } from '../support/build.ts';
import { startPreview, type Preview } from '../support/preview.ts';
import { sampleSite } from '../support/sample-site.ts';

const outDir = await sampleSite();
const siteRoot = `${testBuildEnvironment['SITE_URL']}${testBuildEnvironment['BASE_PATH']}`;
const proposalFolders = readdirSync(path.join(outDir, 'ceps'));

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview(outDir);
});
afterAll(async () => {
  await preview?.close();
});

/** Fetches an absolute site URL (https://catalogue.example.test/cep-catalogue/…) from the preview server. */
const fetchSite = (url: string) => fetch(preview.url(url.startsWith(siteRoot) ? url.slice(siteRoot.length) : url));

async function readApi(): Promise<Record<string, CepApiRecord>> {
  const response = await fetchSite('api/ceps.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/json/);
  return (await response.json()) as Record<string, CepApiRecord>;
}

describe('/api/ceps.json', () => {
  it('holds every proposal, keyed by its number, with every documented field and links that load', async () => {
    const api = await readApi();
    expect(Object.keys(api)).toHaveLength(proposalFolders.length);
    expect(Object.keys(api)).toEqual(Object.keys(api).sort((a, b) => Number(a) - Number(b)));
    for (const [key, cep] of Object.entries(api)) {
      expect(key).toBe(String(cep.number));
      expect(Object.keys(cep).sort()).toEqual(Object.keys(cepApiFields).sort());
      // Every sample CEP's tracking issue is in the committed snapshot.
      expect(cep.tracking?.as_of).toBe('2026-11-30T06:00:00Z');
      // Active proposals have a health, finished ones an outcome instead.
      if (cep.tracking?.health === null)
        expect(['implemented', 'deferred', 'rejected', 'withdrawn', 'replaced']).toContain(cep.tracking.outcome);
      else expect(['on-track', 'needs-attention', 'at-risk', 'out-of-release']).toContain(cep.tracking?.health);
      expect(cep.source_url).toMatch(/^https:\/\/github\.com\/.+\/cep\.mdx?$/);
      for (const url of [cep.url, cep.permalink]) {
        expect(url.startsWith(siteRoot), url).toBe(true);
        expect((await fetchSite(url)).status, url).toBe(200);
      }
      // The permalink redirects to the page.
      expect(await (await fetchSite(cep.permalink)).text()).toContain(`url=${new URL(cep.url).pathname}`);
    }
    expect(api['4101']?.tracking).toMatchObject({
      state: 'open',
      board_status: 'At risk',
      health: 'at-risk',
      pull_requests: { merged: 1, open: 1, total: 2 },
    });
    expect(api['4101']?.tracking?.findings.map((finding) => finding.rule)).toEqual([
      'sig-label-missing',
      'board-at-risk',
      'no-recent-activity',
    ]);
  });
});

describe('/feed.xml', () => {
  it('is an RSS feed of every proposal, newest first, with absolute links that load', async () => {
    const response = await fetchSite('feed.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/xml/);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(await response.text()) as {
      rss: {
        channel: {
          link: string;
          item: { title: string; link: string; pubDate?: string; guid: { '#text': string; '@_isPermaLink': string } }[];
        };
      };
    };
    const { channel } = feed.rss;
    expect(channel.link).toBe(siteRoot);
    expect(channel.item).toHaveLength(Math.min(50, proposalFolders.length));
    const dates = channel.item.map((item) => (item.pubDate ? Date.parse(item.pubDate) : 0));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(new Set(channel.item.map((item) => item.guid['#text'])).size).toBe(channel.item.length);
    for (const item of channel.item) {
      expect(item.title).toMatch(/^(New: )?CEP \d+: /);
      expect(item.link.startsWith(`${siteRoot}ceps/`)).toBe(true);
      expect((await fetchSite(item.link)).status, item.link).toBe(200);
      expect(item.guid['@_isPermaLink']).toBe('false');
    }
    // Feed readers find it from any page.
    expect(await (await fetchSite('')).text()).toContain(
      `<link rel="alternate" type="application/rss+xml" title="KubeVirt CI Enhancement Proposals (feed)" href="${testBuildEnvironment['BASE_PATH']}feed.xml">`,
    );
  });
});

describe('a proposal page', () => {
  it('tells link previews (Open Graph, Twitter) its title, status and summary', async () => {
    const cep = Object.values(await readApi())[0]!;
    const html = await (await fetchSite(cep.url)).text();
    const meta = (attribute: string, name: string) =>
      new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`)
        .exec(html)?.[1]
        ?.replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    expect(meta('property', 'og:title')).toBe(`CEP ${cep.number}: ${cep.title}`);
    const description = meta('property', 'og:description') ?? '';
    expect(description.startsWith(`${cep.status ? cep.status[0]!.toUpperCase() + cep.status.slice(1) : 'Status not stated'} · `)).toBe(
      true,
    );
    expect(description).toContain(cep.summary.slice(0, 60));
    expect(meta('name', 'twitter:description')).toBe(description);
    expect(meta('property', 'og:type')).toBe('article');
    expect(meta('property', 'og:url')).toBe(cep.url);
  });

  it('is in the search index with its filters and sort keys, and only proposal pages are', async () => {
    const entry = (await (await fetchSite('pagefind/pagefind-entry.json')).json()) as { languages: Record<string, { page_count: number }> };
    const indexed = Object.values(entry.languages).reduce((total, language) => total + language.page_count, 0);
    const proposalPages = readdirSync(path.join(outDir, 'ceps'), { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('index.html'),
    );
    expect(indexed).toBe(proposalPages.length);
    const html = await (await fetchSite(Object.values(await readApi())[0]!.url)).text();
    expect(html).toContain('data-pagefind-body');
    expect(html).toContain('data-pagefind-filter="Status:');
    expect(html).toContain('data-pagefind-sort="number:');
    expect(html).toContain('data-pagefind-sort="updated:');
  });
});
