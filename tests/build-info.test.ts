import { describe, expect, it } from 'vitest';
import { buildStampHtml, restampHtml } from '../src/lib/build-info.ts';

describe('footer build stamp', () => {
  const current = { builtAt: '2026-12-01T08:00:00.000Z', commit: '0123456789abcdef0123456789abcdef01234567', commitUrl: 'https://github.com/o/r/commit/0123456789abcdef0123456789abcdef01234567' };

  it('names the build time and links the commit', () => {
    expect(buildStampHtml(current)).toBe(
      'Last built <time datetime="2026-12-01T08:00:00.000Z">2026-12-01 08:00 UTC</time> from commit <a href="https://github.com/o/r/commit/0123456789abcdef0123456789abcdef01234567"><code>0123456</code></a>',
    );
    expect(buildStampHtml({ builtAt: '2026-12-01T08:00:00.000Z' })).toBe('Last built <time datetime="2026-12-01T08:00:00.000Z">2026-12-01 08:00 UTC</time>');
  });

  it('replaces the stamp of an older build in a kept page, and nothing else', () => {
    const old = `<footer><span data-build-info>${buildStampHtml({ builtAt: '2026-11-01T00:00:00.000Z', commit: 'aaaaaaa' })}</span><a href="x">JSON API</a></footer>`;
    expect(restampHtml(old, current)).toBe(`<footer><span data-build-info>${buildStampHtml(current)}</span><a href="x">JSON API</a></footer>`);
    expect(restampHtml('<p>no footer</p>', current)).toBe('<p>no footer</p>');
  });
});
