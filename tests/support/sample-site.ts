/** The sample site (content/, committed snapshot), built once per test run by global-setup.ts. */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';

export const sampleSiteResultFile = (outDir: string) => `${outDir}.result.json`;

/** Waits for the sample site's build and returns its output folder; throws with the build's log if it failed. */
export async function sampleSite(): Promise<string> {
  const outDir = inject('sampleSite');
  const resultFile = sampleSiteResultFile(outDir);
  const deadline = Date.now() + 280_000;
  while (!existsSync(resultFile)) {
    if (Date.now() > deadline) throw new Error(`the sample site build did not finish (waiting for ${resultFile})`);
    await sleep(250);
  }
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as { code: number | null; output: string };
  if (result.code !== 0) throw new Error(`sample site build failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
  return outDir;
}
