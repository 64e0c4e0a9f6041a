/**
 * A real build of a real-shaped corpus in a git repository of its own (tests/fixtures/corpus),
 * served at the root of a domain from a tracking snapshot edited by hand:
 * what the documents do not state comes from git and says so; what they state is published as
 * written (stage-less targets, links in code, reference links, MDX summaries, leap days, a body
 * that starts with a `---` block); a near miss is reported, not dropped; symlinks inside the content
 * folder are read, one leading out stops lint and build alike; so do a supporting page's custom YAML
 * tag and a content folder that does not exist. One full build; the refused ones stop before any
 * page is rendered.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { decodeHTML } from 'entities';
import path from 'node:path';
import { ELEMENT_NODE, parse, walkSync, type ElementNode, type Node } from 'ultrahtml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrackingSnapshot } from '../../src/lib/github/schema.ts';
import { buildSite, projectRoot, readBuilt, type BuildResult } from '../support/build.ts';
import { readPage, textContent } from '../support/html.ts';

const work = mkdtempSync(path.join(tmpdir(), 'cep-corpus-'));
const contentDir = path.join(work, 'ceps');
const releasesDir = path.join(work, 'releases');
/**
 * The committed snapshot is a file in the repository, so a pull request can edit it by hand: this
 * build reads one whose GitHub strings carry markup and whose entry for 4101 is stale.
 */
function handEditedSnapshot(): string {
  const snapshot = JSON.parse(readFileSync(path.join(projectRoot, 'content/tracking.snapshot.json'), 'utf8')) as TrackingSnapshot;
  const issue = snapshot.issues['4101']!;
  issue.checkIns[0]!.excerpt = 'Check-in <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))';
  issue.labels.push({ name: '<b onmouseover=alert(4)>label</b>', color: null });
  issue.stale = { since: '2026-11-29T06:00:00Z', reason: 'GitHub answered 502 Bad Gateway', kind: 'fetch_failed' };
  const snapshotPath = path.join(work, 'snapshot.json');
  writeFileSync(snapshotPath, JSON.stringify(snapshot));
  return snapshotPath;
}

// Served at the root of a domain (no base path), from a snapshot edited by hand. The MDX proposal
// holds an {expression}: only trusted content may (see docs/security.md); its summary must still read as text.
const environment = {
  CEP_CONTENT_DIR: contentDir,
  CEP_RELEASES_DIR: releasesDir,
  CEP_TRUSTED_MDX: '1',
  BASE_PATH: '/',
  SITE_URL: 'https://ceps.example.test',
  TRACKING_SNAPSHOT: handEditedSnapshot(),
};
const templateForm = '3987-prow-job-config-linting';

function commit(message: string, date: string) {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync('git', ['add', '-A'], { cwd: work, env });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', message], { cwd: work, env });
}

/**
 * The fixture, committed with fixed dates; the template-form proposal started under another name,
 * and 4101 first targeted beta at v1.9, then moved it to v1.10 (the fixture's own state).
 */
function repository() {
  cpSync(path.join(projectRoot, 'tests/fixtures/corpus'), work, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: work });
  const retargeted = path.join(contentDir, '4101-arm64-e2e-lanes/cep.md');
  const asTargeted = readFileSync(retargeted, 'utf8');
  writeFileSync(retargeted, asTargeted.replace('beta: "v1.10"', 'beta: "v1.9"'));
  const proposal = path.join(contentDir, templateForm);
  renameSync(proposal, path.join(contentDir, '3987-prowlint'));
  commit('propose prowlint', '2025-01-10T09:00:00Z');
  renameSync(path.join(contentDir, '3987-prowlint'), proposal);
  commit('rename prowlint', '2025-03-05T09:00:00Z');
  // A page shared with other proposals, linked into this one's folder.
  symlinkSync('../shared/rules.md', path.join(proposal, 'rules.md'));
  commit('link the rules page', '2025-06-20T09:00:00Z');
  writeFileSync(retargeted, asTargeted);
  commit('target beta at v1.10', '2026-05-01T10:00:00Z');
}

