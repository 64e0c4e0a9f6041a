/**
 * The sanitiser in the real markdown processor (Sätteri through @astrojs/markdown-satteri, with
 * Shiki), and the lint checks that say what it drops; SVG, MDX and output escaping.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { satteri } from '@astrojs/markdown-satteri';
import { mdxToJs } from 'satteri';
import { ELEMENT_NODE, parse, walkSync, type ElementNode } from 'ultrahtml';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, formatGithubAnnotation, type Diagnostic } from '../../src/lib/cep/diagnostics.ts';
import { shikiConfig } from '../../src/lib/cep/highlighting.ts';
import { proposalHastPlugins } from '../../src/lib/cep/markdown-plugins.ts';
import { toPlainLine } from '../../src/lib/github/sanitize.ts';
import { cleanElementCheck } from '../../src/lib/security/clean-elements.ts';
import { proposalHtmlSchema } from '../../src/lib/security/html-schema.ts';
import { checkMdxFile } from '../../src/lib/security/mdx.ts';
import { escapeMarkdownText } from '../../src/lib/security/output.ts';
import { checkMarkdownSafety } from '../../src/lib/security/raw-html.ts';
import { findActiveSvgContent } from '../../src/lib/security/svg.ts';
import { generateCorpus } from '../../tools/bench/corpus.ts';
import { classesOf, readPage, textContent, textOf } from '../support/html.ts';

let render: (markdown: string) => Promise<string>;
beforeAll(async () => {
  const renderer = await satteri({ hastPlugins: proposalHastPlugins() }).createRenderer({
    syntaxHighlight: 'shiki',
    shikiConfig,
  } as never);
  render = async (markdown) => (await renderer.render(markdown, {} as never)).code;
});

function elements(html: string): ElementNode[] {
  const found: ElementNode[] = [];
  walkSync(parse(html), (node) => {
    if (node.type === ELEMENT_NODE) found.push(node as ElementNode);
  });
  return found;
}

describe('rendered proposals', () => {
  it('lose scripts, handlers, active elements and unsafe URLs', async () => {
    const html = await render(
      [
        'Hi <b onclick="x()">bold</b><script>alert(1)</script>',
        '<iframe srcdoc="<script>x</script>"></iframe><base href="https://evil.test/"><meta http-equiv="refresh" content="0">',
        '<form action="javascript:alert(1)"><input name="q"></form><object data="x"></object><embed src="x"><style>*{}</style>',
        '<a href="JaVaScRiPt:alert(1)">a</a> [b](javascript:alert(1)) [c](data:text/html,x) <javascript:alert(1)>',
        '![ext](https://evil.test/t.png) <img src="//evil.test/x.png"> <img src="/\\evil.test/y.png">',
      ].join('\n\n'),
    );
    const found = elements(html);
    expect(
      found
        .map((element) => element.name)
        .filter((name) => ['script', 'iframe', 'base', 'meta', 'form', 'object', 'embed', 'style'].includes(name)),
    ).toEqual([]);
    for (const element of found) {
      for (const [name, value] of Object.entries(element.attributes as Record<string, string>)) {
        expect(name.startsWith('on')).toBe(false);
        if (name === 'href') expect(value).not.toMatch(/^\s*(?:javascript|data):/i);
        if (name === 'src') expect(value).not.toMatch(/^(?:[a-z]+:|[\\/]{2})/i);
      }
    }
    expect(readPage(html).text('b')).toBe('bold');
    expect(html).not.toContain('*{}');
  });

  it('keep headings with ids, tables, details, task lists, footnotes, relative and mailto links, and Shiki colours', async () => {
    const html = await render(
      '## Design\n\n<details><summary>More</summary>\n\n**in**\n\n</details>\n\n- [x] done\n\nNote[^1].\n\n[^1]: foot\n\n| a |\n|---|\n| 1 |\n\n[r](../x.md) [m](mailto:a@example.com)\n\n```js\nlet a = "<b>";\n```\n',
    );
    const page = readPage(html);
    const heading = page.one('h2');
    expect(heading.attributes).toMatchObject({ id: 'design' });
    expect(page.one('a', heading).attributes).toMatchObject({ href: '#design', class: 'heading-link' });
    expect(page.one('summary').parent).toMatchObject({ name: 'details' });
    expect(page.text('summary')).toBe('More');
    expect(page.one('input').attributes).toEqual({ type: 'checkbox', checked: '', disabled: '', 'aria-label': 'done' });
    page.one('[id="user-content-fn-1"]');
    page.one('table');
    expect(page.all('a').map((link) => link.attributes['href'])).toEqual(
      expect.arrayContaining(['#user-content-fn-1', '../x.md', 'mailto:a@example.com']),
    );
    // Shiki's colours are inline styles, which the schema would strip from anything else.
    const code = page.one('pre');
    expect(classesOf(code)).toEqual(['astro-code', 'github-dark-default']);
    expect(code.attributes['style']).toMatch(/^background-color:#0d1117;/);
    const keyword = page.all('span', code).find((span) => textOf(span) === 'let');
    expect(keyword?.attributes).toEqual({ style: 'color:#FF7B72' });
    expect(textContent(code)).toBe('let a = "<b>";');
  });

  it('cannot pass raw HTML off as highlighted code', async () => {
    const html = await render('<pre class="astro-code" style="position:fixed;inset:0"><script>alert(1)</script>x</pre>');
    expect(html.trim()).toBe('<pre>x</pre>');
  });

  it('in MDX compile without imports, exports, expressions or JSX', async () => {
    const { code } = await mdxToJs(
      'import fs from \'node:fs\'\n\n# Hi {process.env.GITHUB_TOKEN}\n\n<img src="x" onError="alert(1)" />\n\nplain **bold**\n',
      { hastPlugins: proposalHastPlugins() },
    );
    expect(code).not.toMatch(/node:fs|process\.env|onError|alert/);
    expect(code).toContain('"plain "');
  });
});

// A tree the sanitiser would leave as it is is not copied out of Sätteri and sanitised
// (sanitise-tree.ts); anything else is. These check that nothing gets through that way.

/**
 * `markdown` rendered through the whole sanitiser: an empty script block is raw HTML that is not a
 * comment, so the tree is copied and sanitised, and the block leaves nothing behind. (Whole
 * comments are removed before that either way; the test of comments checks those.)
 */
