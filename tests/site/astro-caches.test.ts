/**
 * What Astro keeps between builds, built for real on a tiny corpus (two proposals, one with an
 * image): a kept page cut off in Astro's cache and a cached optimised image that is garbage are
 * found in the output, Astro's cache folder is deleted and the site built once more from scratch,
 * so neither is published. And front matter read by one reader only: a body that starts with a
 * `---` block is published as the linter read it, and a supporting page's custom YAML tag stops
 * lint and build with the same message.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseHtml, ELEMENT_NODE, TEXT_NODE, walkSync } from 'ultrahtml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot, readBuilt, testBuildDir, type BuildResult } from '../support/build.ts';

const proposal = (number: number, slug: string, title: string, extra: string) =>
  [
    `# CEP #${number}: ${title}`,
    '',
    '## Target releases',
    '',
    '- Ship target version: v1.9',
    '',
    '## Overview',
    '',
    extra,
    '',
    '## Motivation',
    '',
    `Why ${slug} matters.`,
    '',
    '## Goals',
    '',
    '- One goal',
    '',
    '## Design',
    '',
    `The last words of ${slug}.`,
    '',
    '## Graduation Requirements',
    '',
    'None.',
    '',
  ].join('\n');

/** Every text of the page, in order. */
function textOf(html: string): string {
  let text = '';
  walkSync(parseHtml(html), (node) => {
    if (node.type === TEXT_NODE) text += `${String(node.value)} `;
  });
  return text.replace(/\s+/g, ' ');
}

function writeCorpus(): { contentDir: string; releasesDir: string } {
  const contentDir = mkdtempSync(path.join(tmpdir(), 'cep-caches-'));
  const releasesDir = `${contentDir}-releases`;
  cpSync(path.join(projectRoot, 'tests/fixtures/corpus/releases'), releasesDir, { recursive: true });
  mkdirSync(path.join(contentDir, '4501-with-image'));
  cpSync(path.join(projectRoot, 'tests/fixtures/corpus/ceps/assets/kubevirt-ci.png'), path.join(contentDir, '4501-with-image/ci.png'));
  writeFileSync(
    path.join(contentDir, '4501-with-image/cep.md'),
    proposal(4501, 'with-image', 'A proposal with an image', 'The lanes at a glance:\n\n![The CI mark](./ci.png)'),
  );
  mkdirSync(path.join(contentDir, '4502-rule-first'));
  // No front matter: the body starts with a `---` block, which another front matter reader would take (and drop) as YAML.
  writeFileSync(
    path.join(contentDir, '4502-rule-first/cep.md'),
    `\n---\n\nA note before the title.\n\n---\n\n${proposal(4502, 'rule-first', 'A rule first', 'Plain text.')}`,
  );
  return { contentDir, releasesDir };
}

let corpus: { contentDir: string; releasesDir: string };
let environment: NodeJS.ProcessEnv;
let outDir: string;
let first: BuildResult;

beforeAll(async () => {
  corpus = writeCorpus();
  environment = { CEP_CONTENT_DIR: corpus.contentDir, CEP_RELEASES_DIR: corpus.releasesDir };
  outDir = testBuildDir('caches-');
  first = await buildSite(environment, outDir);
  if (first.code !== 0) throw new Error(`the tiny corpus did not build (exit ${first.code}):\n${first.output.slice(-3000)}`);
}, 240_000);

describe('front matter is read by one reader', () => {
  it('a body that starts with a `---` block is published as the linter read it, not taken as front matter', () => {
    const text = textOf(readBuilt(outDir, 'ceps/4502-rule-first/index.html'));
    expect(text).toContain('A note before the title.');
    expect(text).toContain('The last words of rule-first.');
  });

  it("a supporting page's custom YAML tag stops lint and build with the same message", async () => {
    const contentDir = mkdtempSync(path.join(tmpdir(), 'cep-caches-tag-'));
    cpSync(corpus.contentDir, contentDir, { recursive: true });
    writeFileSync(
      path.join(contentDir, '4502-rule-first/notes.md'),
      '---\ntitle: !!js/function "function () { return 1 }"\n---\n\n# Notes\n',
    );
    const expected =
      '4502-rule-first/notes.md:2:8  error  front matter is not valid YAML: Unresolved tag: tag:yaml.org,2002:js/function (front-matter-yaml)';
    const env = { CEP_CONTENT_DIR: contentDir, CEP_RELEASES_DIR: corpus.releasesDir };
    const lint = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/lint.ts')], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(lint.status).toBe(1);
    expect(lint.stdout).toContain(expected);
    const build = await buildSite(env);
    expect(build.code).not.toBe(0);
    expect(build.output).toContain(expected);
  }, 240_000);
});

describe("Astro's caches", () => {
  it('a kept page cut off and a cached image that is garbage are never published: the site is built again from scratch', async () => {
    const page = 'ceps/4501-with-image/index.html';
    const cacheDir = `${outDir}-cache`;
    // Damage what the next incremental build copies from: the kept page and the optimised image.
    const keptPage = path.join(cacheDir, 'dist', page);
    truncateSync(keptPage, Math.floor(readFileSync(keptPage).length / 2));
    const cachedImages = readdirSync(path.join(cacheDir, 'assets')).filter((name) => name.startsWith('ci.'));
    expect(cachedImages.length).toBeGreaterThan(0);
    for (const name of cachedImages) writeFileSync(path.join(cacheDir, 'assets', name), 'not an image at all');

    const second = await buildSite(environment, outDir);
    expect(second.code, second.output.slice(-3000)).toBe(0);
    expect(second.output).toContain(`build: ${page} in the output is bad (`);
    expect(second.output).toMatch(/build: _astro\/ci\.[^ ]+ in the output is bad \(not a \w+ image/);
    expect(second.output).toContain('building once more from scratch');

    const html = readBuilt(outDir, page);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(textOf(html)).toContain('The last words of with-image.');
    let imageSource: string | undefined;
    walkSync(parseHtml(html), (node) => {
      if (node.type === ELEMENT_NODE && node.name === 'img' && String(node.attributes?.['alt']) === 'The CI mark')
        imageSource ??= String(node.attributes['src']);
    });
    expect(imageSource).toMatch(/\/_astro\/ci\./);
    const image = readFileSync(path.join(outDir, (imageSource ?? '').replace(/^\/cep-catalogue\//, '')));
    expect(image.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(image.subarray(8, 12).toString('latin1')).toBe('WEBP');
  }, 480_000);
});
