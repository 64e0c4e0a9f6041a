/**
 * Cache files that check themselves. Every cache the build keeps between runs (parsed proposals,
 * rendered HTML) is written through {@link writeCacheFile} and read through {@link readCacheFile}:
 *
 * - written atomically: to a temporary file in the same folder, then renamed over the old one, so a
 *   build killed half-way leaves either the old file or the new one, never a cut-off one;
 * - stamped with a header naming what it is the cache of (its key) and the SHA-256 and length of
 *   its content, so a truncated, garbage or stale file is recognised on read, whatever wrote it.
 *
 * A file that fails the check is reported as such (the caller rebuilds the entry and logs one line);
 * its content is never returned.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** First word of every cache file; bumping the digit invalidates every cache written before. */
const MAGIC = 'cep-catalogue-cache/1';

export type CacheRead =
  | { ok: true; content: string }
  /** `missing`: no such file. `stale`: written for another key. `corrupt`: unreadable, cut off or altered. */
  | { ok: false; reason: 'missing' | 'stale' | 'corrupt'; detail: string };

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** The header line of a cache file: magic, digest of the key, digest and byte length of the content. */
function header(key: string, content: Buffer): string {
  return `${MAGIC} ${sha256(key)} ${sha256(content)} ${content.length}\n`;
}

/** Writes `content` to `file` for `key`, atomically (temporary file, then rename). */
export function writeCacheFile(file: string, content: string, key: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const bytes = Buffer.from(content, 'utf8');
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, Buffer.concat([Buffer.from(header(key, bytes), 'utf8'), bytes]));
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Reads what {@link writeCacheFile} wrote for `key`, after checking it is whole and unaltered. */
export function readCacheFile(file: string, key: string): CacheRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? { ok: false, reason: 'missing', detail: 'no such file' }
      : { ok: false, reason: 'corrupt', detail: (error as Error).message };
  }
  const newline = bytes.indexOf(0x0a);
  const fields = newline < 0 ? [] : bytes.subarray(0, newline).toString('utf8').split(' ');
  const [magic, keyDigest, contentDigest, length] = fields;
  if (fields.length !== 4 || magic !== MAGIC)
    return { ok: false, reason: 'corrupt', detail: 'not a cache file of this catalogue (no header)' };
  if (keyDigest !== sha256(key)) return { ok: false, reason: 'stale', detail: 'written for other code or another entry' };
  const content = bytes.subarray(newline + 1);
  if (String(content.length) !== length) return { ok: false, reason: 'corrupt', detail: `cut off: ${content.length} of ${length} bytes` };
  if (sha256(content) !== contentDigest) return { ok: false, reason: 'corrupt', detail: 'content does not match its checksum' };
  return { ok: true, content: content.toString('utf8') };
}
