/**
 * The one link resolver (src/lib/cep/links.ts), which the corpus check and the markdown plugin
 * share: how a link written in a proposal is read, and where the file it names is published.
 * Read against real folder layouts on disk, for CEPs and for VEPs.
 */
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import { imagePlace, pathInContent, publishedAt, publishedUrl, readLink, type FileLink } from '../../src/lib/cep/links.ts';
import { writeTree } from './helpers.ts';

const root = writeTree({
  'ceps/4401-y/cep.md': '# CEP-4401: Y\n',
  'ceps/4401-y/notes.md': '# Notes\n',
  'ceps/4401-y/diagram.png': 'png',
  'ceps/4401-y/data.yaml': 'a: 1\n',
  'ceps/4401-y/drafts/old.md': '# Old\n',
  'ceps/4402-x/cep.md': '# CEP-4402: X\n',
  'ceps/4402-x/other.png': 'png',
  'ceps/assets/shared.png': 'png',
  'ceps/README.md': '# Proposals\n',
  'outside.md': '# Not a proposal\n',
  'outside.png': 'png',
  'veps/sig-storage/25-x/vep.md': '# VEP 25: X\n',
  'veps/sig-storage/30-y/vep.md': '# VEP 30: Y\n',
  'veps/sig-storage/30-y/design.md': '# Design\n',
  'veps/sig-storage/README.md': '# SIG storage\n',
});
symlinkSync('../../outside.png', path.join(root, 'ceps/4401-y/escape.png'));

const cep = {
  kind: catalogueKinds.cep,
  contentDir: path.join(root, 'ceps'),
  basePath: '/cep-catalogue/',
  sourceUrl: 'https://github.com/kubevirt/project-infra/blob/main/docs/ci-enhancements',
};
const vep = {
  kind: catalogueKinds.vep,
  contentDir: path.join(root, 'veps'),
  basePath: '/',
  sourceUrl: 'https://github.com/kubevirt/enhancements/blob/main/veps',
};
const fromCep = path.join(cep.contentDir, '4401-y/cep.md');
const fromVep = path.join(vep.contentDir, 'sig-storage/30-y/vep.md');

const fileLink = (fromFile: string, href: string): FileLink => {
  const link = readLink(fromFile, href);
  if (link.kind !== 'file') throw new Error(`${href} is read as ${link.kind}`);
  return link;
};

describe('reading a written link', () => {
  it.each([
    'https://github.com/kubevirt/kubevirt',
    'mailto:sig-ci@example.com',
    'javascript:alert(1)',
    '#design',
    '?q=arm64',
    '/abs/page',
    '//cdn.example/x.png',
    '',
  ])('leaves %j as written', (href) => {
    expect(readLink(fromCep, href)).toEqual({ kind: 'elsewhere' });
    expect(publishedUrl(cep, readLink(fromCep, href))).toBeUndefined();
  });

  it('names the file a relative link points at, with its fragment or query', () => {
    const link = fileLink(fromCep, '../4402-x/cep.md#design');
    expect(link).toEqual({ kind: 'file', file: path.join(cep.contentDir, '4402-x/cep.md'), suffix: '#design' });
    expect(pathInContent(cep, link)).toBe('4402-x/cep.md');
    expect(fileLink(fromCep, './notes.md?plain=1#top')).toMatchObject({
      file: path.join(cep.contentDir, '4401-y/notes.md'),
      suffix: '?plain=1#top',
    });
    expect(fileLink(fromCep, 'my%20notes.md')).toMatchObject({ file: path.join(cep.contentDir, '4401-y/my notes.md'), suffix: '' });
  });

  it('says when a path is not a valid URL path', () => {
    expect(readLink(fromCep, '%ZZ')).toEqual({ kind: 'invalid', problem: '"%ZZ" is not a valid URL path' });
  });

  it('knows a link that leaves the content folder', () => {
    const link = fileLink(fromCep, '../../outside.md');
    expect(link).toMatchObject({ file: path.join(root, 'outside.md') });
    expect(pathInContent(cep, link)).toBeUndefined();
    expect(publishedAt(cep, link)).toEqual({ kind: 'unpublished' });
    expect(publishedUrl(cep, link)).toBeUndefined();
  });
});

describe('where a linked file is published', () => {
  const at = (config: typeof cep, fromFile: string, href: string) => publishedAt(config, fileLink(fromFile, href));

  it('a proposal, by its document or its folder, is its page', () => {
    expect(at(cep, fromCep, '../4402-x/cep.md#design')).toEqual({ kind: 'proposal', url: '/cep-catalogue/ceps/4402-x/#design' });
    expect(at(cep, fromCep, '../4402-x/')).toEqual({ kind: 'proposal', url: '/cep-catalogue/ceps/4402-x/' });
    expect(at(cep, fromCep, '../4402-x')).toEqual({ kind: 'proposal', url: '/cep-catalogue/ceps/4402-x/' });
  });

  it('a markdown file beside a proposal is a supporting page', () => {
    expect(at(cep, fromCep, './notes.md')).toEqual({ kind: 'supporting-page', url: '/cep-catalogue/ceps/4401-y/notes/' });
  });

  it('any other file of the content folder is shown on GitHub', () => {
    const github = 'https://github.com/kubevirt/project-infra/blob/main/docs/ci-enhancements';
    expect(at(cep, fromCep, '../README.md')).toEqual({ kind: 'source', url: `${github}/README.md` });
    expect(at(cep, fromCep, './data.yaml#L1')).toEqual({ kind: 'source', url: `${github}/4401-y/data.yaml#L1` });
    expect(at(cep, fromCep, '../assets/shared.png')).toEqual({ kind: 'source', url: `${github}/assets/shared.png` });
    // A markdown file in a sub-folder is no supporting page (the build publishes only those beside the document).
    expect(at(cep, fromCep, './drafts/old.md')).toEqual({ kind: 'source', url: `${github}/4401-y/drafts/old.md` });
  });

  it('in a VEP layout, the proposal folder below its SIG folder names the page', () => {
    expect(at(vep, fromVep, '../25-x/vep.md#api')).toEqual({ kind: 'proposal', url: '/veps/25-x/#api' });
    expect(at(vep, fromVep, '../25-x/')).toEqual({ kind: 'proposal', url: '/veps/25-x/' });
    expect(at(vep, fromVep, './design.md')).toEqual({ kind: 'supporting-page', url: '/veps/30-y/design/' });
    expect(at(vep, fromVep, '../README.md')).toEqual({
      kind: 'source',
      url: 'https://github.com/kubevirt/enhancements/blob/main/veps/sig-storage/README.md',
    });
  });
});

describe('whether an image is published with its page', () => {
  const place = (href: string) => imagePlace(cep, fromCep, fileLink(fromCep, href));

  it('from its own folder or the shared assets folder', () => {
    expect(place('./diagram.png')).toEqual({ kind: 'published' });
    expect(place('../assets/shared.png')).toEqual({ kind: 'published' });
  });

  it('not when it is missing, not an image, or elsewhere (symbolic links followed)', () => {
    expect(place('./missing.png')).toEqual({ kind: 'missing' });
    expect(place('./notes.md')).toEqual({ kind: 'not-an-image' });
    expect(place('../4402-x/other.png')).toMatchObject({ kind: 'outside', realFile: path.join(root, 'ceps/4402-x/other.png') });
    expect(place('./escape.png')).toMatchObject({ kind: 'outside', realFile: path.join(root, 'outside.png') });
  });
});
