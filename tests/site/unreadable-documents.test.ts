/**
 * Documents that cannot be read: lint and build both stop before anything is rendered, naming each
 * file, line and reason with the same messages, and no stack trace. (What readable real-shaped
 * documents publish is asserted by tests/site/corpus.test.ts, on one build.)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot } from '../support/build.ts';

const releases = path.join(projectRoot, 'tests/fixtures/corpus/releases');

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
    cpSync(releases, path.join(contentDir, '..', `${path.basename(contentDir)}-releases`), { recursive: true });
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
