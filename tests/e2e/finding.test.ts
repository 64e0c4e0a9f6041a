// End-to-end, as readers look for proposals on the sample site (Chromium, the site served statically):
// - search finds a proposal first by its id in every spelling and by a person's login, combines the
//   values of one facet with OR, counts proposals apart from supporting documents, folds its filters
//   away on a phone;
// - release timelines stay legible on phones, schedules show their notes' links;
// - the catalogue is grouped by lifecycle, names lead to person pages.
import { describe, expect, it } from 'vitest';
import { basePath, desktop, pathOf, phone, readerSession, searchResults, sidewaysOverflow, topOf } from '../support/reader.ts';

const { ceps, byNumber, visit, preview } = await readerSession();
const sharding = byNumber(4233);

describe('search by id and by person', () => {
  it('finds CEP 4233 first for every spelling of its id, pasted in an address or typed in the box', async () => {
    const [pasted, ...typed] = ['CEP-4233', 'CEP 4233', '#4233', '4233', 'cep4233'] as const;
    const page = await visit(`search/?${new URLSearchParams({ q: pasted })}`, desktop);
    for (const written of [pasted, ...typed]) {
      if (written !== pasted) await page.fill('[data-search-page] pagefind-input input', written);
      const found = await searchResults(page);
      expect(found[0], written).toBe(pathOf(sharding));
      // The page title says what was searched.
      expect(await page.title()).toMatch(new RegExp(`^${written.replace(/[#]/g, '\\$&')} · Search`));
    }
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
    await Promise.all([page.waitForURL(preview().url('all/')), page.click('[data-flat-view]')]);
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
