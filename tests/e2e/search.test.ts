// End-to-end: the sample site as a reader gets it (the fresh test build served statically, under the
// /cep-catalogue/ base path) in Chromium. Search finds the right proposals, filters narrow
// them, a pasted search URL reopens the same search, the keyboard works, pages load without console
// errors, and a proposal page needs no JavaScript (axe-core: accessibility.test.ts).
//
// Expected results are worked out from the built site itself (its JSON API and page text), not
// written down here, so the tests follow the sample content.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CepApiRecord } from '../../src/lib/api/ceps.ts';
import { basePath, desktop, pathOf, readerSession, searchResults as resultPaths } from '../support/reader.ts';

const { outDir, ceps, visit: visitOn, preview } = await readerSession();
/** Opens a site path at desktop size in a fresh tab; console errors and failed requests fail the test. */
const visit = (pathInSite: string, options: { javaScript?: boolean } = {}) => visitOn(pathInSite, desktop, options);

/** Every page the index holds (proposal pages and their supporting documents) with its indexed text, lower-cased. */
const bodyText = new Map<string, string>(
  readdirSync(path.join(outDir, 'ceps'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('index.html'))
    .map((file): [string, string] => [
      `${basePath}ceps/${file.replace(/index\.html$/, '')}`,
      readFileSync(path.join(outDir, 'ceps', file), 'utf8'),
    ])
    .filter(([, html]) => html.includes('data-pagefind-body'))
    .map(([url, html]): [string, string] => {
      const body = html.slice(html.indexOf('data-pagefind-body'), html.indexOf('<aside'));
      return [url, body.replace(/<[^>]+>/g, ' ').toLowerCase()];
    }),
);
const indexedPages = [...bodyText.keys()];
const mentioning = (word: string) => [...bodyText].filter(([, text]) => new RegExp(`\\b${word}\\b`).test(text)).map(([url]) => url);

/** Waits until the summary line has settled, and returns it. */
async function summary(page: Page, pattern: RegExp): Promise<string> {
  // The search page's own result line, else the dialog's Pagefind summary.
  const line = () =>
    document.querySelector('[data-search-page] [data-search-count]')?.textContent ||
    document.querySelector('pagefind-modal pagefind-summary')?.textContent ||
    '';
  await page.waitForFunction(
    (source) =>
      new RegExp(source, 'i').test(
        document.querySelector('[data-search-page] [data-search-count]')?.textContent ||
          document.querySelector('pagefind-modal pagefind-summary')?.textContent ||
          '',
      ),
    pattern.source,
  );
  return page.evaluate(line);
}

const searchParams = (page: Page) => new URL(page.url()).searchParams;
const sorted = (values: string[]) => [...values].sort();

describe('search page', () => {
  it('finds exactly the proposals whose text mentions a word', async () => {
    const page = await visit('search/');
    const expected = mentioning('arm64');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(bodyText.size);
    await page.fill('[data-search-page] pagefind-input input', 'arm64');
    await summary(page, /for .arm64/);
    expect(sorted(await resultPaths(page))).toEqual(sorted(expected));
    // The typed query is in the address bar, ready to share.
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'arm64');
    // Results link to pages that exist under the base path.
    for (const href of await resultPaths(page)) expect(href.startsWith(`${basePath}ceps/`)).toBe(true);
  });

  it('lists every proposal before any query, and filters narrow the list', async () => {
    const page = await visit('search/');
    expect(sorted(await resultPaths(page))).toEqual(sorted(indexedPages));

    await page.check('[data-filter-groups] input[name="Status"][value="Implementable"]');
    const implementable = ceps.filter((cep) => cep.status === 'implementable').map(pathOf);
    await page.waitForFunction((count) => document.querySelectorAll('pagefind-results .pf-result').length === count, implementable.length);
    expect(sorted(await resultPaths(page))).toEqual(sorted(implementable));
    await page.waitForFunction(() => new URL(location.href).searchParams.get('status') === 'implementable');
    // The ticked value shows how many proposals it has.
    const count = (filter: string, value: string) =>
      page.textContent(`[data-filter-groups] label:has(input[name="${filter}"][value="${value}"]) .search-facet-count`);
    expect(await count('Status', 'Implementable')).toBe(String(implementable.length));

    // A second facet narrows further (AND across facets): take the first one that keeps some but not all.
    const narrowing = [
      ...['v1.8', 'v1.9', 'v1.10'].map(
        (release) => ['Target release', release, (cep: CepApiRecord) => Object.values(cep.targets).includes(release)] as const,
      ),
      ...['Alpha', 'Beta', 'Stable (GA)'].map(
        (stage) => ['Stage', stage, (cep: CepApiRecord) => stage.toLowerCase().startsWith(cep.stage ?? '-')] as const,
      ),
    ]
      .map(([filter, value, keep]) => ({
        filter,
        value,
        both: ceps.filter((cep) => cep.status === 'implementable' && keep(cep)).map(pathOf),
      }))
      .find(({ both }) => both.length > 0 && both.length < implementable.length);
    if (!narrowing) throw new Error('the sample content has no facet value that narrows the implementable CEPs');
    const { filter, value, both } = narrowing;
    await page.check(`[data-filter-groups] input[name="${filter}"][value="${value}"]`);
    await page.waitForFunction((count) => document.querySelectorAll('pagefind-results .pf-result').length === count, both.length);
    expect(sorted(await resultPaths(page))).toEqual(sorted(both));
    expect(searchParams(page).getAll(filter === 'Stage' ? 'stage' : 'release')).toEqual([
      filter === 'Stage' ? value.split(' ')[0]!.toLowerCase() : value,
    ]);
    // Each facet counts without its own selection: Status now over the second facet's proposals.
    await page.waitForFunction(([selector, expected]) => document.querySelector(selector)?.textContent === expected, [
      '[data-filter-groups] label:has(input[name="Status"][value="Implementable"]) .search-facet-count',
      String(both.length),
    ] as const);

    // Each result says what it is.
    const facts = await page.$$eval('.search-result-facts', (lines) => lines.map((line) => line.textContent ?? ''));
    expect(facts).toHaveLength(both.length);
    for (const line of facts) expect(line).toMatch(/^Implementable · /);
  });

  it('opens a pasted URL with its query and filters applied, and keeps the URL in step', async () => {
    const page = await visit('search/?q=flaky&status=implementable&release=v1.10');
    const expected = ceps
      .filter((cep) => cep.status === 'implementable' && Object.values(cep.targets).includes('v1.10'))
      .map(pathOf)
      .filter((url) => mentioning('flaky').includes(url) || /flak/.test(bodyText.get(url) ?? ''));
    await summary(page, /for .flaky/);
    expect(await page.inputValue('[data-search-page] pagefind-input input')).toBe('flaky');
    const checked = await page.$$eval('[data-filter-groups] input:checked', (boxes) =>
      boxes.map((box) => `${(box as HTMLInputElement).name}=${(box as HTMLInputElement).value}`),
    );
    expect(sorted(checked)).toEqual(['Status=Implementable', 'Target release=v1.10']);
    const found = await resultPaths(page);
    expect(found.length).toBeGreaterThan(0);
    for (const url of found) expect(expected).toContain(url);

    // Un-ticking a filter and changing the query rewrite the address without a reload or new history entry.
    const historyLength = await page.evaluate(() => history.length);
    await page.uncheck('[data-filter-groups] input[name="Target release"][value="v1.10"]');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('release'));
    await page.fill('[data-search-page] pagefind-input input', 'quarantine');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'quarantine');
    expect([...searchParams(page)]).toEqual([
      ['q', 'quarantine'],
      ['status', 'implementable'],
    ]);
    expect(await page.evaluate(() => history.length)).toBe(historyLength);

    // The rewritten address reopens the same search in a new tab.
    const again = await visit(`search/${new URL(page.url()).search}`);
    await summary(again, /for .quarantine/);
    expect(await resultPaths(again)).toEqual(await resultPaths(page));
  });

  it('reads several values of one facet as alternatives', async () => {
    const page = await visit('search/?status=implementable&status=provisional');
    const expected = ceps.filter((cep) => cep.status === 'implementable' || cep.status === 'provisional').map(pathOf);
    await page.waitForFunction((count) => document.querySelectorAll('pagefind-results .pf-result').length === count, expected.length);
    expect(sorted(await resultPaths(page))).toEqual(sorted(expected));
  });

  it('sorts by number and by last update, and keeps the order in the URL', async () => {
    const page = await visit('search/?sort=number&stage=alpha');
    const alpha = ceps.filter((cep) => cep.stage === 'alpha');
    await page.waitForFunction((count) => document.querySelectorAll('pagefind-results .pf-result').length === count, alpha.length);
    expect(await resultPaths(page)).toEqual([...alpha].sort((a, b) => a.number - b.number).map(pathOf));
    expect(await page.inputValue('#search-sort')).toBe('number');

    await page.selectOption('#search-sort', 'updated');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'updated');
    const byUpdate = [...alpha]
      .sort((a, b) => (b.last_updated ?? '').localeCompare(a.last_updated ?? '') || 0)
      .map((cep) => cep.last_updated);
    await page.waitForFunction(
      (first) => document.querySelector('pagefind-results .search-result-facts')?.textContent?.includes(`updated ${first}`) ?? false,
      byUpdate[0],
    );
    const dates = await page.$$eval('.search-result-facts', (lines) =>
      lines.map((line) => /updated (\S+)/.exec(line.textContent ?? '')?.[1] ?? ''),
    );
    expect(dates).toEqual(byUpdate);
  });

  it('explains itself without JavaScript, and the header link still leads there', async () => {
    const page = await visit('', { javaScript: false });
    await page.click('header nav a:text-is("Search")');
    await page.waitForURL(preview().url('search/'));
    expect(await page.textContent('main')).toContain('Searching the text runs in your browser and needs JavaScript');
    // A plain form, and the static pages that list every proposal by status and by release.
    expect(await page.isVisible('form.search-fallback input[name="q"]')).toBe(true);
    expect(
      await page.$$eval('noscript a, main a', (links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname)),
    ).toEqual(expect.arrayContaining([`${basePath}status/implementable/`, `${basePath}releases/v1.10/`]));
  });
});

