// End-to-end, as readers meet the sample site: on a phone (390x844, touch) and a desktop (1366x900),
// light and dark, in Debian's Chromium against `astro preview` of the shared test build.
// - a proposal page shows the proposal within a screen and a half on a phone, folds its details,
//   keeps its contents in view on desktop, and gives every heading a self-link;
// - nothing scrolls sideways; tables that do scroll inside the text show it;
// - a pasted short link lands on its #section; an old proposal address leads to the proposal;
// - search finds a proposal first by its id in every spelling and by a person's login, combines the
//   values of one facet with OR, counts proposals apart from supporting documents;
// - release timelines stay legible on phones, schedules show their notes' links;
// - diagrams show their dark variant in dark mode, or stand on a light backdrop;
// - the catalogue is grouped by lifecycle, names lead to person pages;
// - axe-core finds no violations on any of these pages, at either size, light or dark.
//
// Expected values come from the built site (its JSON API), not from this file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ELEMENT_NODE, parse, walkSync, type Node as HtmlNode } from 'ultrahtml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleSite } from '../support/sample-site.ts';
import type { CepApiRecord } from '../../src/lib/api/ceps.ts';
import { axeViolations, launchBrowser, watchProblems, type PageProblems } from '../support/browser.ts';
import { testBuildEnvironment } from '../support/build.ts';
import { startPreview, type Preview } from '../support/preview.ts';

const outDir = await sampleSite();
const basePath = testBuildEnvironment['BASE_PATH']!;
const api = JSON.parse(readFileSync(path.join(outDir, 'api/ceps.json'), 'utf8')) as Record<string, CepApiRecord>;
const ceps = Object.values(api);
const pathOf = (cep: CepApiRecord) => new URL(cep.url).pathname;
const inSite = (cep: CepApiRecord) => pathOf(cep).slice(basePath.length);
const byNumber = (number: number) => ceps.find((cep) => cep.number === number)!;
const sharding = byNumber(4233);
const withSupporting = byNumber(4350);

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1366, height: 900 } };

let preview: Preview;
let browser: Browser;
const contexts: BrowserContext[] = [];
const opened: { page: Page; problems: PageProblems }[] = [];

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(outDir), launchBrowser()]);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await preview?.close();
});

afterEach(async () => {
  const tabs = opened.splice(0);
  for (const { page } of tabs) await page.close();
  expect(tabs.flatMap(({ problems }) => problems.errors)).toEqual([]);
});

type Device = typeof phone | typeof desktop;
async function visit(pathInSite: string, device: Device, options: { dark?: boolean; javaScript?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    ...device,
    colorScheme: options.dark ? 'dark' : 'light',
    javaScriptEnabled: options.javaScript ?? true,
  });
  contexts.push(context);
  const page = await context.newPage();
  opened.push({ page, problems: watchProblems(page) });
  await page.goto(preview.url(pathInSite));
  return page;
}

/** Document width beyond the viewport: 0 when nothing scrolls sideways. */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** Top of an element in page coordinates. */
const topOf = (page: Page, selector: string) => page.$eval(selector, (element) => element.getBoundingClientRect().top + window.scrollY);

/** Waits for the search page to settle on the words in its box; returns the result paths. */
async function searchResults(page: Page): Promise<string[]> {
  await page.waitForFunction(() => {
    const list = document.querySelector('[data-search-page] pagefind-results ul.pf-results');
    const typed = document.querySelector<HTMLInputElement>('[data-search-page] pagefind-input input')?.value.trim() ?? '';
    return (
      list?.getAttribute('aria-busy') === 'false' && document.querySelector<HTMLElement>('[data-search-count]')?.dataset['term'] === typed
    );
  });
  await page.waitForFunction(
    () => {
      const placeholder = document.querySelector('pagefind-results .pf-skeleton');
      placeholder?.scrollIntoView({ block: 'center' });
      return placeholder === null;
    },
    undefined,
    { polling: 100 },
  );
  return page.$$eval('pagefind-results .pf-result-link', (links) =>
    links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
  );
}

