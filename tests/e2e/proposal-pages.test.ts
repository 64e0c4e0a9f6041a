// End-to-end, as readers meet a proposal page of the sample site, on a phone (390x844, touch) and a
// desktop (1366x900), light and dark, in Chromium against the shared test build, served statically:
// - on a phone the proposal comes within a screen and a half, its details folded, nothing sideways;
// - on a desktop the contents stay in view and every heading has a self-link;
// - a pasted short link lands on its #section; an old proposal address leads to the proposal;
// - diagrams show their dark variant in dark mode, or stand on a light backdrop.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ELEMENT_NODE, parse, walkSync, type Node as HtmlNode } from 'ultrahtml';
import { describe, expect, it } from 'vitest';
import { desktop, inSite, phone, readerSession, sidewaysOverflow, topOf } from '../support/reader.ts';

const { outDir, byNumber, visit, preview, lastProblems } = await readerSession();
const sharding = byNumber(4233);
const withSupporting = byNumber(4350);

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
      await page.waitForURL(`${preview().url(inSite(sharding))}#design`);
      await page.waitForLoadState('load');
      const top = await page.$eval('#design', (heading) => heading.getBoundingClientRect().top);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(100);
    }
  });

  it('still land on the proposal without JavaScript (meta refresh)', async () => {
    const page = await visit(`cep/${sharding.number}/`, desktop, { javaScript: false });
    await page.waitForURL(preview().url(inSite(sharding)));
    expect(await page.textContent('h1')).toBe(sharding.title);
  });

  it('lead an old or mistyped proposal address to the proposal, keeping the section', async () => {
    const old = `ceps/${sharding.number}-an-old-title/`;
    const page = await visit(`${old}#goals`, desktop);
    await page.waitForURL(`${preview().url(inSite(sharding))}#goals`);
    expect(await page.textContent('h1')).toBe(sharding.title);
    // The old address itself answers 404 (it is the 404 page); nothing else may fail.
    const problems = lastProblems();
    problems.errors = problems.errors.filter((error) => !error.includes(preview().url(old)));
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
