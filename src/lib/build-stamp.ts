/**
 * The footer's "Last built …" line, as plain text. Free of Node imports: the footer's script
 * (src/components/BuildStamp.astro) formats `build.json` with it in the reader's browser, and the
 * `/build/` page with it at build time, so both say the same thing.
 */
import type { BuildInfo } from './build-info.ts';

/** `2026-12-01T08:00:00.000Z` → `2026-12-01 08:00 UTC`. */
export const utcMinute = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;

/** "Last built 2026-12-01 08:00 UTC from commit 0123456; tracking data as of 2026-12-01 07:00 UTC (snapshot)". */
export function buildStampText(build: BuildInfo): string {
  const built = `Last built ${utcMinute(build.builtAt)}${build.commit ? ` from commit ${build.commit.slice(0, 7)}` : ''}`;
  if (!build.tracking) return built;
  const source = build.tracking.source === 'snapshot' ? ' (snapshot)' : '';
  return `${built}; tracking data as of ${utcMinute(build.tracking.generatedAt)}${source}`;
}
