import { describe, expect, it } from 'vitest';
import { readBuildInfo } from '../src/lib/build-info.ts';
import { buildStampText } from '../src/lib/build-stamp.ts';

describe('build stamp', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';

  it('names the build time, the commit and how fresh the tracking data is', () => {
    const build = {
      builtAt: '2026-12-01T08:00:00.000Z',
      commit: sha,
      tracking: { generatedAt: '2026-12-01T07:05:00.000Z', source: 'snapshot' as const },
    };
    expect(buildStampText(build)).toBe(
      'Last built 2026-12-01 08:00 UTC from commit 0123456; tracking data as of 2026-12-01 07:05 UTC (snapshot)',
    );
    expect(buildStampText({ builtAt: '2026-12-01T08:00:00.000Z' })).toBe('Last built 2026-12-01 08:00 UTC');
  });

  it('reads the commit and its URL from the GitHub Actions environment', () => {
    const build = readBuildInfo({ GITHUB_SHA: sha, GITHUB_REPOSITORY: 'kubevirt/project-infra', BUILD_TIME: '2026-12-01T08:00:00.000Z' });
    expect(build).toEqual({
      builtAt: '2026-12-01T08:00:00.000Z',
      commit: sha,
      commitUrl: `https://github.com/kubevirt/project-infra/commit/${sha}`,
    });
  });
});
