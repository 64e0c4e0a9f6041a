// Cache files check themselves: a file cut off, altered or written for something else is never
// trusted; the parse cache parses such entries again and says so in one line.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCacheFile, writeCacheFile } from '../../src/lib/cache/cache-file.ts';
import { ParseCache, parseOptionsOf, readCorpus } from '../../src/lib/cep/corpus.ts';
import { readCatalogueConfig } from '../../src/lib/config.ts';
import { filledSections, writeTree } from '../cep/helpers.ts';

const folder = () => mkdtempSync(path.join(tmpdir(), 'cep-cache-'));

describe('a cache file', () => {
  it('reads back what was written, and leaves no temporary file behind', () => {
    const file = path.join(folder(), 'nested/entry.html');
    writeCacheFile(file, '<p>Ünïcode body</p>', 'key-1');
    expect(readCacheFile(file, 'key-1')).toEqual({ ok: true, content: '<p>Ünïcode body</p>' });
    expect(readdirSync(path.dirname(file))).toEqual(['entry.html']);
  });

  it('cut off, altered, headerless or for another key: never returned', () => {
    const file = path.join(folder(), 'entry.html');
    writeCacheFile(file, '<h2>Motivation</h2><p>The whole body.</p>', 'key-1');
    const whole = readFileSync(file);
    expect(readCacheFile(file, 'key-2')).toMatchObject({ ok: false, reason: 'stale' });
    writeFileSync(file, whole.subarray(0, whole.length - 10));
    expect(readCacheFile(file, 'key-1')).toEqual({
      ok: false,
      reason: 'corrupt',
      detail: expect.stringMatching(/^cut off: \d+ of \d+ bytes$/),
    });
    writeFileSync(file, Buffer.from(whole.toString('utf8').replace('whole', 'WHOLE')));
    expect(readCacheFile(file, 'key-1')).toEqual({ ok: false, reason: 'corrupt', detail: 'content does not match its checksum' });
    writeFileSync(file, '<p>garbage written by someone else</p>');
    expect(readCacheFile(file, 'key-1')).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(readCacheFile(path.join(folder(), 'none'), 'key-1')).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('the parse cache', () => {
  const cep = (number: number) =>
    `---\ntitle: CEP ${number}\ncep-number: ${number}\nstatus: provisional\n---\n\n# CEP #${number}: CEP ${number}\n\n${filledSections()}\n`;
  const setUp = () => {
    const root = writeTree({ 'ceps/4101-a/cep.md': cep(4101), 'ceps/4102-b/cep.md': cep(4102) });
    const config = readCatalogueConfig({ CEP_CONTENT_DIR: `${root}/ceps`, CEP_RELEASES_DIR: `${root}/releases` }, root);
    const file = path.join(folder(), 'parsed-proposals.json');
    const cache = new ParseCache();
    const fresh = readCorpus(config, root, cache);
    cache.save(
      file,
      fresh.documents.map((document) => parseOptionsOf(config, document.relativePath, root)),
    );
    return { root, config, file, fresh };
  };

  it('a malformed entry (even with a valid checksum) is parsed again, with one line, not a crash', () => {
    const { root, config, file, fresh } = setUp();
    const cache = new ParseCache();
    const read = readCacheFile(file, cache.version());
    if (!read.ok) throw new Error(read.detail);
    const documents = JSON.parse(read.content) as Record<string, { document: { links?: unknown } }>;
    const [first] = Object.values(documents);
    delete first!.document.links;
    writeCacheFile(file, JSON.stringify(documents), cache.version());

    expect(cache.load(file)).toEqual({
      loaded: 1,
      problems: [`parse cache ${file}: 1 malformed entry ignored; that proposal is parsed again`],
    });
    const again = readCorpus(config, root, cache);
    expect(again.ceps).toEqual(fresh.ceps);
    expect(again.diagnostics).toEqual(fresh.diagnostics);
  });

  it('a truncated file is not used: one line, and every proposal is parsed again', () => {
    const { root, config, file, fresh } = setUp();
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length / 2));
    const cache = new ParseCache();
    expect(cache.load(file)).toEqual({
      loaded: 0,
      problems: [expect.stringMatching(/^parse cache .* is unusable \(cut off: \d+ of \d+ bytes\); every proposal is parsed again$/)],
    });
    expect(readCorpus(config, root, cache).ceps).toEqual(fresh.ceps);
  });
});