describe('a proposal page on a phone', () => {
  it('shows the summary and then the proposal within a screen and a half, with the details folded', async () => {
    const page = await visit(inSite(sharding), phone);
    const facts = await page.textContent('[data-summary]');
    expect(facts).toContain('Tracking issue:');
    expect(facts).toContain('Health:');
    expect(facts).toContain(sharding.target_release ?? 'No stage');
    expect(await topOf(page, '#overview')).toBeLessThan(844 * 1.5);
    expect(await topOf(page, '.prose')).toBeLessThan(844);
    expect(await page.$eval('details.cep-details', (details) => (details as HTMLDetailsElement).open)).toBe(false);
    expect(await page.isVisible('[data-field="status"]')).toBe(false);
    // The details open with a tap, without JavaScript too.
    await page.tap('details.cep-details > summary');
    expect(await page.isVisible('[data-field="status"]')).toBe(true);
    expect(await sidewaysOverflow(page)).toBe(0);
    // The "/" shortcut hint means nothing on a touch screen.
    expect(await page.isVisible('.search-key')).toBe(false);
  });

  it('keeps wide tables inside the text column, scrolling with a visible cue', async () => {
    const page = await visit(inSite(sharding), phone);
    const table = await page.$eval('.prose table', (element) => ({
      overflows: element.scrollWidth > element.clientWidth,
      right: element.getBoundingClientRect().right,
      cue: getComputedStyle(element).backgroundImage,
    }));
    expect(table.overflows).toBe(true);
    expect(table.right).toBeLessThanOrEqual(390);
    expect(table.cue).toContain('gradient');
    expect(await sidewaysOverflow(page)).toBe(0);
  });

  it('folds away when JavaScript is off, and still reads', async () => {
    const page = await visit(inSite(sharding), phone, { javaScript: false });
    expect(await topOf(page, '#overview')).toBeLessThan(844 * 1.5);
    expect(await page.isVisible('#overview')).toBe(true);
  });
});

describe('a proposal page on a desktop', () => {
  it('keeps the contents in view while reading, and every heading has a self-link', async () => {
    const page = await visit(inSite(sharding), desktop);
    expect(await page.$eval('details.cep-details', (details) => (details as HTMLDetailsElement).open)).toBe(true);
    expect(await page.isVisible('[data-field="status"]')).toBe(true);
    await page.evaluate(() => document.querySelector('#design')?.scrollIntoView());
    const toc = await page.$eval('[data-toc]', (element) => element.getBoundingClientRect().toJSON() as DOMRect);
    expect(toc.top).toBeGreaterThanOrEqual(0);
    expect(toc.top).toBeLessThan(100);
    expect(toc.left).toBeGreaterThan(1366 / 2);
    const headings = await page.$$eval('.prose :is(h2, h3)', (elements) =>
      elements.map((heading) => ({ id: heading.id, link: heading.querySelector('a.heading-link')?.getAttribute('href') ?? null })),
    );
    expect(headings.length).toBeGreaterThan(5);
    for (const heading of headings) expect(heading.link).toBe(`#${heading.id}`);
  });

  it('lists supporting documents by title above the text', async () => {
    const page = await visit(inSite(withSupporting), desktop);
    expect(await topOf(page, '[data-supporting]')).toBeLessThan(await topOf(page, '.prose'));
    const links = await page.$$eval('[data-supporting] a', (anchors) => anchors.map((anchor) => anchor.textContent?.trim()));
    // The document's own title (its H1), not its file name.
    expect(links).toEqual(['Signed CI images: design details']);
  });
});

