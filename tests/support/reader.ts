/**
 * What the reader-facing browser tests share: the sample site served as GitHub Pages serves it, one
 * Chromium per test file, a tab per kind of reader (phone or desktop, light or dark, with or without
 * JavaScript), and a check after every test that no page logged an error or failed a request.
 * Expected values come from the built site's JSON API, not from the tests.
 *
 * A tab is navigated from visit to visit rather than opened afresh: a new tab costs Chromium about
 * three times the CPU of a navigation, and the browser tests are most of the suite's CPU on 2 cores.
 * Between tests a tab is emptied (about:blank, the mouse back in the corner, the colour scheme it was
 * opened with), and the site keeps no state in the browser (no cookies, no storage), so a visit sees
 * what a reader opening the address would. A test that watches a tab's requests gets a tab of its own.
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
  /** Opens `pathInSite` in a tab for that kind of reader; its problems are checked after the test. */
  visit(pathInSite: string, device: Device, options?: VisitOptions): Promise<Page>;
  /** The problems recorded for the last tab opened (a test may forgive one it expects). */
  lastProblems(): PageProblems;
}

interface Tab {
  page: Page;
  problems: PageProblems;
  colorScheme: 'light' | 'dark';
}

/** Readers who need a context of their own: device, colour scheme, JavaScript on or off. */
const readerKind = (device: Device, options: VisitOptions) =>
  `${device.viewport.width}x${device.viewport.height}|${options.dark ? 'dark' : 'light'}|${options.javaScript ?? true}`;

/** Registers the file's hooks (preview, browser, per-test problem check) and returns its helpers. */
export async function readerSession(): Promise<ReaderSession> {
  const outDir = await sampleSite();
  const api = JSON.parse(readFileSync(path.join(outDir, 'api/ceps.json'), 'utf8')) as Record<string, CepApiRecord>;
  const ceps = Object.values(api);
  let preview: Preview | undefined;
  let browser: Browser | undefined;
  const contexts = new Map<string, BrowserContext>();
  /** Tabs free to be navigated, per kind of reader; a test that visits twice with one kind gets a second tab. */
  const freeTabs = new Map<string, Tab[]>();
  const inUse: { key: string | undefined; tab: Tab }[] = [];

  beforeAll(async () => {
    [preview, browser] = await Promise.all([startPreview(outDir), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
    await browser?.close();
    await preview?.close();
  });
  afterEach(async () => {
    const used = inUse.splice(0);
    expect(used.flatMap(({ tab }) => tab.problems.errors)).toEqual([]);
    for (const { key, tab } of used) {
      if (key === undefined) {
        await tab.page.close();
        continue;
      }
      await tab.page.goto('about:blank');
      await tab.page.mouse.move(0, 0);
      await tab.page.emulateMedia({ colorScheme: tab.colorScheme });
      freeTabs.set(key, [...(freeTabs.get(key) ?? []), tab]);
    }
  });

  const contextFor = async (device: Device, options: VisitOptions): Promise<BrowserContext> => {
    const key = readerKind(device, options);
    const existing = contexts.get(key);
    if (existing) return existing;
    const context = await started(browser).newContext({
      ...device,
      colorScheme: options.dark ? 'dark' : 'light',
      javaScriptEnabled: options.javaScript ?? true,
    });
    contexts.set(key, context);
    return context;
  };
  const newTab = async (context: BrowserContext, options: VisitOptions): Promise<Tab> => {
    const page = await context.newPage();
    return { page, problems: watchProblems(page), colorScheme: options.dark ? 'dark' : 'light' };
  };

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
      const context = await contextFor(device, options);
      // A tab whose requests a test watches is not handed on: its listeners would outlive the test.
      const key = options.onPage ? undefined : readerKind(device, options);
      const tab = (key === undefined ? undefined : freeTabs.get(key)?.pop()) ?? (await newTab(context, options));
      tab.problems.errors = [];
      inUse.push({ key, tab });
      options.onPage?.(tab.page);
      await tab.page.goto(started(preview).url(pathInSite));
      return tab.page;
    },
    lastProblems: () => {
      const last = inUse.at(-1);
      if (!last) throw new Error('no page was opened in this test');
      return last.tab.problems;
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
