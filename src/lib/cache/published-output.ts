/**
 * Checks what `astro build` wrote before it is published, because part of it comes from Astro's
 * own caches, which nothing of ours writes or checks: the incremental build copies pages kept from
 * the last build out of `<cacheDir>/dist/`, and optimised images come from `<cacheDir>/assets/`. A
 * truncated kept page or a garbage cached image would otherwise be published as is.
 *
 * The check is of the output only (Astro's private cache files are never written): every HTML page
 * is UTF-8, starts with `<!DOCTYPE html>` and ends with `</html>`; every
 * image in `_astro/` is not empty and starts with the magic bytes of its extension. scripts/build.ts
 * deletes Astro's cache folder and builds once more from scratch when a file fails.
 */
import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

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

/** Why a page is not complete, or `undefined` when it is. */
function pageProblem(bytes: Buffer): string | undefined {
  if (!isUtf8(bytes)) return 'not UTF-8 text';
  // Only the ends are read: parsing every page (parse5) took 10 s of a 1000-proposal build, and a
  // page cut off or replaced by anything else is caught at one end or the other.
  if (!/^(?:\uFEFF)?\s*<!doctype html/i.test(bytes.subarray(0, 64).toString('utf8'))) return 'does not start with <!DOCTYPE html>';
  if (!completePage.test(bytes.subarray(-4096).toString('latin1'))) return 'does not end with </html> (cut off?)';
  return undefined;
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
