import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ParseCache, parseOptionsOf, readCorpus } from '../../src/lib/cep/corpus.ts';
import { formatDiagnostic } from '../../src/lib/cep/diagnostics.ts';
import { readCatalogueConfig } from '../../src/lib/config.ts';
import { filledSections, writeTree } from './helpers.ts';

const cep = (number: number, frontMatter: string, body = filledSections()) =>
  `---\ntitle: CEP ${number}\ncep-number: ${number}\n${frontMatter}\n---\n\n# CEP #${number}: CEP ${number}\n\n${body}\n`;
const schedule =
  '- when: 2026/10/14\n  milestone: KubeVirt Alpha 0\n  who: KubeVirt\n  what: Tag v1.10.0-alpha.0\n- when: 2026/12/16\n  milestone: KubeVirt Code Freeze\n  who: KubeVirt\n  what: Branch release-1.10\n- when: 2027/01/20\n  milestone: "**KubeVirt GA**"\n  who: KubeVirt\n  what: Tag v1.10.0 on release-1.10\n';

function lint(files: Record<string, string>) {
  const root = writeTree({ 'releases/v1.10/schedule.yaml': schedule, ...files });
  const config = readCatalogueConfig({ CEP_CONTENT_DIR: `${root}/ceps`, CEP_RELEASES_DIR: `${root}/releases` }, root);
  return readCorpus(config, root);
}

describe('catalogue-wide rules', () => {
  it('a clean catalogue has no findings and its records sorted by number', () => {
    const corpus = lint({
      'ceps/4402-object-store/cep.md': cep(4402, 'status: implementable\nreplaces: 4188\nmilestone:\n  alpha: v1.10'),
      'ceps/4188-retention/cep.md': cep(4188, 'status: replaced\nsuperseded-by: 4402'),
    });
    expect(corpus.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(corpus.ceps.map((record) => record.number)).toEqual([4188, 4402]);
    expect(corpus.releases.map((release) => release.version)).toEqual(['v1.10']);
  });

  it('duplicate numbers are an error on both files', () => {
    const corpus = lint({
      'ceps/4101-a/cep.md': cep(4101, 'status: provisional'),
      'ceps/4101-b/cep.md': cep(4101, 'status: provisional'),
    });
    expect(corpus.diagnostics.map(formatDiagnostic)).toEqual([
      'ceps/4101-a/cep.md:3:1  error  CEP 4101 is also used by 4101-b/cep.md (number-duplicate)',
      'ceps/4101-b/cep.md:3:1  error  CEP 4101 is also used by 4101-a/cep.md (number-duplicate)',
    ]);
  });

  it('replacements must point at existing CEPs, both ways', () => {
    const corpus = lint({
      'ceps/4188-retention/cep.md': cep(4188, 'status: replaced'),
      'ceps/4190-other/cep.md': cep(4190, 'status: replaced\nsuperseded-by: 4999'),
      'ceps/4402-object-store/cep.md': cep(4402, 'status: implementable\nreplaces: [4188]'),
    });
    expect(corpus.diagnostics.map(formatDiagnostic)).toEqual([
      'ceps/4188-retention/cep.md:4:1  error  status is "replaced" but "superseded-by" does not name the replacing CEP (superseded-by-missing)',
      'ceps/4190-other/cep.md:5:1  error  superseded-by: no CEP 4999 in the catalogue (superseded-by-unknown)',
      'ceps/4402-object-store/cep.md:5:1  warning  replaces CEP 4188, but CEP 4188 is not marked "superseded-by: 4402" (replacement-asymmetric)',
    ]);
  });

  it('a target release without a schedule is a warning at the milestone field', () => {
    const corpus = lint({ 'ceps/4101-a/cep.md': cep(4101, 'status: provisional\nmilestone:\n  alpha: v1.11') });
    expect(corpus.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(
        /^ceps\/4101-a\/cep\.md:6:3  warning  alpha target v1\.11 has no schedule in .*releases\/v1\.11\/schedule\.yaml \(release-unknown\)$/,
      ),
    ]);
  });

  it('relative links and images must resolve; links to other CEPs, anchors and extra pages are fine', () => {
    const body = filledSections(
      'See [the other](../4102-b/cep.md#design), [details](./details.md), ![diagram](./missing.svg) and [gone](../4999-x/cep.md).',
    );
    const corpus = lint({
      'ceps/4101-a/cep.md': cep(4101, 'status: provisional', body),
      'ceps/4101-a/details.md': '# Details\n\n[back](./cep.md) and [broken](./nope.md)\n',
      'ceps/4102-b/cep.md': cep(4102, 'status: provisional'),
    });
    expect(corpus.extraPages).toEqual(['4101-a/details.md']);
    expect(corpus.diagnostics.map(formatDiagnostic)).toEqual([
      'ceps/4101-a/cep.md:31:68  error  image "./missing.svg" points at 4101-a/missing.svg, which does not exist (link-broken)',
      'ceps/4101-a/cep.md:31:98  error  link "../4999-x/cep.md" points at 4999-x/cep.md, which does not exist (link-broken)',
      'ceps/4101-a/details.md:3:22  error  link "./nope.md" points at 4101-a/nope.md, which does not exist (link-broken)',
    ]);
  });
});

