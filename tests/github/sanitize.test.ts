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
