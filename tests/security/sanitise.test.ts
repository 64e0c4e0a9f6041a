/**
 * The sanitiser in the real markdown processor (Sätteri through @astrojs/markdown-satteri, with
 * Shiki), and the lint checks that say what it drops; SVG, MDX and output escaping.
 */
import { satteri } from '@astrojs/markdown-satteri';
import { mdxToJs } from 'satteri';
import { ELEMENT_NODE, parse, walkSync, type ElementNode } from 'ultrahtml';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, formatGithubAnnotation, type Diagnostic } from '../../src/lib/cep/diagnostics.ts';
import { shikiConfig } from '../../src/lib/cep/highlighting.ts';
import { proposalHastPlugins } from '../../src/lib/cep/markdown-plugins.ts';
import { toPlainLine } from '../../src/lib/github/sanitize.ts';
import { checkMdxFile } from '../../src/lib/security/mdx.ts';
import { escapeMarkdownText } from '../../src/lib/security/output.ts';
import { checkMarkdownSafety } from '../../src/lib/security/raw-html.ts';
import { findActiveSvgContent } from '../../src/lib/security/svg.ts';

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
    expect(html).toContain('<b>bold</b>');
    expect(html).not.toContain('*{}');
  });

  it('keep headings with ids, tables, details, task lists, footnotes, relative and mailto links, and Shiki colours', async () => {
    const html = await render(
      '## Design\n\n<details><summary>More</summary>\n\n**in**\n\n</details>\n\n- [x] done\n\nNote[^1].\n\n[^1]: foot\n\n| a |\n|---|\n| 1 |\n\n[r](../x.md) [m](mailto:a@example.com)\n\n```js\nlet a = "<b>";\n```\n',
    );
    expect(html).toContain('<h2 id="design">Design<a href="#design" class="heading-link"');
    expect(html).toMatch(/<details>\s*<summary>More<\/summary>/);
    expect(html).toContain('<input type="checkbox" checked disabled aria-label="done">');
    expect(html).toContain('href="#user-content-fn-1"');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toMatch(/<table[ >]/);
    expect(html).toContain('href="../x.md"');
    expect(html).toContain('href="mailto:a@example.com"');
    expect(html).toMatch(/<pre class="astro-code github-dark-default" style="background-color:#0d1117;[^"]*"/);
    expect(html).toContain('<span style="color:#FF7B72">let</span>');
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