describe('the parse cache kept between builds', () => {
  // A catalogue with findings of every kind the rules locate: in the front matter, in the body, in links.
  const files = {
    'ceps/4402-object-store/cep.md': cep(4402, 'status: implementable\nreplaces: 4188\nmilestone:\n  alpha: v1.10\n  beta: v1.12'),
    'ceps/4188-retention/cep.md': cep(
      4188,
      'status: replaced\nsuperseded-by: 4999',
      `${filledSections()}\n\nSee [the other](../4402-object-store/cep.md) and [gone](../4000-gone/cep.md).\n`,
    ),
    'ceps/4101-a/cep.md': cep(4101, 'status: provisional'),
    'ceps/4101-b/cep.md': '# CEP-4101: template form\n\nNo metadata here.\n',
    'ceps/4500-empty/cep.md': '',
  };
  const setUp = () => {
    const root = writeTree({ 'releases/v1.10/schedule.yaml': schedule, ...files });
    const config = readCatalogueConfig({ CEP_CONTENT_DIR: `${root}/ceps`, CEP_RELEASES_DIR: `${root}/releases` }, root);
    return { root, config, cacheFile: path.join(mkdtempSync(path.join(tmpdir(), 'cep-parse-cache-')), 'parsed.json') };
  };
  const view = (corpus: ReturnType<typeof readCorpus>) => ({
    diagnostics: corpus.diagnostics.map(formatDiagnostic).sort(),
    ceps: corpus.ceps,
  });

  const save = (
    cache: ParseCache,
    file: string,
    corpus: ReturnType<typeof readCorpus>,
    config: ReturnType<typeof readCatalogueConfig>,
    root: string,
  ) =>
    cache.save(
      file,
      corpus.documents.map((document) => parseOptionsOf(config, document.relativePath, root)),
    );

  it('gives the same records and findings, at the same places, as parsing afresh', () => {
    const { root, config, cacheFile } = setUp();
    const first = new ParseCache();
    const fresh = readCorpus(config, root, first);
    expect(fresh.diagnostics.length).toBeGreaterThan(4);
    expect(save(first, cacheFile, fresh, config, root)).toEqual({ reused: 0, parsed: 5 });

    const second = new ParseCache();
    expect(second.load(cacheFile)).toEqual({ loaded: 5, problems: [] });
    const cached = readCorpus(config, root, second);
    expect(view(cached)).toEqual(JSON.parse(JSON.stringify(view(fresh))));
    expect(save(second, cacheFile, cached, config, root)).toEqual({ reused: 5, parsed: 0 });
  });

  it('parses an edited file again, and ignores a cache written by other parsing code', () => {
    const { root, config, cacheFile } = setUp();
    const first = new ParseCache();
    save(first, cacheFile, readCorpus(config, root, first), config, root);

    const second = new ParseCache();
    second.load(cacheFile);
    writeFileSync(path.join(root, 'ceps/4101-a/cep.md'), cep(4101, 'status: withdrawn'));
    const corpus = readCorpus(config, root, second);
    expect(corpus.ceps.find((record) => record.number === 4101)?.status).toBe('withdrawn');
    expect(save(second, cacheFile, corpus, config, root)).toEqual({ reused: 4, parsed: 1 });

    // Code with other packages (a project root without these node_modules) does not trust it.
    expect(new ParseCache(root).load(cacheFile)).toEqual({ loaded: 0, problems: [] });
    expect(new ParseCache().load(path.join(root, 'no-such-file.json'))).toEqual({ loaded: 0, problems: [] });
  });
});
