import { describe, expect, it } from 'vitest';
import { safeColor, safeLogin, safeUrl, toPlainExcerpt, toPlainLine } from '../../src/lib/github/sanitize.ts';

const hostile = [
  '## Weekly check-in',
  '',
  'Progress <script>alert(1)</script> made.',
  'Screenshot: <img src=x onerror=alert(1)>',
  'See [x](javascript:alert(1)) and [docs](https://github.com/kubevirt/project-infra).',
].join('\n');

describe('toPlainExcerpt', () => {
  it('turns hostile markdown/HTML into inert plain text', () => {
    const excerpt = toPlainExcerpt(hostile, 400);
    expect(excerpt).toBe('Weekly check-in Progress made. Screenshot: See x and docs.');
    for (const forbidden of ['<', '>', 'script', 'onerror', 'alert', 'javascript:', '](']) {
      expect(excerpt).not.toContain(forbidden);
    }
  });

  it('does not resurrect markup from entities, unclosed tags or comments', () => {
    expect(toPlainExcerpt('a &lt;script&gt;alert(1)&lt;/script&gt; b')).toBe('a alert(1) b');
    expect(toPlainExcerpt('tail <img src=x onerror=alert(1)')).toBe('tail');
    expect(toPlainExcerpt('x <!-- hidden <script>y</script> --> z')).toBe('x z');
    expect(toPlainExcerpt('<svg><script>alert(1)</script></svg>ok')).toBe('ok');
    expect(toPlainExcerpt('<style>body{}</style>fine &amp; dandy')).toBe('fine & dandy');
  });

  it('keeps the text of markdown constructs', () => {
    expect(toPlainExcerpt('**Check-in 2026-11-20**\n\n- [x] `lane` green\n- _flaky_ ~~red~~')).toBe(
      'Check-in 2026-11-20 lane green flaky red',
    );
    expect(toPlainExcerpt('![diagram](https://example.com/a.png) see <https://github.com/x/y>')).toBe('diagram see https://github.com/x/y');
    expect(toPlainExcerpt('> quoted\n\n```go\nfmt.Println()\n```')).toBe('quoted fmt.Println()');
    expect(toPlainExcerpt('snake_case_name stays')).toBe('snake_case_name stays');
  });

  it('reads markdown by its syntax tree, not by pattern', () => {
    // Code is text: a link written in inline code is shown as written.
    expect(toPlainExcerpt('Run `[docs](https://example.com)` as is')).toBe('Run [docs](https://example.com) as is');
    expect(toPlainExcerpt('***very* important** and _a **b** c_')).toBe('very important and a b c');
    // Reference-style links show their text; the definition is not shown.
    expect(toPlainExcerpt('See [the design][d] and [notes].\n\n[d]: https://evil.example/x\n[notes]: javascript:alert(1)')).toBe(
      'See the design and notes.',
    );
    expect(toPlainExcerpt('| lane | state |\n| --- | --- |\n| arm64 | green |')).toBe('lane state arm64 green');
    expect(toPlainExcerpt('1 &lt; 2 and 3 > 2')).toBe('1 < 2 and 3 > 2');
  });

  it('reads raw HTML as a browser does', () => {
    expect(toPlainExcerpt('a <script>\nalert(1)\n</script> b <style>*{}</style> c')).toBe('a b c');
    expect(toPlainExcerpt('<div align="center">\nLanes <b>green</b>, <a href="javascript:alert(1)">logs</a>\n</div>')).toBe(
      'Lanes green, logs',
    );
    // A raw HTML block runs to the next blank line; GitHub shows the markdown in it as written.
    expect(toPlainExcerpt('<img src=x>\n**bold** [x](https://example.com)\n\nafter')).toBe('**bold** [x](https://example.com) after');
  });

  it('drops HTML comments however they are written', () => {
    expect(toPlainExcerpt('<!-- Describe progress -->\nWeekly check-in: green')).toBe('Weekly check-in: green');
    expect(toPlainExcerpt('<!--\ntemplate\n\nguidance\n-->\nWeekly check-in')).toBe('Weekly check-in');
    expect(toPlainExcerpt('check-in <!-- inline --> done')).toBe('check-in done');
    // Never closed: the rest of the comment body is hidden, as in a browser.
    expect(toPlainExcerpt('check-in\n\n<!-- hidden\n\n<script>alert(1)</script>')).toBe('check-in');
    // Split by a blank line inside a paragraph it is no comment for markdown, but it reads as markup: removed.
    expect(toPlainExcerpt('a <!-- x\n\ny --> b')).toBe('a b');
  });

  it('stores no script URL written as text', () => {
    // The space ends the address, so this is no link for markdown (GitHub shows it as written).
    expect(toPlainExcerpt("check-in [x](javascript:alert('a b')) in JavaScript, VBScript:x")).toBe(
      "check-in [x](alert('a b')) in JavaScript, x",
    );
    expect(toPlainExcerpt('java\u200Bscript:alert(1)')).toBe('alert(1)');
  });

  it('lets no invisible character hide a tag', () => {
    expect(toPlainExcerpt('a &lt;&#8203;script&gt;alert(1) b')).toBe('a alert(1) b');
    expect(toPlainLine('a <\u200Bscript>alert(1) b')).toBe('a alert(1) b');
  });

  it('removes invisible and bidi control characters', () => {
    expect(toPlainExcerpt('safe\u202Eevil\u200B text\u0007')).toBe('safeevil text');
  });

  it('caps the length on a word boundary with an ellipsis', () => {
    const excerpt = toPlainExcerpt('word '.repeat(200), 400);
    expect(Array.from(excerpt).length).toBeLessThanOrEqual(400);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).not.toMatch(/wor…$/);
    const emoji = toPlainExcerpt('😀'.repeat(50), 10);
    expect(Array.from(emoji)).toHaveLength(10);
    // No surrogate pair is split by the cut.
    expect(emoji.isWellFormed()).toBe(true);
  });
});

describe('safeUrl', () => {
  it('keeps GitHub links', () => {
    expect(safeUrl('https://github.com/kubevirt/project-infra/issues/4101#issuecomment-1')).toBe(
      'https://github.com/kubevirt/project-infra/issues/4101#issuecomment-1',
    );
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://github.com/kubevirt/project-infra',
    'https://github.com.evil.example/x',
    'https://evil.example/https://github.com/',
    'https://user:pass@github.com/x',
    '//github.com/x',
    'not a url',
    42,
    null,
  ])('drops %s', (url) => {
    expect(safeUrl(url)).toBeNull();
  });

  it('accepts a configured GitHub Enterprise origin', () => {
    expect(safeUrl('https://ghe.example.com/o/r/issues/1', ['https://github.com', 'https://ghe.example.com'])).toBe(
      'https://ghe.example.com/o/r/issues/1',
    );
  });
});

describe('small fields', () => {
  it('keeps logins that look like logins', () => {
    expect(safeLogin('rbalogun')).toBe('rbalogun');
    expect(safeLogin('dependabot[bot]')).toBe('dependabot[bot]');
    expect(safeLogin('<script>')).toBeNull();
    expect(safeLogin('a b')).toBeNull();
  });

  it('keeps only hex colours', () => {
    expect(safeColor('0E8A16')).toBe('0e8a16');
    expect(safeColor('red;background:url(x)')).toBeNull();
  });

  it('makes titles one clean line', () => {
    expect(toPlainLine('  CEP\n4101:\u202E arm64  ')).toBe('CEP 4101: arm64');
  });
});
