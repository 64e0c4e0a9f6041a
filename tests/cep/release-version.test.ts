import { describe, expect, it } from 'vitest';
import { compareReleases, normaliseRelease, readReleaseVersion } from '../../src/lib/cep/release-version.ts';

describe('release versions as authors write them', () => {
  it.each([
    ['v1.9', 'v1.9'],
    ['v1.9.0', 'v1.9'],
    ['1.9', 'v1.9'],
    ['v1.9.', 'v1.9'],
    ['**v1.10**', 'v1.10'],
    [' V1.10 ', 'v1.10'],
    ['v1.10.0-rc.1', 'v1.10'],
  ])('%j means %s', (written, expected) => {
    expect(normaliseRelease(written)).toBe(expected);
  });

  it.each(['TBD', 'tbd', 'N/A', 'N/A (deferred)', '', '  ', null, undefined, '-', 'none'])(
    '%j means "not set", without complaint',
    (written) => {
      expect(readReleaseVersion(written)).toEqual({ kind: 'unset' });
    },
  );

  it('reports text that is neither a version nor "not set" as unreadable, never as a wrong version', () => {
    expect(readReleaseVersion('next year')).toEqual({ kind: 'unreadable', text: 'next year' });
    expect(normaliseRelease('next year')).toBeUndefined();
  });

  it('orders v1.9 before v1.10', () => {
    expect(['v1.10', 'v1.8', 'v1.9'].sort(compareReleases)).toEqual(['v1.8', 'v1.9', 'v1.10']);
  });
});
