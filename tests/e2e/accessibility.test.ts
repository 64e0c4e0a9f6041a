// axe-core (WCAG 2.x A/AA and best practices) finds no violations on the pages readers use most, on
// a phone (390x844, touch) and a desktop (1366x900), light and dark (there, the rules a colour scheme
// can change), nor in the open search modal.
import { describe, expect, it } from 'vitest';
import { axeViolations, darkSchemeRules } from '../support/browser.ts';
import { desktop, inSite, phone, readerSession, searchResults } from '../support/reader.ts';

const { byNumber, visit } = await readerSession();
const sharding = byNumber(4233);

describe('accessibility (axe-core) at both sizes', () => {
  const pages = [
    ['a proposal page', () => inSite(sharding)],
    ['the grouped catalogue', () => ''],
    ['a person page', () => 'people/mara-ci/'],
    ['a release page', () => 'releases/v1.10/'],
    ['the search page with words and filters', () => 'search/?q=flaky&status=implementable&status=provisional'],
  ] as const;
  for (const [device, name] of [
    [phone, 'phone'],
    [desktop, 'desktop'],
  ] as const) {
    it.each(pages)(`finds no violations on %s (${name}, light and dark)`, async (_label, where) => {
      const page = await visit(where(), device);
      if (where().startsWith('search/')) await searchResults(page);
      if (device === phone) await page.$$eval('details', (all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
      expect(await axeViolations(page)).toEqual([]);
      // The dark scheme is colours only (a prefers-color-scheme query, no script reads it): the same
      // page, switched, is what a reader in dark mode sees, and only colours and diagrams change.
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
      expect(await axeViolations(page, darkSchemeRules)).toEqual([]);
    });
  }
});

describe('the search dialog (axe-core)', () => {
  it.each([false, true])('finds no violations in the open dialog with results (dark: %s)', async (dark) => {
    const page = await visit('', desktop, { dark });
    await page.keyboard.press('/');
    await page.waitForSelector('pagefind-modal dialog[open]');
    await page.keyboard.type('flaky');
    await searchResults(page);
    expect(await axeViolations(page)).toEqual([]);
  });
});