describe('search from any page', () => {
  it('opens with "/" on a proposal page, and the keyboard alone reaches a result', async () => {
    const cep = ceps.find((entry) => entry.number === 4101) ?? ceps[0]!;
    const page = await visit(pathOf(cep).slice(basePath.length));
    await page.keyboard.press('/');
    await page.waitForSelector('pagefind-modal dialog[open]');
    await page.waitForFunction(() => document.activeElement?.matches('pagefind-modal input[type="search"]'));
    await page.keyboard.type('sharding');
    const found = await resultPaths(page);
    expect(found.length).toBeGreaterThan(0);
    for (const url of found) expect(/shard/.test(bodyText.get(url) ?? '')).toBe(true);
    // The modal offers the full search page with the same query.
    expect(await page.getAttribute('pagefind-modal .search-modal-more', 'href')).toBe(`${basePath}search/?q=sharding`);

    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href ?? '');
    expect(new URL(focused).pathname).toBe(found[0]);
    await Promise.all([page.waitForURL(new URL(focused).toString()), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toBeTruthy();
  });

  it('opens from the header link, closes with Escape and gives focus back', async () => {
    const page = await visit('releases/');
    await page.focus('header nav a:has-text("Search")');
    await page.keyboard.press('Enter');
    await page.waitForSelector('pagefind-modal dialog[open]');
    await page.keyboard.type('cache');
    expect((await resultPaths(page)).length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.waitForSelector('pagefind-modal dialog[open]', { state: 'detached' }).catch(() => undefined);
    expect(await page.$('pagefind-modal dialog[open]')).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Search');
  });

  it('focuses the search field with "/" on the search page', async () => {
    const page = await visit('search/');
    await resultPaths(page);
    await page.focus('h1').catch(() => undefined);
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement?.matches('[data-search-page] pagefind-input input'));
    expect(await page.$('pagefind-modal')).toBeNull();
  });
});

describe('page weight', () => {
  it('a proposal page reads without JavaScript; with it, it fetches only its own small scripts and the build stamp', async () => {
    const fetched: string[] = [];
    const page = await visitOn(pathOf(ceps[0]!).slice(basePath.length), desktop, {
      onPage: (tab) =>
        tab.on(
          'request',
          (request) => ['script', 'fetch'].includes(request.resourceType()) && fetched.push(new URL(request.url()).pathname),
        ),
    });
    // The footer reads the latest build's stamp, so that a page kept from an earlier build still names the latest.
    await expect
      .poll(() => page.textContent('[data-build-stamp]'), { timeout: 15_000 })
      .toMatch(/^Last built 2026-12-01 08:00 UTC from commit 0123456; tracking data as of/);
    expect(fetched.filter((url) => !/^\/cep-catalogue\/_astro\/[\w.-]+\.js$/.test(url))).toEqual([`${basePath}build.json`]);
    const noScript = await visit(pathOf(ceps[0]!).slice(basePath.length), { javaScript: false });
    expect(await noScript.textContent('h1')).toBe(ceps[0]!.title);
    expect(await noScript.isVisible('#overview')).toBe(true);
  });

  it('the search page loads only Pagefind files besides the page itself', async () => {
    const requests: string[] = [];
    const page = await visitOn('search/?q=flaky', desktop, {
      onPage: (tab) => tab.on('request', (request) => requests.push(new URL(request.url()).pathname)),
    });
    await summary(page, /for .flaky/);
    await resultPaths(page);
    const other = requests.filter(
      (url) =>
        !url.startsWith(`${basePath}pagefind/`) &&
        !url.startsWith(`${basePath}_astro/`) &&
        url !== `${basePath}search/` &&
        url !== `${basePath}favicon.svg` &&
        url !== `${basePath}build.json`,
    );
    expect(other).toEqual([]);
    // The index is loaded once (a second copy costs a phone its download and its memory).
    const pagefindFiles = requests.filter((url) => url.startsWith(`${basePath}pagefind/`));
    expect(pagefindFiles.filter((url, index) => pagefindFiles.indexOf(url) !== index)).toEqual([]);
    // Besides stylesheets, the site's own small scripts (search page, search dialog, build stamp).
    const astroAssets = requests.filter((url) => url.startsWith(`${basePath}_astro/`));
    for (const asset of astroAssets) expect(asset).toMatch(/\.(css|js)$/);
  });
});
