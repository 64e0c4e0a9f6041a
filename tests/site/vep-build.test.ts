import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/lib/cep/corpus.ts';
import { readCatalogueConfig } from '../../src/lib/config.ts';
import { buildSite, projectRoot, readBuilt } from '../support/build.ts';

const contentDir = path.join(projectRoot, 'tests/fixtures/veps');

describe('CATALOGUE_KIND=vep: a real build of a VEP-shaped corpus', () => {
  it('builds a page for every proposal, says VEP, and links only releases that have a page', async () => {
    const result = await buildSite({ CATALOGUE_KIND: 'vep', CEP_CONTENT_DIR: contentDir, CEP_RELEASES_DIR: path.join(projectRoot, 'content/releases') });
    expect(result.code, result.output.slice(-2000)).toBe(0);
    const corpus = readCorpus(readCatalogueConfig({ CATALOGUE_KIND: 'vep', CEP_CONTENT_DIR: contentDir }));
    const built = readdirSync(path.join(result.outDir, 'ceps'));
    expect(built.sort()).toEqual(corpus.ceps.map((record) => record.slug).sort());
    expect(built.length).toBe(corpus.documents.length);
    for (const record of corpus.ceps) {
      const html = readBuilt(result.outDir, `ceps/${record.slug}/index.html`);
      expect(html).toContain(`<title>VEP ${record.number}: `);
      expect(existsSync(path.join(result.outDir, `cep/${record.number}/index.html`))).toBe(true);
    }
    const home = readBuilt(result.outDir, 'index.html');
    expect(home).toContain('<h1>KubeVirt Enhancement Proposals</h1>');
    for (const match of home.matchAll(/href="\/cep-catalogue\/releases\/(v[\d.]+)\/"/g)) {
      expect(existsSync(path.join(result.outDir, `releases/${match[1]}/index.html`)), match[1]).toBe(true);
    }
    expect(result.output).not.toContain('Invalid content reference');
  });
});
