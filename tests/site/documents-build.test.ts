/**
 * True to the documents, built for real: a real-shaped corpus (tests/fixtures/documents/) built
 * once, and its published values read back; and broken documents that lint and build both refuse,
 * with the same messages.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseHtml, ELEMENT_NODE, TEXT_NODE, walkSync, type Node as HtmlNode } from 'ultrahtml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot, readBuilt, type BuildResult } from '../support/build.ts';

const fixtures = path.join(projectRoot, 'tests/fixtures/documents');
// The MDX proposal holds an {expression}: only trusted content may (see docs/security.md); its summary must still read as text.
const environment = {
  CEP_CONTENT_DIR: path.join(fixtures, 'ceps'),
  CEP_RELEASES_DIR: path.join(fixtures, 'releases'),
  CEP_TRUSTED_MDX: '1',
};

/** The text of the first element matching `predicate`. */
function textOf(html: string, predicate: (node: HtmlNode) => boolean): string | undefined {
  let found: HtmlNode | undefined;
  walkSync(parseHtml(html), (node) => {
    if (!found && node.type === ELEMENT_NODE && predicate(node)) found = node;
  });
  if (!found) return undefined;
  let text = '';
  walkSync(found, (node) => {
    if (node.type === TEXT_NODE) text += String(node.value);
  });
  return text.replace(/\s+/g, ' ').trim();
}

const byField = (field: string) => (node: HtmlNode) => node.attributes?.['data-field'] === field;

interface ApiCep {
  number: number;
  target_release: string | null;
  stage: string | null;
  summary: string;
}

let site: BuildResult;
let api: ApiCep[];

beforeAll(async () => {
  site = await buildSite(environment);
  if (site.code !== 0) throw new Error(`the documents corpus did not build (exit ${site.code}):\n${site.output.slice(-3000)}`);
  // Records keyed by number.
  api = Object.values(JSON.parse(readBuilt(site.outDir, 'api/ceps.json')) as Record<string, ApiCep>);
}, 240_000);

describe('a real-shaped corpus, built once', () => {
  it('builds', () => {
    expect(site.code, site.output.slice(-3000)).toBe(0);
  });

  it('a stage-less target ("Ship target version: v1.9") is the target release on the page, the release page and in the API', () => {
    const page = readBuilt(site.outDir, 'ceps/4301-stageless-ship/index.html');
    expect(textOf(page, byField('target-ungated'))).toBe('v1.9');
    expect(textOf(page, byField('stage'))).toBe('not gated');
    const release = readBuilt(site.outDir, 'releases/v1.9/index.html');
    expect(release).toContain('data-cep="4301"');
    expect(api.find((cep) => cep.number === 4301)).toMatchObject({ target_release: 'v1.9', stage: null });
  });

  it('links written as code are no links (the build did not stop on them); a reference-style link is published', () => {
    const page = readBuilt(site.outDir, 'ceps/4302-links-in-code/index.html');
    expect(page).toContain('<code>[a link](../9999-missing/cep.md)</code>');
    expect(page).toMatch(/href="\/cep-catalogue\/ceps\/4301-stageless-ship\/"/);
  });

  it("an image path to a file that is not an image is linked, never Astro's raw image placeholder", () => {
    const page = readBuilt(site.outDir, 'ceps/4302-links-in-code/index.html');
    expect(page).not.toContain('__ASTRO_IMAGE_');
    expect(page).toContain('4302-links-in-code/notes.txt');
  });

  it('the checklist shows the text of its links, as the document reads', () => {
    const page = readBuilt(site.outDir, 'ceps/4301-stageless-ship/index.html');
    expect(textOf(page, byField('checklist'))).toContain(
      'Enhancement issue created, which links to CEP dir in kubevirt/project-infra (not the initial CEP PR)',
    );
  });

  it('an MDX summary shows no raw {expression}', () => {
    expect(api.find((cep) => cep.number === 4303)?.summary).toBe('An MDX proposal can count lanes and still read as plain text.');
  });

  it('a leap day is published as that day, in the page and the feed', () => {
    const page = readBuilt(site.outDir, 'ceps/4304-dated-front-matter/index.html');
    expect(page).toContain('<time datetime="2028-02-29">2028-02-29</time>');
    expect(readBuilt(site.outDir, 'feed.xml')).toContain('Wed, 01 Mar 2028 00:00:00 GMT');
  });
});

describe('documents that cannot be read: lint and build both stop, with the same messages', () => {
  const broken: Record<string, string> = {
    '4401-proto-key/cep.md': '---\ntitle: Proto\n__proto__:\n  polluted: true\n---\n\n# CEP #4401: Proto\n',
    '4402-custom-tag/cep.md': '---\ntitle: !!js/function "function () { return 1 }"\n---\n\n# CEP #4402: Tag\n',
    '4403-impossible-date/cep.md':
      '---\ntitle: Date\ncep-number: 4403\nstatus: provisional\nlast-updated: "2026-13-45"\n---\n\n# CEP #4403: Date\n',
    '12345678901234567890-huge/cep.md': '# CEP #12345678901234567890: Huge\n',
  };
  const expected = [
    '4401-proto-key/cep.md:3:1  error  front matter is not valid YAML: the key "__proto__" is not allowed (it would reach the object prototype) (front-matter-yaml)',
    '4402-custom-tag/cep.md:2:8  error  front matter is not valid YAML: Unresolved tag: tag:yaml.org,2002:js/function (front-matter-yaml)',
    '4403-impossible-date/cep.md:5:1  error  last-updated: is not a day of the calendar (check the month and the day) (got "2026-13-45") (front-matter-schema)',
    '12345678901234567890-huge/cep.md:1:1  error  the folder name gives the number 12345678901234567890, larger than any CEP or issue number (at most 2147483647) (number-too-large)',
  ];
  let contentDir: string;

  beforeAll(() => {
    contentDir = mkdtempSync(path.join(tmpdir(), 'cep-broken-'));
    for (const [file, text] of Object.entries(broken)) {
      mkdirSync(path.dirname(path.join(contentDir, file)), { recursive: true });
      writeFileSync(path.join(contentDir, file), text);
    }
    cpSync(path.join(fixtures, 'releases'), path.join(contentDir, '..', `${path.basename(contentDir)}-releases`), { recursive: true });
  });

  it('lint exits 1 naming each file, line and reason', () => {
    const lint = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/lint.ts')], {
      cwd: projectRoot,
      env: { ...process.env, CEP_CONTENT_DIR: contentDir, CEP_RELEASES_DIR: `${contentDir}-releases` },
      encoding: 'utf8',
    });
    expect(lint.status).toBe(1);
    for (const message of expected) expect(lint.stdout).toContain(message);
  });

  it('the build stops before rendering, with the same messages and no stack trace', async () => {
    const build = await buildSite({ CEP_CONTENT_DIR: contentDir, CEP_RELEASES_DIR: `${contentDir}-releases` });
    expect(build.code).not.toBe(0);
    for (const message of expected) expect(build.output).toContain(message);
    expect(build.output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  }, 240_000);
});
