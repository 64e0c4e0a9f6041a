/**
 * The check `npm run build` makes of Astro's output before publishing it (src/lib/cache/published-output.ts):
 * pages cut off or replaced, and images that are not images, are named with the reason.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPublishedOutput } from '../../src/lib/cache/published-output.ts';
import { projectRoot } from '../support/build.ts';

const page = (body: string) => `<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>${body}</body></html>`;
const png = readFileSync(path.join(projectRoot, 'tests/fixtures/corpus/ceps/assets/kubevirt-ci.png'));

function output(files: Record<string, string | Buffer>): string {
  const outDir = mkdtempSync(path.join(tmpdir(), 'cep-output-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
    writeFileSync(path.join(outDir, file), content);
  }
  return outDir;
}

describe('the check of the published output', () => {
  it('passes complete pages (also with module scripts after </html>, as Astro writes the 404 page) and real images', () => {
    const outDir = output({
      'index.html': page('<p>Hello</p>'),
      '404.html': `${page('<p>Lost</p>')}<script type="module" src="/_astro/404.js"></script>`,
      '_astro/mark.png': png,
      '_astro/logo.svg': '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      '_astro/app.js': '',
    });
    expect(checkPublishedOutput(outDir)).toEqual([]);
  });

  it('names a page cut off, a page that is not HTML, an empty image and an image whose bytes are not its format', () => {
    const whole = page('<p>The last words.</p>');
    const outDir = output({
      'ceps/1-cut/index.html': whole.slice(0, Math.floor(whole.length / 2)),
      'ceps/2-garbage/index.html': Buffer.from([0xff, 0xfe, 0x00, 0x41]),
      'ceps/3-empty/index.html': '',
      '_astro/empty.webp': '',
      '_astro/mark.webp': 'not an image at all',
      '_astro/mark.png': png.subarray(8),
    });
    expect(checkPublishedOutput(outDir).sort((left, right) => left.file.localeCompare(right.file))).toEqual([
      { file: '_astro/empty.webp', reason: 'empty image' },
      { file: '_astro/mark.png', reason: 'not a png image (wrong first bytes)' },
      { file: '_astro/mark.webp', reason: 'not a webp image (wrong first bytes)' },
      { file: 'ceps/1-cut/index.html', reason: 'does not end with </html> (cut off?)' },
      { file: 'ceps/2-garbage/index.html', reason: 'not UTF-8 text' },
      { file: 'ceps/3-empty/index.html', reason: 'empty page' },
    ]);
  });
});
