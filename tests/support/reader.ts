/**
 * What the reader-facing browser tests share: the sample site served as GitHub Pages serves it, one
 * Chromium per test file, a fresh context per visit (phone or desktop, light or dark, with or
 * without JavaScript), and a check after every test that no page logged an error or failed a
 * request. Expected values come from the built site's JSON API, not from the tests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { CepApiRecord } from '../../src/lib/api/ceps.ts';
import { launchBrowser, watchProblems, type PageProblems } from './browser.ts';
import { testBuildEnvironment } from './build.ts';
import { startPreview, type Preview } from './preview.ts';
import { sampleSite } from './sample-site.ts';

export const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const desktop = { viewport: { width: 1366, height: 900 } };
export type Device = typeof phone | typeof desktop;

export const basePath = testBuildEnvironment['BASE_PATH']!;
export const pathOf = (cep: CepApiRecord) => new URL(cep.url).pathname;
/** A proposal's address inside the site (without the base path), as `visit` takes it. */
export const inSite = (cep: CepApiRecord) => pathOf(cep).slice(basePath.length);

export interface VisitOptions {
  dark?: boolean;
  javaScript?: boolean;
  /** Called with the new tab before it loads the page (to watch its requests). */
  onPage?: (page: Page) => void;
}

export interface ReaderSession {
  /** The built sample site's folder. */
  outDir: string;
  /** Every proposal, as the site's API publishes it. */
  ceps: CepApiRecord[];
  byNumber(number: number): CepApiRecord;
  preview(): Preview;
  /** Opens `pathInSite` in a new tab of a new context; its problems are checked after the test. */
  visit(pathInSite: string, device: Device, options?: VisitOptions): Promise<Page>;
  /** The problems recorded for the last tab opened (a test may forgive one it expects). */
  lastProblems(): PageProblems;
}

/** Registers the file's hooks (preview, browser, per-test problem check) and returns its helpers. */
export async function readerSession(): Promise<ReaderSession> {
  const outDir = await sampleSite();
  const api = JSON.parse(readFileSync(path.join(outDir, 'api/ceps.json'), 'utf8')) as Record<string, CepApiRecord>;
  const ceps = Object.values(api);
  let preview: Preview | undefined;
  let browser: Browser | undefined;
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

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the preview and the browser start in beforeAll');
    return value;
  };
  return {
    outDir,
    ceps,
    byNumber: (number) => {
      const cep = ceps.find((candidate) => candidate.number === number);
      if (!cep) throw new Error(`the sample site has no proposal ${number}`);
      return cep;
    },
    preview: () => started(preview),
    visit: async (pathInSite, device, options = {}) => {
      const context = await started(browser).newContext({
        ...device,
        colorScheme: options.dark ? 'dark' : 'light',
        javaScriptEnabled: options.javaScript ?? true,
      });
      contexts.push(context);
      const page = await context.newPage();
      opened.push({ page, problems: watchProblems(page) });
      options.onPage?.(page);
      await page.goto(started(preview).url(pathInSite));
      return page;
    },
    lastProblems: () => {
      const last = opened.at(-1);
      if (!last) throw new Error('no page was opened');
      return last.problems;
    },
  };
}

/** Document width beyond the viewport: 0 when nothing scrolls sideways. */
export const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** Top of an element in page coordinates. */
export const topOf = (page: Page, selector: string) =>
  page.$eval(selector, (element) => element.getBoundingClientRect().top + window.scrollY);

/**
 * Paths of the search results shown, on the search page or in the search dialog, once the search has
 * settled for the words now in the box and every result has loaded. Settled means the results list is
 * not busy and the result line is for the words typed: while typing goes on (the box debounces), an
 * earlier search's "No results" or count is not taken for the answer.
 */
export async function searchResults(page: Page): Promise<string[]> {
  await page.waitForFunction(() => {
    const searchPage = document.querySelector('.search-page[data-search-page]:not([hidden])');
    const root = searchPage ?? document.querySelector('pagefind-modal');
    const list = root?.querySelector('pagefind-results ul.pf-results');
    const typed = root?.querySelector<HTMLInputElement>('pagefind-input input')?.value.trim() ?? '';
    if (list?.getAttribute('aria-busy') !== 'false') return false;
    if (searchPage) return searchPage.querySelector<HTMLElement>('[data-search-count]')?.dataset['term'] === typed;
    const line = root?.querySelector('pagefind-summary')?.textContent ?? '';
    return typed ? line.includes(typed) && !/searching/i.test(line) : /\d+ results?/i.test(line);
  });
  // Results render as placeholders that load when scrolled into view, as a reader scrolling would.
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
