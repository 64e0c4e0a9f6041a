// Discovery data on hand-made records: the JSON API (/api/ceps.json), the feed (/feed.xml), the
// search facets written into proposal pages and into search URLs, and the Pagefind build step.
// What the built sample site serves is checked in tests/e2e/discovery.test.ts.
import { toApiTracking } from '../src/lib/api/ceps.ts';
import { dashboardRow } from '../src/lib/releases/dashboard.ts';
import { cep as factoryCep, context as healthContext, tracking as factoryTracking } from './support/records.ts';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCepsApi, cepApiFields, toApiRecord } from '../src/lib/api/ceps.ts';
import { feedItems } from '../src/lib/api/feed.ts';
import { idInQuery, pagefindFilters, readSearchParams, searchAttributes, writeSearchParams } from '../src/lib/api/search.ts';
import type { CepRecord } from '../src/lib/cep/schema.ts';
import { pagefindIntegration, SearchIndexError } from '../src/integrations/pagefind.ts';
import { projectRoot } from './support/build.ts';
import { catalogueKinds } from '../src/lib/cep/catalogue-kind.ts';

const context = {
  siteUrl: 'https://kubevirt.example',
  basePath: '/project-infra/',
  sourceUrl: 'https://github.com/kubevirt/project-infra/blob/main/docs/ci-enhancements',
  kind: catalogueKinds.cep,
};

function record(overrides: Partial<CepRecord> = {}): CepRecord {
  return {
    number: 4101,
    slug: '4101-arm64-e2e-lanes',
    title: 'Voting arm64 lanes',
    status: 'implementable',
    stage: 'alpha',
    targets: { alpha: 'v1.9', beta: 'v1.10' },
    targetRelease: 'v1.10',
    authors: ['@a'],
    owningSig: 'sig-ci',
    participatingSigs: ['sig-compute'],
    reviewers: [],
    approvers: ['@b'],
    creationDate: '2025-09-17',
    lastUpdated: '2026-11-28',
    trackingIssue: { repository: 'kubevirt/project-infra', number: 4101, url: 'https://github.com/kubevirt/project-infra/issues/4101' },
    replaces: [],
    exceptions: [{ release: 'v1.10', state: 'requested' }],
    checklist: [
      { text: 'a', checked: true, required: true },
      { text: 'b', checked: false, required: false },
    ],
    summary: 'Run arm64 e2e on every PR.',
    form: 'front-matter',
    sourcePath: '4101-arm64-e2e-lanes/cep.md',
    ...overrides,
  };
}

describe('JSON API records', () => {
  it('carries absolute links under the base path, stable ids and null for what is not known', () => {
    const api = toApiRecord(record({ stage: undefined, targets: {}, targetRelease: undefined, lastUpdated: undefined }), context);
    expect(api).toMatchObject({
      number: 4101,
      status: 'implementable',
      stage: null,
      target_release: null,
      targets: { alpha: null, beta: null, stable: null },
      last_updated: null,
      superseded_by: null,
      tracking: null,
      exceptions: [{ release: 'v1.10', state: 'requested', link: null, requested: null, reason: null }],
      checklist: { done: 1, total: 2 },
      url: 'https://kubevirt.example/project-infra/ceps/4101-arm64-e2e-lanes/',
      permalink: 'https://kubevirt.example/project-infra/cep/4101/',
      source_url: 'https://github.com/kubevirt/project-infra/blob/main/docs/ci-enhancements/4101-arm64-e2e-lanes/cep.md',
    });
  });

  it('keys records by number in number order, and takes tracking state from the caller', () => {
    const row = dashboardRow(
      factoryCep(),
      factoryTracking({ projectItems: [{ project: { title: 'CEPs', number: 1, url: null }, status: 'Tracked', release: 'v1.10' }] }),
      healthContext,
    );
    const api = buildCepsApi([record({ number: 4290, slug: '4290-x' }), record()], context, (cep) =>
      cep.number === 4101 ? toApiTracking(row) : null,
    );
    expect(Object.keys(api)).toEqual(['4101', '4290']);
    expect(api['4101']?.tracking).toEqual({
      state: 'open',
      state_reason: null,
      labels: ['sig/ci', 'target/v1.10'],
      milestone: null,
      assignees: ['mara-ci'],
      board_status: 'Tracked',
      pull_requests: { merged: 0, open: 0, total: 0 },
      last_check_in: '2026-11-27T09:00:00Z',
      updated_at: '2026-11-28T10:00:00Z',
      stale_since: null,
      as_of: '2026-11-30T06:00:00Z',
      health: 'on-track',
      outcome: null,
      reason: 'No problems found in the document, the tracking issue or the schedule.',
      findings: [],
    });
    expect(api['4290']?.tracking).toBeNull();
  });

  it('documents every field, in the code and in docs/search.md', () => {
    const fields = Object.keys(toApiRecord(record(), context)).sort();
    expect(Object.keys(cepApiFields).sort()).toEqual(fields);
    const docs = readFileSync(path.join(projectRoot, 'docs/search.md'), 'utf8');
    for (const field of fields) expect(docs, `docs/search.md should describe "${field}"`).toContain(`\`${field}\``);
  });
});

