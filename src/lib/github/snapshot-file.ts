/**
 * Reading and writing snapshot files (the committed content/tracking.snapshot.json and the build
 * cache). Output is stable — sorted keys, two-space indentation, trailing newline — so that a
 * refresh that changes nothing produces no diff.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TrackingSnapshot } from './schema.ts';
import { TrackingSnapshotSchema } from './schema.ts';

/** Raised when a snapshot file exists but cannot be used; the message names the file and the problem. */
export class SnapshotFileError extends Error {
  override name = 'SnapshotFileError';
}

/** Serialises a snapshot with sorted keys (issue numbers in numeric order) for stable diffs. */
export function serializeSnapshot(snapshot: TrackingSnapshot): string {
  return `${JSON.stringify(sortKeys(snapshot), null, 2)}\n`;
}

/**
 * Parses and validates snapshot JSON.
 *
 * @throws SnapshotFileError when the text is not JSON or not a valid snapshot
 */
export function parseSnapshot(text: string, source = 'snapshot'): TrackingSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotFileError(`${source} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const parsed = TrackingSnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined || first.path.length === 0 ? '' : ` at ${first.path.join('.')}`;
    throw new SnapshotFileError(`${source} is not a valid tracking snapshot${where}: ${first?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

/**
 * Reads a snapshot file.
 *
 * @returns the snapshot, or undefined when the file does not exist
 * @throws SnapshotFileError when the file exists but is invalid
 */
export async function readSnapshotFile(filePath: string): Promise<TrackingSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw new SnapshotFileError(`cannot read ${filePath} (${error instanceof Error ? error.message : String(error)}).`);
  }
  return parseSnapshot(text, filePath);
}

/**
 * Writes a snapshot file atomically (temporary file + rename), so an interrupted build never
 * leaves a truncated file behind. Creates the directory if needed.
 */
export async function writeSnapshotFile(filePath: string, snapshot: TrackingSnapshot): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const temporary = `${filePath}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, serializeSnapshot(snapshot), 'utf8');
  await rename(temporary, filePath);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  // Integer-like keys (issue numbers) are enumerated in numeric order by JavaScript regardless
  // of insertion order; the other keys follow alphabetically.
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
