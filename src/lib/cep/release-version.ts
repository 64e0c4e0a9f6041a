/**
 * Release versions as people write them in proposals: `v1.9`, `v1.9.0`, `1.9`, `v1.9.`,
 * `**v1.9**`, `TBD`, `N/A (deferred)`, or nothing at all.
 */

/** A normalised release version, always `vMAJOR.MINOR`. */
export type ReleaseVersion = `v${number}.${number}`;

/** Outcome of reading one written version. */
export type ReleaseReading = { kind: 'set'; release: ReleaseVersion } | { kind: 'unset' } | { kind: 'unreadable'; text: string };

const versionPattern = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:-[\w.]+)?\.?$/i;
// Words authors use for "no target yet"; they mean unset, not an error.
const unsetPattern = /^(?:tbd|tba|n\/?a\b.*|none|null|~|-+|\?+|not (?:yet )?(?:set|decided|planned).*)?$/i;

/** Reads a release version as written by a person; see {@link ReleaseReading}. */
export function readReleaseVersion(written: unknown): ReleaseReading {
  if (written === undefined || written === null) return { kind: 'unset' };
  const text = String(written)
    .replace(/[*_`"']/g, '')
    .trim();
  if (unsetPattern.test(text)) return { kind: 'unset' };
  const match = versionPattern.exec(text);
  if (!match) return { kind: 'unreadable', text };
  return { kind: 'set', release: `v${Number(match[1])}.${Number(match[2])}` as ReleaseVersion };
}

/** Normalises a version to `vX.Y`, or `undefined` when it is not set or cannot be read. */
export function normaliseRelease(written: unknown): ReleaseVersion | undefined {
  const reading = readReleaseVersion(written);
  return reading.kind === 'set' ? reading.release : undefined;
}

/** Orders release versions numerically (`v1.9` before `v1.10`). */
export function compareReleases(left: string, right: string): number {
  const [leftMajor = 0, leftMinor = 0] = left.replace(/^v/, '').split('.').map(Number);
  const [rightMajor = 0, rightMinor = 0] = right.replace(/^v/, '').split('.').map(Number);
  return leftMajor - rightMajor || leftMinor - rightMinor;
}
