import { spawnSync } from 'node:child_process';
import { existsSync, globSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { decodeHTML } from 'entities';
import { ELEMENT_NODE, parse, walkSync, type ElementNode } from 'ultrahtml';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus, type Corpus } from '../../src/lib/cep/corpus.ts';
import { readCatalogueConfig } from '../../src/lib/config.ts';
import { buildSite, projectRoot, readBuilt, type BuildResult } from '../support/build.ts';
import { readPage, textOf } from '../support/html.ts';

const contentDir = path.join(projectRoot, 'tests/fixtures/veps');
const releasesDir = path.join(projectRoot, 'content/releases');

/** Every address a page points at: links, images, scripts, redirects and canonical links. */
function addressesIn(html: string): string[] {
  const found: string[] = [];
  walkSync(parse(html), (node) => {
    if (node.type !== ELEMENT_NODE) return;
    const { attributes } = node as ElementNode;
    for (const name of ['href', 'src', 'action', 'data-search-page', 'data-bundle']) if (attributes[name]) found.push(attributes[name]);
    if (attributes['http-equiv'] === 'refresh' && attributes.content) found.push(attributes.content.replace(/^\d+;\s*url=/i, ''));
  });
  return found;
}

describe('CATALOGUE_KIND=vep: a real build of a VEP-shaped corpus', () => {
  let result: BuildResult;
  let corpus: Corpus;
  const page = (file: string) => readBuilt(result.outDir, file);
  const html = (file: string) => readPage(page(file));

  beforeAll(async () => {
    result = await buildSite({ CATALOGUE_KIND: 'vep', CEP_CONTENT_DIR: contentDir, CEP_RELEASES_DIR: releasesDir });
    corpus = readCorpus(readCatalogueConfig({ CATALOGUE_KIND: 'vep', CEP_CONTENT_DIR: contentDir }));
  }, 240_000);

  it('builds a page for every proposal under /veps/, says VEP, and links only releases that have a page', () => {
    expect(result.code, result.output.slice(-2000)).toBe(0);
    const built = readdirSync(path.join(result.outDir, 'veps'));
    expect(built.sort()).toEqual(corpus.ceps.map((record) => record.slug).sort());
    expect(built.length).toBe(corpus.documents.length);
    for (const record of corpus.ceps) {
      expect(html(`veps/${record.slug}/index.html`).text('title')).toMatch(new RegExp(`^VEP ${record.number}: `));
    }
    const home = html('index.html');
    expect(home.text('h1')).toBe('KubeVirt Enhancement Proposals');
    const releaseLinks = home
      .all('a')
      .flatMap((link) => /^\/cep-catalogue\/releases\/(v[\d.]+)\/$/.exec(link.attributes['href'] ?? '')?.[1] ?? []);
    expect(releaseLinks.length).toBeGreaterThan(0);
    for (const release of releaseLinks) {
      expect(existsSync(path.join(result.outDir, `releases/${release}/index.html`)), release).toBe(true);
    }
    expect(result.output).not.toContain('Invalid content reference');
    // The proposal routes' first segment is dynamic ([proposals], [proposal]); no route may shadow another.
    expect(result.output).not.toMatch(/conflicts with higher priority route|route collision/i);
  });

  it('serves the short links, badges and API at VEP paths, and nothing at the CEP ones', () => {
    for (const record of corpus.ceps) {
      const permalink = html(`vep/${record.number}/index.html`);
      expect(permalink.one('meta[http-equiv="refresh"]').attributes['content']).toBe(`0; url=/cep-catalogue/veps/${record.slug}/`);
      expect(page(`vep/${record.number}/badge.svg`)).toMatch(/^<svg/);
    }
    const api = JSON.parse(page('api/veps.json')) as Record<string, { url: string; permalink: string }>;
    expect(
      Object.keys(api)
        .map(Number)
        .sort((left, right) => left - right),
    ).toEqual(corpus.ceps.map((record) => record.number).sort((left, right) => left - right));
    for (const record of corpus.ceps) {
      expect(api[record.number]?.permalink).toBe(`https://catalogue.example.test/cep-catalogue/vep/${record.number}/`);
      expect(api[record.number]?.url).toBe(`https://catalogue.example.test/cep-catalogue/veps/${record.slug}/`);
    }
    for (const cepPath of ['ceps', 'cep', 'api/ceps.json']) expect(existsSync(path.join(result.outDir, cepPath)), cepPath).toBe(false);
    expect(html('index.html').all('a[href="/cep-catalogue/api/veps.json"]').length).toBeGreaterThan(0);
    expect(
      html('404.html')
        .all('code')
        .map((code) => decodeHTML(textOf(code))),
    ).toContain('/cep-catalogue/vep/<number>/');
  });

  it('links no CEP path from any page, and indexes the VEP pages for search', () => {
    const pages = globSync('**/*.html', { cwd: result.outDir });
    expect(pages.length).toBeGreaterThan(corpus.ceps.length);
    for (const file of pages) {
      const wrong = addressesIn(page(file)).filter((address) => /\/cep-catalogue\/(ceps?\/|api\/ceps\.json)/.test(address));
      expect(wrong, file).toEqual([]);
    }
    const indexed = /indexed (\d+) pages/.exec(result.output) ?? /reused the search index \((\d+) pages\)/.exec(result.output);
    expect(Number(indexed?.[1])).toBeGreaterThanOrEqual(corpus.ceps.length);
  });

  it('lint speaks of VEPs, in its help and in its messages', () => {
    const lint = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(projectRoot, 'scripts/lint.ts'), ...args], {
        cwd: projectRoot,
        env: { ...process.env, CATALOGUE_KIND: 'vep', CEP_CONTENT_DIR: contentDir, CEP_RELEASES_DIR: releasesDir },
        encoding: 'utf8',
      });
    const help = lint('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Checks every VEP document and release schedule');
    expect(help.stdout).toContain('folder of VEP folders');
    const run = lint('--no-health');
    expect(run.status, run.stderr).toBe(0);
    // The fixture's stage-less "targets version" lines are read now; the findings left name no CEP.
    expect(run.stdout).toMatch(/warning {2}cannot read the beta target release "after the storage rework lands"/);
    expect(run.stdout).not.toMatch(/\bCEPs?\b/);
  });
});