async function throughTheSanitiser(markdown: string): Promise<string> {
  return (await render(`<script></script>\n\n${markdown}`)).trim();
}
describe('plain Markdown, which the sanitiser is not run on when it would change nothing', () => {
  it('still loses every unsafe link and image, each alone in its document', async () => {
    const documents = [
      '[a](javascript:alert(1))',
      '<javascript:alert(1)>',
      '[c](data:text/html,x) and more text',
      // Markdown decodes character references in a destination, and allows one in angle brackets.
      '[d](&#106;avascript:alert(1))',
      '[e](<javascript:alert(1)>)',
      '[e][r]\n\n[r]: vbscript:msgbox(1)',
      '- item with [f](JAVASCRIPT:x)',
      '| t |\n|---|\n| [g](javascript:x) |',
      '![ext](https://evil.test/t.png)',
      '![rel](//evil.test/x.png)',
      '![back](/\\evil.test/y.png)',
    ];
    for (const markdown of documents) {
      for (const element of elements(await render(markdown))) {
        const { href, src } = element.attributes as Record<string, string | undefined>;
        expect(href ?? '', markdown).not.toMatch(/^\s*(?:javascript|data|vbscript):/i);
        expect(src ?? '', markdown).not.toMatch(/^(?:[a-z]+:|[\\/]{2})/i);
      }
    }
    // What is safe is kept: a link that only looks like a scheme, and the proposal's own image
    // (which Astro's image handling takes over after the sanitiser).
    const kept = await render('[x](./javascript:x) ![d](./diagram.svg)');
    expect(elements(kept).map((element) => element.attributes['href'])).toContain('./javascript:x');
    expect(kept).toContain('diagram.svg');
  });

  it('drops whole HTML comments, and keeps what follows a comment an HTML parser ends early', async () => {
    // Each document, and the text a browser shows of it.
    const documents: [string, string][] = [
      ['Before <!-- an inline comment --> after.', 'Before after.'],
      ['<!-- a block comment -->\n\nText.', 'Text.'],
      ["<!--\nThe template's guidance,\nover lines -- with dashes.\n-->\n\nText.", 'Text.'],
      ['<!---->\n\nAn empty comment.', 'An empty comment.'],
      ['<!-- opened here\n\nand closed in another block -->\n\nText.', 'Text.'],
      ['<!-- ends at --!> <b onclick="x()">this is markup</b>', 'this is markup'],
      ['<!--> closed at once, so <b onclick="x()">this is markup</b> -->', 'closed at once, so this is markup -->'],
      ['<!---> closed at once too <img src=x onerror=alert(1)> -->', 'closed at once too -->'],
      ['<!-- one --> <!-- two --> <em>three</em>', 'three'],
    ];
    for (const [markdown, shown] of documents) {
      const html = await render(markdown);
      expect(textContent(readPage(html).root).replace(/\s+/g, ' ').trim(), markdown).toBe(shown);
      expect(html, markdown).not.toMatch(/onclick|onerror|<!--/);
    }
  });

  it('renders every sample, fixture and generated proposal as the whole sanitiser does', async () => {
    const generated = mkdtempSync(path.join(os.tmpdir(), 'cep-sanitise-'));
    try {
      generateCorpus({ count: 40, contentDir: generated, releases: ['v1.8', 'v1.9'] });
      const folders = ['content/ceps', 'tests/fixtures', generated];
      const files = folders.flatMap((folder) =>
        readdirSync(folder, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.md'))
          .map((file) => path.join(folder, file)),
      );
      expect(files.length).toBeGreaterThan(60);
      for (const file of files) {
        const body = readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
        expect((await render(body)).trim(), file).toBe(await throughTheSanitiser(body));
      }
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  });

  it('knows an element clean only when the sanitiser leaves it, its properties and its place alone', () => {
    const isClean = cleanElementCheck(proposalHtmlSchema);
    expect(isClean(['ul'], 'li', {})).toBe(true);
    expect(isClean([], 'h2', { id: 'design' })).toBe(true);
    expect(isClean(['p'], 'a', { href: 'https://kubevirt.io/' })).toBe(true);
    expect(isClean(['p'], 'a', { href: 'javascript:alert(1)' })).toBe(false);
    expect(isClean(['p'], 'a', { href: '#x', onClick: 'x()' })).toBe(false);
    expect(isClean([], 'div', { className: ['wide'] })).toBe(false);
    // A table row outside a table, and a checkbox that could be ticked, are changed by the sanitiser.
    expect(isClean(['div'], 'tr', {})).toBe(false);
    expect(isClean(['table', 'tbody'], 'tr', {})).toBe(true);
    expect(isClean(['li'], 'input', { type: 'checkbox', checked: true })).toBe(false);
    expect(isClean(['li'], 'input', { type: 'checkbox', checked: true, disabled: true })).toBe(true);
    expect(isClean(['div'], 'script', {})).toBe(false);
    expect(isClean(['details'], 'iframe', {})).toBe(false);
  });
});

describe('lint says what is dropped, where', () => {
  it('raw HTML elements and attributes, and unsafe links and images, with line and column in the file', () => {
    const found = checkMarkdownSafety(
      'Text\n\nHi <b onclick="x()">b</b> <script>1</script>\n\n[a](javascript:x) ![i](https://e.test/i.png)\n',
      'cep.md',
      10,
    );
    expect(found.map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.rule} ${diagnostic.message}`)).toEqual([
      '12:4 html-dropped attribute onclick on <b> is not allowed in proposals and is dropped',
      '12:27 html-dropped <script> is removed from the page with everything inside it (not allowed in proposals)',
      '14:1 link-unsafe link to "javascript:x" loses its URL on the page: only http(s), mailto and relative URLs are kept',
      '14:19 link-unsafe image "https://e.test/i.png" is not shown: images must be files of the proposal (the site loads nothing from other servers)',
    ]);
    expect(checkMarkdownSafety('<details><summary>s</summary>\n\n<!-- comment -->\n\n</details> [ok](https://x.test)', 'cep.md')).toEqual(
      [],
    );
  });

  it('MDX code is an error on its line unless MDX is trusted', () => {
    const source = "---\ntitle: x\n---\nimport fs from 'node:fs'\n\nA {1 + 1} and <Foo />\n";
    expect(
      checkMdxFile(source, 'cep.mdx', { trustedMdx: false }).map(
        (diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.severity} ${diagnostic.rule}`,
      ),
    ).toEqual(['4:1 error mdx-code', '6:3 error mdx-code', '6:15 warning mdx-jsx-dropped']);
    expect(checkMdxFile(source, 'cep.mdx', { trustedMdx: true })).toEqual([]);
    expect(checkMdxFile('plain *markdown*', 'cep.mdx', { trustedMdx: false })).toEqual([]);
  });

  it('an SVG with scripts, handlers, outside references or a DTD is found, a plain drawing is not', () => {
    const problems = findActiveSvgContent(
      '<!DOCTYPE svg [<!ENTITY x "y">]>\n<svg onload="a()">\n<script>b()</script><a href="javascript:c()"><text>t</text></a>\n<foreignObject/><use href="https://e.test/s.svg#x"/></svg>',
    );
    expect(problems.map((problem) => `${problem.line} ${problem.problem}`)).toEqual([
      '1 a DTD (<!DOCTYPE>/<!ENTITY>)',
      '2 an event handler (onload on <svg>)',
      '3 <script>',
      '3 a reference outside the file (href="javascript:c()" on <a>)',
      '4 <foreignObject>',
      '4 a reference outside the file (href="https://e.test/s.svg#x" on <use>)',
    ]);
    expect(
      findActiveSvgContent(
        '<svg viewBox="0 0 2 2"><defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="2" height="2"/><use href="#g"/></svg>',
      ),
    ).toEqual([]);
  });
});

describe('output escaping', () => {
  const hostile: Diagnostic = {
    file: 'a.md',
    line: 3,
    column: 1,
    severity: 'warning',
    rule: 'title-mismatch',
    message: 'title "x\n::error file=a.md::forged\r\n::stop-commands::t\u202Eok"',
  };

  it("lint's plain lines stay one line and never read as a workflow command", () => {
    const line = formatDiagnostic(hostile);
    expect(line).not.toMatch(/[\r\n\u202E]/);
    expect(line).not.toContain('::');
    expect(line).toBe('a.md:3:1  warning  title "x : :error file=a.md: :forged : :stop-commands: :t ok" (title-mismatch)');
    expect(formatGithubAnnotation(hostile).split('\n')).toHaveLength(1);
  });

  it('GitHub strings are stored without markup, and markdown reports escape what they print', () => {
    expect(toPlainLine('Fix <img src=x onerror=alert(1)> and <script>x()</script>a < b')).toBe('Fix and a < b');
    expect(escapeMarkdownText('<b>[x](javascript:y)</b> *e* `c`\n::error::z')).toBe(
      '\\<b\\>\\[x\\]\\(javascript:y\\)\\</b\\> \\*e\\* \\`c\\` : :error: :z',
    );
  });
});