describe('links pasted into mail and chat', () => {
  it('land on the section a short link points at', async () => {
    for (const device of [desktop, phone]) {
      const page = await visit(`cep/${sharding.number}/#design`, device);
      await page.waitForURL(`${preview.url(inSite(sharding))}#design`);
      await page.waitForLoadState('load');
      const top = await page.$eval('#design', (heading) => heading.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(100);
    }
  });

  it('still land on the proposal without JavaScript (meta refresh)', async () => {
    const page = await visit(`cep/${sharding.number}/`, desktop, { javaScript: false });
    await page.waitForURL(preview.url(inSite(sharding)));
    expect(await page.textContent('h1')).toBe(sharding.title);
  });

  it('lead an old or mistyped proposal address to the proposal, keeping the section', async () => {
    const old = `ceps/${sharding.number}-an-old-title/`;
    const page = await visit(`${old}#goals`, desktop);
    await page.waitForURL(`${preview.url(inSite(sharding))}#goals`);
    expect(await page.textContent('h1')).toBe(sharding.title);
    // The old address itself answers 404 (it is the 404 page); nothing else may fail.
    const problems = opened.at(-1)!.problems;
    problems.errors = problems.errors.filter((error) => !error.includes(preview.url(old)));
  });

  it('preview with the same title, status and target from the permalink and the page, under one canonical URL', () => {
    const head = (file: string) => {
      const tags: Record<string, string> = {};
      walkSync(parse(readFileSync(path.join(outDir, file), 'utf8')), (node: HtmlNode) => {
        if (node.type !== ELEMENT_NODE) return;
        const attributes = node.attributes as Record<string, string>;
        if (node.name === 'meta' && (attributes['property'] ?? attributes['name']))
          tags[attributes['property'] ?? attributes['name']!] = attributes['content'] ?? '';
        if (node.name === 'link' && attributes['rel'] === 'canonical') tags['canonical'] = attributes['href'] ?? '';
      });
      return tags;
    };
    const cep = byNumber(4101);
    const permalink = head(`cep/${cep.number}/index.html`);
    const proposal = head(`${inSite(cep)}index.html`);
    for (const key of [
      'og:title',
      'og:description',
      'og:type',
      'og:url',
      'og:site_name',
      'twitter:card',
      'twitter:title',
      'twitter:description',
      'canonical',
    ]) {
      expect(permalink[key], key).toBeTruthy();
      expect(permalink[key], key).toBe(proposal[key]);
    }
    expect(permalink['canonical']).toBe(cep.url);
    expect(permalink['og:url']).toBe(cep.url);
    expect(permalink['og:description']).toMatch(/^Implementable · stage Alpha · targets .*v1\.10/);
  });
});

describe('search by id and by person', () => {
  it.each(['CEP-4233', 'CEP 4233', '#4233', '4233', 'cep4233'])('finds CEP 4233 first for "%s"', async (written) => {
    const page = await visit(`search/?${new URLSearchParams({ q: written })}`, desktop);
    const found = await searchResults(page);
    expect(found[0]).toBe(pathOf(sharding));
    // The page title says what was searched.
    expect(await page.title()).toMatch(new RegExp(`^${written.replace(/[#]/g, '\\$&')} · Search`));
  });

  it('finds every proposal a login is named on, as words and as the person filter', async () => {
    const login = 'mara-ci';
    const named = ceps
      .filter((cep) =>
        [...cep.authors, ...cep.reviewers, ...cep.approvers, ...(cep.tracking?.assignees ?? [])].some(
          (handle) => handle.replace(/^@/, '') === login,
        ),
      )
      .map(pathOf);
    expect(named.length).toBeGreaterThan(3);
    const words = await visit(`search/?q=${login}`, desktop);
    const found = await searchResults(words);
    expect(found.slice(0, named.length).sort()).toEqual([...named].sort());

    const filtered = await visit(`search/?person=${login}`, desktop);
    expect((await searchResults(filtered)).sort()).toEqual([...named].sort());
    expect(await filtered.isChecked(`[data-filter-groups] input[name="Person"][value="${login}"]`)).toBe(true);
  });
});

describe('search facets', () => {
  it('combine values of one facet with OR, and a facet counts without its own selection', async () => {
    const page = await visit('search/', desktop);
    await searchResults(page);
    const box = (value: string) => `input[name="Status"][value="${value}"]`;
    const status = (value: string) => `[data-filter-groups] ${box(value)}`;
    const count = (value: string) => page.textContent(`[data-filter-groups] label:has(${box(value)}) .search-facet-count`);
    const implementable = ceps.filter((cep) => cep.status === 'implementable').map(pathOf);
    const provisional = ceps.filter((cep) => cep.status === 'provisional').map(pathOf);
    await page.check(status('Implementable'));
    await page.waitForFunction(
      (n) => document.querySelector<HTMLElement>('[data-search-count]')?.dataset['proposals'] === String(n),
      implementable.length,
    );
    // Provisional stays on offer, with the count it would add.
    expect(await count('Provisional')).toBe(String(provisional.length));
    await page.check(status('Provisional'));
    const both = [...implementable, ...provisional];
    await page.waitForFunction(
      (n) => document.querySelector<HTMLElement>('[data-search-count]')?.dataset['proposals'] === String(n),
      both.length,
    );
    expect((await searchResults(page)).sort()).toEqual(both.sort());
    expect(new URL(page.url()).searchParams.getAll('status')).toEqual(['implementable', 'provisional']);
  });

  it('find proposals targeting either of two releases', async () => {
    const page = await visit('search/?release=v1.9&release=v1.10', desktop);
    const either = ceps
      .filter((cep) => Object.values(cep.targets).some((release) => release === 'v1.9' || release === 'v1.10'))
      .map(pathOf);
    expect(either.length).toBeGreaterThan(ceps.filter((cep) => Object.values(cep.targets).includes('v1.10')).length);
    expect((await searchResults(page)).sort()).toEqual(either.sort());
  });

  it('lists everything by number before any words, counting proposals apart from supporting documents', async () => {
    const page = await visit('search/', desktop);
    const found = await searchResults(page);
    const proposals = found.filter((url) => ceps.some((cep) => pathOf(cep) === url));
    expect(proposals).toEqual([...ceps].sort((a, b) => a.number - b.number).map(pathOf));
    expect(await page.getAttribute('[data-search-count]', 'data-proposals')).toBe(String(ceps.length));
    expect(await page.textContent('[data-search-count]')).toBe(`${ceps.length} CEPs, and 1 supporting document`);
    expect(await page.textContent('[data-kind="supporting"] .search-result-facts')).toContain('Supporting document');
    // Without words, the excerpt is the Overview's first paragraph, not template boilerplate.
    const excerpt = await page.textContent(`.pf-result:has(a[href="${pathOf(sharding)}"]) .pf-result-excerpt`);
    expect(sharding.summary.startsWith(excerpt!.replace(/…$/, '').trim().slice(0, 40))).toBe(true);
  });

  it('fold the filters away on a phone, so the first result is on the first screen', async () => {
    const page = await visit('search/', phone);
    await searchResults(page);
    expect(await page.$eval('details.search-filters', (details) => (details as HTMLDetailsElement).open)).toBe(false);
    expect(await topOf(page, 'pagefind-results .pf-result')).toBeLessThan(844);
    expect(await sidewaysOverflow(page)).toBe(0);
  });
});

describe('releases', () => {
  const release = 'v1.10';
  it('on a phone: a vertical timeline of full dates in legible text, a schedule that does not scroll sideways', async () => {
    const page = await visit(`releases/${release}/`, phone);
    expect(await page.isVisible('[data-timeline]')).toBe(false);
    const items = await page.$$eval('[data-timeline-list] li', (elements) =>
      elements.map((item) => ({ text: item.textContent ?? '', size: parseFloat(getComputedStyle(item.querySelector('time')!).fontSize) })),
    );
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) {
      expect(item.text).toMatch(/\b20\d\d-\d\d-\d\d\b/);
      expect(item.size).toBeGreaterThanOrEqual(12);
    }
    expect(await sidewaysOverflow(page)).toBe(0);
    const notes = await page.$$eval('[data-notes] a', (links) => links.map((link) => [link.textContent, (link as HTMLAnchorElement).href]));
    expect(notes).toEqual(
      expect.arrayContaining([
        ['release checklist', expect.stringMatching(/^https:\/\/github\.com\/kubevirt\/sig-release\/.*release-checklist\.md$/)],
        ['quarantined tests report', expect.stringMatching(/^https:\/\/storage\.googleapis\.com\//)],
      ]),
    );
  });

  it('on a desktop: the picture, its labels at least 12 px tall and with the year', async () => {
    const page = await visit(`releases/${release}/`, desktop);
    const labels = await page.$$eval('[data-timeline] [data-mark] text', (texts) =>
      texts.map((text) => ({ text: text.textContent ?? '', height: text.getBoundingClientRect().height })),
    );
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) {
      expect(label.text).toMatch(/\b20\d\d-\d\d-\d\d$/);
      expect(label.height).toBeGreaterThanOrEqual(12);
    }
  });
});

describe('the catalogue and people', () => {
  it('groups proposals by lifecycle, each once, with the flat view one click away', async () => {
    const page = await visit('', desktop);
    const groups = await page.$$eval('[data-lifecycle]', (sections) =>
      sections.map((section) => (section as HTMLElement).dataset['lifecycle']),
    );
    expect(groups).toEqual(['active', 'accepted', 'finished', 'abandoned', 'unknown']);
    const rows = await page.$$eval('[data-lifecycle] tr[data-cep]', (trs) => trs.map((tr) => Number((tr as HTMLElement).dataset['cep'])));
    expect([...rows].sort()).toEqual(ceps.map((cep) => cep.number).sort());
    const accepted = await page.$$eval('[data-lifecycle="accepted"] tr[data-cep]', (trs) =>
      trs.map((tr) => Number((tr as HTMLElement).dataset['cep'])),
    );
    expect(accepted).toEqual(ceps.filter((cep) => cep.status === 'implementable').map((cep) => cep.number));
    await Promise.all([page.waitForURL(preview.url('all/')), page.click('[data-flat-view]')]);
    expect(await page.$$eval('tr[data-cep]', (trs) => trs.map((tr) => Number((tr as HTMLElement).dataset['cep'])))).toEqual(
      ceps.map((cep) => cep.number),
    );
    expect(await sidewaysOverflow(page)).toBe(0);
  });

  it('links every author to a page listing what that person authored, reviewed, approved or owns', async () => {
    const page = await visit('', phone);
    expect(await sidewaysOverflow(page)).toBe(0);
    const link = await page.getAttribute('tr[data-cep="4101"] td.authors a', 'href');
    expect(link).toBe(`${basePath}people/rbalogun/`);
    const person = await visit('people/mara-ci/', desktop);
    const listed = async (role: string) =>
      person.$$eval(`[data-role="${role}"] tr[data-cep]`, (trs) => trs.map((tr) => Number((tr as HTMLElement).dataset['cep'])));
    const on = (field: 'authors' | 'reviewers' | 'approvers') =>
      ceps.filter((cep) => cep[field].includes('@mara-ci')).map((cep) => cep.number);
    expect(await listed('author')).toEqual(on('authors'));
    expect(await listed('reviewer')).toEqual(on('reviewers'));
    expect(await listed('approver')).toEqual(on('approvers'));
    expect(await listed('assignee')).toEqual(ceps.filter((cep) => cep.tracking?.assignees.includes('mara-ci')).map((cep) => cep.number));
  });
});

describe('dark mode', () => {
  const shown = (page: Page) =>
    page.$$eval('.prose img', (images) =>
      images
        .filter((image) => getComputedStyle(image).display !== 'none')
        .map((image) => new URL((image as HTMLImageElement).src).pathname.split('/').at(-1)),
    );
  it('shows the dark variant of a diagram when its folder holds one (architecture.dark.svg), the light one otherwise', async () => {
    const dark = await visit(inSite(withSupporting), desktop, { dark: true });
    expect(await shown(dark)).toEqual([expect.stringMatching(/^architecture\.dark\./)]);
    const light = await visit(inSite(withSupporting), desktop);
    expect(await shown(light)).toEqual([expect.stringMatching(/^architecture\.(?!dark)/)]);
  });

  it('gives images a light backdrop, so one drawn dark on transparent stays legible where it has no dark variant', async () => {
    const page = await visit(inSite(withSupporting), desktop, { dark: true });
    expect(await page.$eval('.prose img.has-dark-variant', (image) => getComputedStyle(image).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 255, 255)');
  });
});

describe('accessibility (axe-core) at both sizes', () => {
  const pages = [
    ['a proposal page', () => inSite(sharding)],
    ['the grouped catalogue', () => ''],
    ['a person page', () => 'people/mara-ci/'],
    ['a release page', () => 'releases/v1.10/'],
    ['the search page', () => 'search/?status=implementable&status=provisional'],
  ] as const;
  for (const [device, name] of [
    [phone, 'phone'],
    [desktop, 'desktop'],
  ] as const) {
    it.each(pages)(`finds no violations on %s (${name}, light and dark)`, async (_label, where) => {
      for (const dark of [false, true]) {
        const page = await visit(where(), device, { dark });
        if (where().startsWith('search/')) await searchResults(page);
        if (device === phone)
          await page.$$eval('details', (all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
        expect(await axeViolations(page)).toEqual([]);
      }
    });
  }
});
