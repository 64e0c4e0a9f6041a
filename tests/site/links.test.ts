// No broken internal links in the built sample site: every href/src (and srcset, meta refresh,
// canonical and og:url) that points inside the site (relative, under the base path, or absolute on
// the site's own origin) must name a file in the output folder, and every #fragment an id on the
// target page. The feed and sitemaps get the same check for their links.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ELEMENT_NODE, parse, walkSync, type ElementNode } from 'ultrahtml';
import { describe, expect, it } from 'vitest';
import { testBuildEnvironment } from '../support/build.ts';
import { sampleSite } from '../support/sample-site.ts';
import { decodeHTML } from 'entities';

const outDir = await sampleSite();
const basePath = testBuildEnvironment['BASE_PATH']!;
const siteOrigin = new URL(testBuildEnvironment['SITE_URL']!).origin;

const allFiles = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) => statSync(path.join(outDir, file)).isFile());
const htmlFiles = allFiles.filter((file) => file.endsWith('.html'));

/** URL path a built file is served at (`ceps/x/index.html` → `/cep-catalogue/ceps/x/`). */
const servedAt = (file: string) =>
  `${basePath}${file
    .split(path.sep)
    .join('/')
    .replace(/(^|\/)index\.html$/, '$1')}`;

interface Page {
  file: string;
  ids: Set<string>;
  references: { attribute: string; value: string }[];
}

function readPage(file: string): Page {
  const tree = parse(readFileSync(path.join(outDir, file), 'utf8'));
  const ids = new Set<string>();
  const references: Page['references'] = [];
  walkSync(tree, (node) => {
    if (node.type !== ELEMENT_NODE) return;
    const element = node as ElementNode;
    const attributes = Object.fromEntries(
      Object.entries(element.attributes).map(([name, value]) => [name.toLowerCase(), decodeHTML(String(value))]),
    );
    if (attributes['id']) ids.add(attributes['id']);
    if (element.name === 'a' && attributes['name']) ids.add(attributes['name']);
    const add = (attribute: string, value: string | undefined) =>
      value !== undefined && references.push({ attribute: `${element.name}[${attribute}]`, value });
    add('href', attributes['href']);
    add('src', attributes['src']);
    for (const candidate of (attributes['srcset'] ?? '')
      .split(',')
      .map((entry) => entry.trim().split(/\s+/)[0])
      .filter(Boolean))
      add('srcset', candidate);
    if (element.name === 'meta' && attributes['http-equiv']?.toLowerCase() === 'refresh')
      add('content', /url=(.*)$/i.exec(attributes['content'] ?? '')?.[1]);
    if (element.name === 'meta' && attributes['property'] === 'og:url') add('content', attributes['content']);
  });
  return { file, ids, references };
}

const pages = new Map(htmlFiles.map((file) => [file, readPage(file)]));

/** The built file a site path names, or undefined. */
function fileFor(sitePath: string): string | undefined {
  if (!sitePath.startsWith(basePath)) return undefined;
  const inside = sitePath.slice(basePath.length);
  const candidates = inside === '' || inside.endsWith('/') ? [`${inside}index.html`] : [inside, `${inside}/index.html`];
  return candidates.map((candidate) => candidate.split('/').join(path.sep)).find((candidate) => allFiles.includes(candidate));
}

/** Checks one reference found in `fromFile`; returns a problem, or undefined when it resolves (or is external). */
function check(fromFile: string, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === '#') return undefined;
  let url: URL;
  const pageUrl = new URL(servedAt(fromFile), siteOrigin);
  try {
    url = new URL(trimmed, pageUrl);
  } catch {
    return 'not a URL';
  }
  if (url.origin !== siteOrigin) return undefined; // external (GitHub, mailing list, …)
  if (!url.pathname.startsWith(basePath)) return `points outside the base path ${basePath}`;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return 'undecodable path';
  }
  const target = fileFor(pathname);
  if (!target) return `no file for ${pathname}`;
  const fragment = url.hash.slice(1);
  if (!fragment) return undefined;
  const targetPage = pages.get(target);
  if (!targetPage) return `#${fragment} on a file that is not HTML`;
  const id = decodeURIComponent(fragment);
  return targetPage.ids.has(id) ? undefined : `no element with id "${id}" on ${servedAt(target)}`;
}

describe('links in the built site', () => {
  it('sees the whole site', () => {
    expect(htmlFiles.length).toBeGreaterThan(20);
    expect(htmlFiles).toContain(path.join('search', 'index.html'));
    expect(htmlFiles.some((file) => file.startsWith(`ceps${path.sep}`))).toBe(true);
  });

  it('every internal href, src and fragment in every HTML page resolves', () => {
    const broken: string[] = [];
    let internal = 0;
    for (const page of pages.values()) {
      for (const reference of page.references) {
        const problem = check(page.file, reference.value);
        if (problem) broken.push(`${servedAt(page.file)} ${reference.attribute}="${reference.value}": ${problem}`);
        else if (new URL(reference.value.trim() || '#', new URL(servedAt(page.file), siteOrigin)).origin === siteOrigin) internal += 1;
      }
    }
    expect(broken).toEqual([]);
    // Guard against a parser that sees nothing: the sample site has hundreds of internal links.
    expect(internal).toBeGreaterThan(300);
  });

  it('every in-page anchor of the table of contents has its heading', () => {
    const proposal = [...pages.values()].find(
      (page) => page.file.startsWith(`ceps${path.sep}`) && page.references.some((reference) => reference.value.startsWith('#')),
    );
    expect(proposal).toBeDefined();
    const anchors = proposal!.references.filter((reference) => reference.value.startsWith('#') && reference.value.length > 1);
    expect(anchors.length).toBeGreaterThan(3);
    for (const anchor of anchors) expect(proposal!.ids).toContain(decodeURIComponent(anchor.value.slice(1)));
  });

  it('every site link in the feed and the sitemaps resolves', () => {
    const xmlFiles = allFiles.filter((file) => /^(feed|sitemap-.*)\.xml$/.test(file));
    expect(xmlFiles).toContain('feed.xml');
    const links = xmlFiles.flatMap((file) =>
      [...readFileSync(path.join(outDir, file), 'utf8').matchAll(/<(?:link|loc)>([^<]+)<\/(?:link|loc)>|href="([^"]+)"/g)].map(
        (match) => [file, decodeHTML(match[1] ?? match[2] ?? '')] as const,
      ),
    );
    const broken = links.map(([file, link]) => [file, link, check('index.html', link)] as const).filter(([, , problem]) => problem);
    expect(broken).toEqual([]);
    expect(links.filter(([, link]) => link.startsWith(`${siteOrigin}${basePath}ceps/`)).length).toBeGreaterThan(10);
  });
});