function lint(env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/lint.ts'), '--no-health'], {
    cwd: projectRoot,
    env: { ...process.env, GITHUB_ACTIONS: '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const isElement = (node: Node): node is ElementNode => node.type === ELEMENT_NODE;
const textOf = (node: Node): string =>
  node.type === ELEMENT_NODE || node.type === 0 ? (node.children ?? []).map(textOf).join('') : String(node.value ?? '');
/** The `<dd>` text after each `<dt>` of the metadata panel. */
function metadata(html: string): Map<string, string> {
  const fields = new Map<string, string>();
  let term: string | undefined;
  let panel: ElementNode | undefined;
  walkSync(parse(html), (node) => {
    if (isElement(node) && node.attributes['aria-labelledby'] === 'metadata-heading') panel ??= node;
  });
  expect(panel).toBeDefined();
  walkSync(panel!, (node) => {
    if (!isElement(node)) return;
    if (node.name === 'dt') term = textOf(node).trim();
    else if (node.name === 'dd' && term) {
      fields.set(term, textOf(node).replace(/\s+/g, ' ').trim());
      term = undefined;
    }
  });
  return fields;
}

/** The text of the element with `data-field="<field>"` in `html`. */
function fieldText(html: string, field: string): string | undefined {
  let found: ElementNode | undefined;
  walkSync(parse(html), (node) => {
    if (isElement(node) && node.attributes['data-field'] === field) found ??= node;
  });
  return found && textOf(found).replace(/\s+/g, ' ').trim();
}

interface ApiCep {
  number: number;
  target_release: string | null;
  stage: string | null;
  summary: string;
}
const apiRecords = () => Object.values(JSON.parse(readBuilt(build.outDir, 'api/ceps.json')) as Record<string, ApiCep>);

let build: BuildResult;
beforeAll(async () => {
  repository();
  build = await buildSite(environment);
});

describe('a real-shaped corpus in git, built for real', () => {
  it('builds, and reports the misnamed proposal with the same warning lint gives', () => {
    expect(build.code, build.output.slice(-3000)).toBe(0);
    const warning = lint(environment)
      .stdout.split('\n')
      .find((line) => line.includes('(document-missing)'));
    expect(warning).toBe(
      `${path.join(contentDir, '4200-misnamed')}:1:1  warning  folder 4200-misnamed/ looks like a proposal but has no cep.md or cep.mdx, so it is not published; found CEP.md: rename it to cep.md if it is the proposal (document-missing)`,
    );
    expect(build.output).toContain(warning);
    expect(existsSync(path.join(build.outDir, 'ceps/4200-misnamed'))).toBe(false);
  });

  it('a proposal that does not state its dates shows those of git, following its rename, marked as such', () => {
    const fields = metadata(readBuilt(build.outDir, `ceps/${templateForm}/index.html`));
    expect(fields.get('Created')).toBe('2025-01-10 (from git)');
    expect(fields.get('Updated')).toBe('2025-06-20 (from git)');
    // Stated dates are the document's, unmarked.
    const stated = metadata(readBuilt(build.outDir, 'ceps/4101-arm64-e2e-lanes/index.html'));
    expect(stated.get('Created')).toBe('2025-09-17');
    expect(stated.get('Updated')).toBe('2026-11-28');
    const api = JSON.parse(readBuilt(build.outDir, 'api/ceps.json')) as Record<
      string,
      { created: string | null; last_updated: string | null }
    >;
    expect(api['3987']).toMatchObject({ created: '2025-01-10', last_updated: '2025-06-20' });
    expect(api['4101']).toMatchObject({ created: '2025-09-17', last_updated: '2026-11-28' });
  });

  it('shows a re-targeting, read from git, with the commit that made it', () => {
    const html = readBuilt(build.outDir, 'ceps/4101-arm64-e2e-lanes/index.html');
    let retargeting: ElementNode | undefined;
    walkSync(parse(html), (node) => {
      if (isElement(node) && node.attributes['data-field'] === 'retargeting') retargeting ??= node;
    });
    expect(textOf(retargeting!).replace(/\s+/g, ' ').trim()).toMatch(/^2026-05-01: v1\.9 → v1\.10 [0-9a-f]{7}$/);
  });

  it('the feed dates it by git, with an id that names the revision of its document', () => {
    const feed = readBuilt(build.outDir, 'feed.xml');
    const items = [...parse(feed).children].flatMap(function all(node: Node): ElementNode[] {
      return isElement(node) ? [...(node.name === 'item' ? [node] : []), ...node.children.flatMap(all)] : [];
    });
    const item = items.find((candidate) => textOf(candidate).includes(`/ceps/${templateForm}/`));
    const field = (name: string) => item?.children.filter(isElement).find((child) => child.name === name);
    expect(textOf(field('pubDate')!)).toBe('Fri, 20 Jun 2025 00:00:00 GMT');
    expect(textOf(field('guid')!)).toMatch(new RegExp(`/ceps/${templateForm}/#updated-2025-06-20-[0-9a-z]+$`));
  });

  it('publishes a page linked in from inside the content folder, and an image from the shared assets folder', () => {
    expect(readBuilt(build.outDir, `ceps/${templateForm}/rules/index.html`)).toContain('Every job sets resource requests.');
    const images: string[] = [];
    walkSync(parse(readBuilt(build.outDir, `ceps/${templateForm}/index.html`)), (node) => {
      if (isElement(node) && node.name === 'img' && node.attributes['alt'] === 'The KubeVirt CI mark')
        images.push(node.attributes['src'] ?? '');
    });
    expect(images).toHaveLength(1);
    expect(existsSync(path.join(build.outDir, images[0]!))).toBe(true);
  });
});

describe('served at the root of a domain, from a snapshot edited by hand', () => {
  it('links pages, permalinks, assets and search without a base path', () => {
    const home = readBuilt(build.outDir, 'index.html');
    expect(readPage(home).all('a[href="/ceps/4101-arm64-e2e-lanes/"]').length).toBeGreaterThan(0);
    expect(readPage(home).all('a[href="/releases/v1.10/"][data-current-release]').length).toBeGreaterThan(0);
    expect(home).not.toContain('/cep-catalogue/');
    expect(readPage(readBuilt(build.outDir, 'cep/4101/index.html')).one('meta[http-equiv="refresh"]').attributes['content']).toBe(
      '0; url=/ceps/4101-arm64-e2e-lanes/',
    );
    expect(existsSync(path.join(build.outDir, 'pagefind/pagefind.js'))).toBe(true);
  });

  it('renders tracking data escaped, whatever the snapshot holds, and a stale entry says since when', () => {
    const html = readBuilt(build.outDir, 'ceps/4101-arm64-e2e-lanes/index.html');
    const page = readPage(html);
    // The page's own scripts only: none that the snapshot's strings brought.
    for (const script of page.all('script')) expect(textOf(script)).not.toMatch(/alert\(/);
    expect(page.all('img').filter((image) => image.attributes['src'] === 'x')).toEqual([]);
    expect(page.all('a').filter((link) => /^\s*javascript:/i.test(link.attributes['href'] ?? ''))).toEqual([]);
    expect(page.all('*').filter((element) => Object.keys(element.attributes).some((name) => /^on/i.test(name)))).toEqual([]);
    // Shown as the text it is (the parser leaves character references as written).
    const text = decodeHTML(page.text());
    expect(text).toContain('Check-in <script>alert(1)</script> <img src=x onerror=alert(2)>');
    expect(text).toContain('<b onmouseover=alert(4)>label</b>');
    expect(text).toContain('Stale: this is the last known state, from 2026-11-29 . GitHub answered 502 Bad Gateway');
  });
});

describe('documents published as they read', () => {
  it('a stage-less target ("Ship target version: v1.9") is the target release on the page, the release page and in the API', () => {
    const page = readBuilt(build.outDir, 'ceps/4301-stageless-ship/index.html');
    expect(fieldText(page, 'target-ungated')).toBe('v1.9');
    expect(fieldText(page, 'stage')).toBe('not gated');
    const release = readBuilt(build.outDir, 'releases/v1.9/index.html');
    expect(release).toContain('data-cep="4301"');
    expect(apiRecords().find((cep) => cep.number === 4301)).toMatchObject({ target_release: 'v1.9', stage: null });
  });

  it('links written as code are no links (the build did not stop on them); a reference-style link is published', () => {
    const page = readBuilt(build.outDir, 'ceps/4302-links-in-code/index.html');
    const read = readPage(page);
    const code = read.all('code').find((element) => textContent(element) === '[a link](../9999-missing/cep.md)');
    expect(code && read.all('a', code)).toEqual([]);
    expect(read.all('a[href="/ceps/4301-stageless-ship/"]')).toHaveLength(1);
  });

  it("an image path to a file that is not an image is linked, never Astro's raw image placeholder", () => {
    const page = readBuilt(build.outDir, 'ceps/4302-links-in-code/index.html');
    expect(page).not.toContain('__ASTRO_IMAGE_');
    expect(page).toContain('4302-links-in-code/notes.txt');
  });

  it('the checklist shows the text of its links, as the document reads', () => {
    const page = readBuilt(build.outDir, 'ceps/4301-stageless-ship/index.html');
    expect(fieldText(page, 'checklist')).toContain(
      'Enhancement issue created, which links to CEP dir in kubevirt/project-infra (not the initial CEP PR)',
    );
  });

  it('an MDX summary shows no raw {expression}', () => {
    expect(apiRecords().find((cep) => cep.number === 4303)?.summary).toBe('An MDX proposal can count lanes and still read as plain text.');
  });

  it('a body that starts with a `---` block is published as the linter read it, not taken as front matter', () => {
    const text = textOf(parse(readBuilt(build.outDir, 'ceps/4305-rule-first/index.html'))).replace(/\s+/g, ' ');
    expect(text).toContain('A note before the title.');
    expect(text).toContain('The last words of the rule-first proposal.');
  });

  it('a leap day is published as that day, in the page and the feed', () => {
    const page = readBuilt(build.outDir, 'ceps/4304-dated-front-matter/index.html');
    const dates = readPage(page)
      .all('time')
      .map((time) => [time.attributes['datetime'], textContent(time)]);
    expect(dates).toContainEqual(['2028-02-29', '2028-02-29']);
    expect(readBuilt(build.outDir, 'feed.xml')).toContain('Wed, 01 Mar 2028 00:00:00 GMT');
  });
});

describe('refused before any page is rendered, by lint and build alike', () => {
  it('a symbolic link out of the content folder: the same error, no stack trace, nothing published', async () => {
    const secret = mkdtempSync(path.join(tmpdir(), 'cep-secret-'));
    writeFileSync(path.join(secret, 'environ.md'), 'GITHUB_TOKEN=ghp_notarealtoken\n');
    const evil = mkdtempSync(path.join(tmpdir(), 'cep-corpus-evil-'));
    cpSync(contentDir, path.join(evil, 'ceps'), { recursive: true, verbatimSymlinks: true });
    symlinkSync(path.join(secret, 'environ.md'), path.join(evil, 'ceps/4101-arm64-e2e-lanes/environ.md'));
    const env = { CEP_CONTENT_DIR: path.join(evil, 'ceps'), CEP_RELEASES_DIR: releasesDir };

    const linted = lint(env);
    expect(linted.code).toBe(1);
    const error = linted.stdout.split('\n').find((line) => line.includes('(file-outside-content)'));
    expect(error).toBe(
      `${path.join(evil, 'ceps/4101-arm64-e2e-lanes/environ.md')}:1:1  error  is a symbolic link to ${path.join(secret, 'environ.md')}, outside the content folder; only files inside it are published (file-outside-content)`,
    );

    const refused = await buildSite(env);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(error);
    expect(refused.output).not.toMatch(/^\s+at /m);
    expect(readdirSync(refused.outDir)).toEqual([]);
  });

  it("a supporting page's custom YAML tag: the same message from lint and build, read by the one YAML reader", async () => {
    const tagged = mkdtempSync(path.join(tmpdir(), 'cep-corpus-tag-'));
    cpSync(contentDir, path.join(tagged, 'ceps'), { recursive: true, verbatimSymlinks: true });
    writeFileSync(
      path.join(tagged, 'ceps/4305-rule-first/notes.md'),
      '---\ntitle: !!js/function "function () { return 1 }"\n---\n\n# Notes\n',
    );
    const env = { CEP_CONTENT_DIR: path.join(tagged, 'ceps'), CEP_RELEASES_DIR: releasesDir };
    const expected =
      '4305-rule-first/notes.md:2:8  error  front matter is not valid YAML: Unresolved tag: tag:yaml.org,2002:js/function (front-matter-yaml)';
    const linted = lint(env);
    expect(linted.code).toBe(1);
    expect(linted.stdout).toContain(expected);
    const refused = await buildSite(env);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(expected);
    expect(refused.output).not.toMatch(/^\s+at /m);
  });

  it('a content folder that does not exist: one clear message and a failing exit, no trace, no unrelated hint', async () => {
    const env = { CEP_CONTENT_DIR: path.join(work, 'no-such-folder'), CEP_RELEASES_DIR: releasesDir };
    const message = `the content folder ${path.join(work, 'no-such-folder')} does not exist or is not a folder (set CEP_CONTENT_DIR or --content-dir) (content-folder-missing)`;
    const linted = lint(env);
    expect(linted.code).toBe(1);
    expect(linted.stdout).toContain(message);
    expect(linted.stderr).toBe('');
    const refused = await buildSite(env);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(message);
    expect(refused.output).not.toMatch(/^\s+at /m);
    expect(refused.output).not.toContain('Browser APIs');
  });
});