describe('feed items', () => {
  it('lists proposals newest first by last update, marks new ones, and gives each update its own guid', () => {
    const items = feedItems(
      [
        record({ number: 1, slug: '1-a', creationDate: '2026-01-01', lastUpdated: '2026-03-01' }),
        record({ number: 2, slug: '2-b', creationDate: '2026-05-01', lastUpdated: undefined }),
        record({ number: 3, slug: '3-c', creationDate: undefined, lastUpdated: undefined }),
      ],
      context,
      'CEP',
    );
    expect(items.map((item) => item.title)).toEqual([
      'New: CEP 2: Voting arm64 lanes',
      'CEP 1: Voting arm64 lanes',
      'CEP 3: Voting arm64 lanes',
    ]);
    expect(items[0]?.link).toBe('https://kubevirt.example/project-infra/ceps/2-b/');
    expect(items[1]?.guid).toBe('https://kubevirt.example/project-infra/ceps/1-a/#updated-2026-03-01');
    expect(items[1]?.pubDate?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(items[2]?.pubDate).toBeUndefined();
    expect(items[1]?.description).toBe('Implementable · targets v1.10 · sig-ci. Run arm64 e2e on every PR.');
  });
});

describe('search facets', () => {
  it('indexes status and stage by their labels, every targeted release, and only the facets that have a value', () => {
    const { filters, meta, sort } = searchAttributes(record(), 'CEP');
    expect(filters.filter(([name]) => name !== 'Person')).toEqual([
      ['Status', 'Implementable'],
      ['Stage', 'Alpha'],
      ['Target release', 'v1.9'],
      ['Target release', 'v1.10'],
      ['Kind', 'Proposal'],
      ['Owning SIG', 'sig-ci'],
    ]);
    expect(meta).toContainEqual(['title', 'CEP 4101: Voting arm64 lanes']);
    expect(sort).toEqual([
      ['number', '4101'],
      ['updated', '2026-11-28'],
    ]);
    const withExtras = searchAttributes(record({ status: undefined, stage: undefined, targets: {} }), 'CEP', {
      tracking: 'At risk',
      health: 'green',
    });
    expect(withExtras.filters.filter(([name]) => name !== 'Person')).toEqual([
      ['Kind', 'Proposal'],
      ['Owning SIG', 'sig-ci'],
      ['Tracking', 'At risk'],
      ['Health', 'green'],
    ]);
  });

  it('gives undated proposals a sort key, so sorting never drops them', () => {
    expect(searchAttributes(record({ lastUpdated: undefined, creationDate: undefined }), 'CEP').sort).toContainEqual([
      'updated',
      '0000-00-00',
    ]);
  });

  it('reads and writes search URLs with the documented keys, slugs in the URL and labels in the index', () => {
    const state = readSearchParams(
      new URLSearchParams('q=flaky&status=implementable&status=Provisional&stage=stable&release=v1.10&sig=sig-ci&sort=updated&unknown=1'),
    );
    expect(state).toEqual({
      query: 'flaky',
      filters: { Status: ['Implementable', 'Provisional'], Stage: ['Stable (GA)'], 'Target release': ['v1.10'], 'Owning SIG': ['sig-ci'] },
      sort: 'updated',
    });
    expect(writeSearchParams(state).toString()).toBe(
      'q=flaky&status=implementable&status=provisional&stage=stable&release=v1.10&sig=sig-ci&sort=updated',
    );
    expect(writeSearchParams({ query: ' ', filters: {}, sort: undefined }).toString()).toBe('');
    expect(readSearchParams(new URLSearchParams('sort=bogus')).sort).toBeUndefined();
  });

  it('treats several values of any facet as alternatives (OR within a facet)', () => {
    expect(
      pagefindFilters({ Status: ['Implementable', 'Provisional'], 'Target release': ['v1.9', 'v1.10'], Stage: ['Alpha'], Person: [] }),
    ).toEqual({
      Status: { any: ['Implementable', 'Provisional'] },
      'Target release': { any: ['v1.9', 'v1.10'] },
      Stage: { any: ['Alpha'] },
    });
  });

  it('indexes every spelling of the id and every person, and reads an id from a query in any spelling', () => {
    const { filters, keywords } = searchAttributes(
      record({ authors: ['@Mara-CI'], reviewers: ['@tkowalski'], approvers: ['@pnavarro', '@mara-ci'] }),
      'CEP',
      { assignees: ['lpetrov'] },
    );
    expect(filters.filter(([name]) => name === 'Person').map(([, login]) => login)).toEqual([
      'lpetrov',
      'mara-ci',
      'pnavarro',
      'tkowalski',
    ]);
    expect(keywords.split(' ')).toEqual(expect.arrayContaining(['CEP-4101', 'CEP4101', '#4101', '4101', 'mara-ci', 'lpetrov']));
    for (const written of ['CEP-4233', 'cep 4233', 'CEP #4233', '#4233', '4233', ' CEP:4233 '])
      expect(idInQuery('CEP', written)).toBe(4233);
    for (const written of ['CEP-4233 sharding', 'v1.10', 'flaky', '']) expect(idInQuery('CEP', written)).toBeUndefined();
  });
});

describe('search index build step', () => {
  const runHook = async (siteDir: string) => {
    const hook = pagefindIntegration({ glob: 'ceps/**/*.html' }).hooks['astro:build:done'] as unknown as (options: {
      dir: URL;
      logger: { info(message: string): void };
    }) => Promise<void>;
    const messages: string[] = [];
    await hook({ dir: pathToFileURL(`${siteDir}/`), logger: { info: (message) => messages.push(message) } });
    return messages;
  };

  it('indexes the proposal pages and writes the bundle into the site', async () => {
    const siteDir = mkdtempSync(path.join(tmpdir(), 'cep-pagefind-'));
    mkdirSync(path.join(siteDir, 'ceps/1-a'), { recursive: true });
    writeFileSync(
      path.join(siteDir, 'ceps/1-a/index.html'),
      '<html lang="en"><body><h1>A</h1><main data-pagefind-body><p>quarantine</p></main></body></html>',
    );
    writeFileSync(path.join(siteDir, 'index.html'), '<html lang="en"><body><h1>Home</h1><p>catalogue</p></body></html>');
    const messages = await runHook(siteDir);
    expect(messages.join('\n')).toMatch(/indexed 1 pages/);
    expect(existsSync(path.join(siteDir, 'pagefind/pagefind-component-ui.js'))).toBe(true);
  });

  it('fails the build when no page is indexed', async () => {
    const siteDir = mkdtempSync(path.join(tmpdir(), 'cep-pagefind-'));
    writeFileSync(path.join(siteDir, 'index.html'), '<html lang="en"><body><h1>Home</h1></body></html>');
    await expect(runHook(siteDir)).rejects.toThrow(SearchIndexError);
    await expect(runHook(siteDir)).rejects.toThrow(/indexed 0 pages/);
  });
});
