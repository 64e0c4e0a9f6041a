/**
 * Checks what `astro build` wrote before it is published, because part of it comes from Astro's
 * own caches, which nothing of ours writes or checks: the incremental build copies pages kept from
 * the last build out of `<cacheDir>/dist/`, and optimised images come from `<cacheDir>/assets/`. A
 * truncated kept page or a garbage cached image would otherwise be published as is.
 *
 * The check is of the output only (Astro's private cache files are never written): every HTML page
 * is UTF-8, parses to the end (no tag, comment or doctype cut off) and ends with `</html>`; every
 * image in `_astro/` is not empty and starts with the magic bytes of its extension. scripts/build.ts
 * deletes Astro's cache folder and builds once more from scratch when a file fails.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';

/** Astro's output and cache folders, as astro.config.mjs sets them (relative to the project root unless absolute). */
export function astroFolders(env: Readonly<Record<string, string | undefined>>): { outDir: string; cacheDir: string } {
  return { outDir: env['OUT_DIR'] || './dist', cacheDir: env['ASTRO_CACHE_DIR'] || './node_modules/.astro' };
}

/** A file of the output that must not be published, and why. */
export interface BadOutputFile {
  /** Relative to the output folder. */
  file: string;
  reason: string;
}

const startsWith = (bytes: Buffer, ...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
const ascii = (bytes: Buffer, from: number, to: number) => bytes.subarray(from, to).toString('latin1');

/** What each image format's first bytes are; an extension not listed here is not checked beyond its size. */
const imageSignatures: Record<string, (bytes: Buffer) => boolean> = {
  png: (bytes) => startsWith(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
  jpg: (bytes) => startsWith(bytes, 0xff, 0xd8, 0xff),
  jpeg: (bytes) => startsWith(bytes, 0xff, 0xd8, 0xff),
  gif: (bytes) => ['GIF87a', 'GIF89a'].includes(ascii(bytes, 0, 6)),
  webp: (bytes) => ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP',
  avif: (bytes) => ascii(bytes, 4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(bytes, 8, 12)),
  ico: (bytes) => startsWith(bytes, 0x00, 0x00, 0x01, 0x00),
  svg: (bytes) => /<svg[\s>]/i.test(bytes.subarray(0, 4096).toString('utf8')),
};

/**
 * A complete page ends with `</html>`, or with whole module scripts after it: Astro puts a page's
 * own script there when the page's markup is all in a layout (the 404 page).
 */
const completePage = /<\/html>\s*(?:<script\b[^>]*><\/script>\s*)*$/i;

/** Parse errors that mean the page stops in the middle of something: it was cut off. */
const cutOff = /^eof-/;

/** Why a page is not complete, or `undefined` when it is. */
function pageProblem(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'not UTF-8 text';
  }
  if (!completePage.test(text)) return 'does not end with </html> (cut off?)';
  let problem: string | undefined;
  // parse5 itself (the parser behind hast-util-from-html), without building a syntax tree of it.
  parse(text, {
    onParseError: (error) => {
      if (problem === undefined && cutOff.test(error.code)) problem = `HTML cut off (${error.code} at line ${error.startLine})`;
    },
  });
  return problem;
}

/** Why an image is not one, or `undefined` when it looks like its extension says. */
function imageProblem(file: string, bytes: Buffer): string | undefined {
  if (bytes.length === 0) return 'empty image';
  const extension = path.extname(file).slice(1).toLowerCase();
  const signature = imageSignatures[extension];
  return signature && !signature(bytes) ? `not a ${extension} image (wrong first bytes)` : undefined;
}

function* filesUnder(folder: string, relative = ''): Generator<string> {
  for (const entry of readdirSync(path.join(folder, relative), { withFileTypes: true })) {
    const name = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) yield* filesUnder(folder, name);
    else if (entry.isFile()) yield name;
  }
}

/** Every file of `outDir` that must not be published: pages that are not complete, images that are not images. */
export function checkPublishedOutput(outDir: string): BadOutputFile[] {
  const bad: BadOutputFile[] = [];
  for (const file of filesUnder(outDir)) {
    const isPage = file.endsWith('.html');
    const isImage = file.startsWith('_astro/') && path.extname(file).slice(1).toLowerCase() in imageSignatures;
    if (!isPage && !isImage) continue;
    const full = path.join(outDir, file);
    const bytes = statSync(full).size === 0 ? Buffer.alloc(0) : readFileSync(full);
    const reason = isPage ? (bytes.length === 0 ? 'empty page' : pageProblem(bytes)) : imageProblem(file, bytes);
    if (reason) bad.push({ file, reason });
  }
  return bad;
}
