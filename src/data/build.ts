/** This build's facts for `/build/` and `/build.json`, the only pages that show them (see build-info.ts). */
import { readBuildInfo, type BuildInfo } from '../lib/build-info.ts';
import { trackingAsOf } from './tracking.ts';

export async function currentBuild(): Promise<BuildInfo> {
  const tracking = await trackingAsOf();
  return { ...readBuildInfo(), ...(tracking ? { tracking } : {}) };
}
