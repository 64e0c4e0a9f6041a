/**
 * Issue #12, end to end: an attacker's corpus (tests/fixtures/hostile/) and hostile GitHub data,
 * built for real once with a canary token (through `npm run build`'s script, which syncs with the
 * token and renders without it), then read as files and opened in Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ELEMENT_NODE, parse, walkSync, type ElementNode } from 'ultrahtml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { classesOf, readPage, textContent, textOf } from '../support/html.ts';
import { buildSite, projectRoot, testBuildDir, testBuildEnvironment, type BuildResult } from '../support/build.ts';
import { fixtureLabel, startFakeGitHub, type FakeGitHub } from '../../tools/github/fake-github.ts';
import { startPreview, type Preview } from '../support/preview.ts';

const hostile = path.join(projectRoot, 'tests/fixtures/hostile');
const builtCorpus = path.join(hostile, 'built/ceps');
const refusedCorpus = path.join(hostile, 'refused/ceps');
const releasesDir = path.join(projectRoot, 'content/releases');

// Canaries: if any of these appears in an output, a secret leaked.
const TOKEN = 'ghp_CanaryToken0000000000000000000000000001';
const GH_TOKEN = 'ghp_CanaryToken0000000000000000000000000002';
const OTHER_SECRET = 'canary-npm-secret-0003';
const SECRETS = [TOKEN, GH_TOKEN, OTHER_SECRET];

const MARKUP = "<img src=x onerror=alert('github')>";
const COMMANDS = '\n::error file=x,line=1::forged\n::stop-commands::pwned\n';

function hostileGitHub() {
  const updatedAt = '2026-11-20T00:00:00Z';
  return {
    repository: 'kubevirt/project-infra',
    issues: [5001, 5002, 5003].map((number) => ({
      number,
      title: `Tracking ${number} ${MARKUP}${COMMANDS}<script>alert('title')</script>`,
      state: 'OPEN' as const,
      labels: [fixtureLabel('sig/ci'), { name: `target/v1.10${MARKUP}`, color: 'ff0000;background:url(javascript:alert(1))' }],
      milestone: { title: `v1.10 ${MARKUP}`, dueOn: null },
      assignees: ['octocat', '<script>alert(1)</script>'],
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt,
      comments: [
        {
          author: 'octocat',
          createdAt: '2026-11-19T00:00:00Z',
          body: `Weekly check-in: <script>alert('check-in')</script> [x](javascript:alert('check-in link')) ${MARKUP}`,
          url: 'javascript:alert(1)',
        },
      ],
      closingPullRequests: [`kubevirt/project-infra#${number + 1000}`],
      projectItems: [
        {
          project: { title: `Board ${MARKUP}`, number: 12, url: 'javascript:alert(1)' },
          status: `In progress ${MARKUP}`,
          release: `v1.10 ${MARKUP}`,
        },
      ],
    })),
    pullRequests: [5001, 5002, 5003].map((number) => ({
      repository: 'kubevirt/project-infra',
      number: number + 1000,
      title: `PR ${MARKUP}`,
      state: 'OPEN' as const,
      updatedAt,
      url: 'javascript:alert(1)',
      closes: [number],
    })),
  };
}

function filesBelow(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file).isFile());
}

const attributesOf = (element: ElementNode) => Object.entries(element.attributes as Record<string, string>);
const unsafeUrl = (value: string) => /^\s*(?:javascript|data|vbscript|file):/i.test(value);

describe('a hostile corpus and hostile GitHub data, built with a token', () => {
  let github: FakeGitHub;
  let build: BuildResult;
  let preview: Preview;
  let browser: Browser;
  let outDir: string;
  const pages = () => filesBelow(outDir).filter((file) => file.endsWith('.html'));
  const html = (file: string) => readFileSync(path.join(outDir, file), 'utf8');

  beforeAll(async () => {
    github = await startFakeGitHub(hostileGitHub());
    outDir = testBuildDir('hostile-');
    build = await buildSite(
      {
        ...github.env({ GITHUB_TOKEN: TOKEN, GH_TOKEN, NPM_TOKEN: OTHER_SECRET }),
        CEP_CONTENT_DIR: builtCorpus,
        CEP_RELEASES_DIR: releasesDir,
        TRACKING_SNAPSHOT: path.join(outDir, 'no-committed-snapshot.json'),
      },
      outDir,
    );
    if (build.code !== 0) throw new Error(`hostile build failed (exit ${build.code}):\n${build.output.slice(-3000)}`);
    preview = await startPreview(outDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    await github?.close();
  });

  it('fetches with the token in the sync step and renders without it, saying so', () => {
    expect(github.graphqlRequests.length).toBeGreaterThan(0);
    expect(build.output).toMatch(/build: rendering without GH_TOKEN, GITHUB_TOKEN, NPM_TOKEN/);
    expect(build.output).toMatch(/tracking: 3 of 3 tracking issues as fetched from GitHub/);
  });

  it('leaves no secret in dist/, the caches or the log', () => {
    const places = [outDir, `${outDir}-cache`, `${outDir}-tracking`, path.join(`${outDir}-root`, '.astro')];
    const files = places.flatMap(filesBelow);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const content = readFileSync(file, 'latin1');
      for (const secret of SECRETS) expect(content.includes(secret), `${secret} in ${file}`).toBe(false);
    }
    for (const secret of SECRETS) expect(build.output).not.toContain(secret);
  });

  it('publishes no script, handler, active element or unsafe URL on any page', () => {
    expect(pages().length).toBeGreaterThan(10);
    for (const file of pages()) {
      walkSync(parse(html(path.relative(outDir, file))), (node) => {
        if (node.type !== ELEMENT_NODE) return;
        const element = node as ElementNode;
        const where = `<${element.name}> in ${path.relative(outDir, file)}`;
        expect(['iframe', 'object', 'embed', 'base', 'frame', 'frameset'], where).not.toContain(element.name);
        // The one form is the site's own search box, which sends the words to the site's search page.
        if (element.name === 'form') expect(element.attributes['action'], where).toBe('/cep-catalogue/search/');
        // The site's own permalink pages redirect within the site; nothing else may.
        if (element.name === 'meta' && element.attributes['http-equiv'])
          expect(element.attributes['content'], where).toMatch(/^\d+;\s*url=\/cep-catalogue\//);
        if (element.name === 'script')
          expect(element.children.map((child) => ('value' in child ? String(child.value) : '')).join(''), where).not.toMatch(/alert\(/);
        for (const [name, value] of attributesOf(element)) {
          expect(name.toLowerCase().startsWith('on'), `${name} on ${where}`).toBe(false);
          // The permalink pages' empty icon (`data:,`, no content) keeps the browser from fetching one while it leaves.
          const emptyIcon = element.name === 'link' && element.attributes['rel'] === 'icon' && value === 'data:,';
          if (['href', 'src', 'action', 'formaction', 'srcset', 'xlink:href'].includes(name.toLowerCase()) && !emptyIcon)
            expect(unsafeUrl(value), `${name}="${value}" on ${where}`).toBe(false);
          if (name === 'srcdoc') throw new Error(`srcdoc on ${where}`);
        }
      });
    }
  });

  it('keeps what real proposals use: details, tables, highlighted code, footnotes, task lists, safe links, the clean SVG', () => {
    const source = html('ceps/5001-hostile-body/index.html');
    const page = readPage(source);
    const summary = page.all('summary').find((element) => textOf(element) === 'Details survive');
    expect(summary?.parent).toMatchObject({ name: 'details' });
    expect(page.all('strong').map(textOf)).toContain('markdown');
    expect(page.all('table').length).toBeGreaterThan(0);
    const highlighted = page.all('pre').filter((pre) => classesOf(pre).includes('astro-code'));
    expect(highlighted.every((pre) => String(pre.attributes['style'] ?? '').includes('background-color'))).toBe(true);
    // Markup inside a code block is the block's text, not elements.
    const code = highlighted.find((pre) => textContent(pre).includes("<script>alert('in code: shown as text')</script>"));
    expect(code && page.all('script', code)).toEqual([]);
    const links = page.all('a').map((link) => link.attributes['href']);
    expect(links).toEqual(
      expect.arrayContaining([
        '#user-content-fn-1',
        'https://example.com/ok',
        'mailto:sig-ci@example.com',
        '/cep-catalogue/ceps/5001-hostile-body/notes/',
      ]),
    );
    page.one('[id="user-content-fn-1"]');
    const checkbox = page.all('input').find((input) => input.attributes['type'] === 'checkbox');
    expect(checkbox?.attributes).toMatchObject({ checked: '', disabled: '', 'aria-label': 'done' });
    expect(page.all('img').map((image) => String(image.attributes['src']))).toContainEqual(
      expect.stringMatching(/^\/cep-catalogue\/_astro\/diagram[^/]*\.svg$/),
    );
    expect(source).not.toContain('evil.test');
  });

  it('stores GitHub strings as plain text and shows them escaped', () => {
    const cache = readFileSync(path.join(`${outDir}-tracking`, 'last.json'), 'utf8');
    const stored = JSON.parse(cache) as {
      issues: Record<
        string,
        { title: string; labels: { name: string }[]; milestone: { title: string } | null; projectItems: { status: string | null }[] }
      >;
    };
    const issue = stored.issues['5001'];
    for (const value of [issue?.title, issue?.labels[1]?.name, issue?.milestone?.title, issue?.projectItems[0]?.status]) {
      expect(value).toBeDefined();
      expect(value).not.toMatch(/<[a-z/!]/i);
      expect(value).not.toContain('\n');
    }
    expect(cache).not.toContain('javascript:');
  });

  it('runs nothing in Chromium: no dialog, no script of the content, no request off the site', async () => {
    const context = await browser.newContext();
    const dialogs: string[] = [];
    const offSite: string[] = [];
    const origin = new URL(preview.origin).host;
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.host !== origin) {
        offSite.push(url.href);
        return route.abort();
      }
      return route.continue();
    });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const svg = filesBelow(path.join(outDir, '_astro')).find((file) => file.endsWith('.svg'));
    expect(svg).toBeDefined();
    const addresses = [
      'ceps/5001-hostile-body/',
      'ceps/5001-hostile-body/notes/',
      'ceps/5002-hostile-mdx/',
      'ceps/5003-hostile-front-matter/',
      'releases/v1.10/',
      '',
      `_astro/${path.basename(svg ?? '')}`,
    ];
    for (const address of addresses) {
      await page.goto(preview.url(address), { waitUntil: 'load' });
      await page.mouse.move(200, 200);
      await page.mouse.move(600, 400);
      // Open every <details> (its toggle event fires as on a click) without waiting for hidden ones to become clickable.
      await page.$$eval('details', (elements) => elements.forEach((details) => ((details as HTMLDetailsElement).open = true)));
      await page.waitForTimeout(300);
      const hrefs = await page.$$eval('a[href], area[href]', (links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(hrefs.filter(unsafeUrl), address).toEqual([]);
      expect(new URL(page.url()).host, `${address} navigated away`).toBe(origin);
    }
    await context.close();
    expect(dialogs).toEqual([]);
    expect(offSite).toEqual([]);
  });

  it('lint warns about each piece of dropped HTML on its line and column, on one line each', () => {
    const lint = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/lint.ts'), '--no-health'], {
      cwd: projectRoot,
      env: { ...process.env, ...testBuildEnvironment, CEP_CONTENT_DIR: builtCorpus, CEP_RELEASES_DIR: releasesDir, GITHUB_ACTIONS: 'true' },
      encoding: 'utf8',
    });
    expect(lint.status).toBe(0);
    const lines = lint.stdout.split('\n');
    expect(lines).toContain(
      'tests/fixtures/hostile/built/ceps/5001-hostile-body/cep.md:21:9  warning  <script> is removed from the page with everything inside it (not allowed in proposals) (html-dropped)',
    );
    expect(lines).toContain(
      'tests/fixtures/hostile/built/ceps/5001-hostile-body/cep.md:23:1  warning  attribute ontoggle on <details> is not allowed in proposals and is dropped (html-dropped)',
    );
    expect(
      lines.some((line) => line.startsWith('tests/fixtures/hostile/built/ceps/5001-hostile-body/notes.md:3:1  warning  <script>')),
    ).toBe(true);
    expect(lines.some((line) => /5002-hostile-mdx\/cep\.mdx:18:24 {2}warning {2}<img> is JSX in MDX/.test(line))).toBe(true);
    // Workflow commands: only the annotations lint means to print, each a single well-formed line.
    const commands = lines.filter((line) => line.trimStart().startsWith('::'));
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(/^::(?:warning|error) file=[^,:]+,line=\d+,col=\d+,title=[^:]+::/);
    expect(lint.stdout).toContain(': :stop-commands: :pwned');
  });

  it('a markdown report prints GitHub and document text escaped', () => {
    const report = spawnSync(
      process.execPath,
      [path.join(projectRoot, 'scripts/report.ts'), '--release', 'v1.10', '--kind', 'weekly', '--format', 'markdown'],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          ...testBuildEnvironment,
          CEP_CONTENT_DIR: builtCorpus,
          CEP_RELEASES_DIR: releasesDir,
          TRACKING_CACHE_DIR: `${outDir}-tracking`,
        },
        encoding: 'utf8',
      },
    );
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/CEP 5003: Title \\<img src=x onerror=alert\\\('title'\\\)\\>/);
    expect(report.stdout).not.toMatch(/(?<!\\)<(?:img|script)/);
    for (const line of report.stdout.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
  });
});

describe('what lint refuses, the build refuses before rendering anything', () => {
  it('names file, line and field for MDX code, javascript: URLs in front matter and an SVG with a script', async () => {
    const lint = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/lint.ts'), '--no-health', '--errors-only'], {
      cwd: projectRoot,
      env: { ...process.env, ...testBuildEnvironment, CEP_CONTENT_DIR: refusedCorpus, CEP_RELEASES_DIR: releasesDir },
      encoding: 'utf8',
    });
    expect(lint.status).toBe(1);
    const prefix = 'tests/fixtures/hostile/refused/ceps/';
    for (const expected of [
      `${prefix}6001-mdx-code/cep.mdx:6:1  error  import/export would run code on the build machine`,
      `${prefix}6001-mdx-code/cep.mdx:13:12  error  {expression} would run code on the build machine`,
      `${prefix}6002-javascript-urls/cep.md:5:1  error  tracking-issue: must be the tracking issue number or its https:// URL`,
      `${prefix}6002-javascript-urls/cep.md:9:5  error  exceptions.0.link: must be an http:// or https:// URL`,
      `${prefix}6003-svg-script/cep.md:11:1  error  image "evil.svg" is an SVG with active content`,
    ]) {
      expect(lint.stdout).toContain(expected);
    }
    const build = await buildSite({ CEP_CONTENT_DIR: refusedCorpus, CEP_RELEASES_DIR: releasesDir, GITHUB_TOKEN: '' });
    expect(build.code).not.toBe(0);
    expect(build.output).toContain('6001-mdx-code/cep.mdx:6:1  error  import/export would run code on the build machine');
    expect(build.output).toMatch(/build stopped: 6 errors/);
    expect(build.output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(existsSync(path.join(build.outDir, 'index.html'))).toBe(false);
  });
});
