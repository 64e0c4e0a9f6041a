/**
 * Starts the build of the sample site once per test run, and does not wait for it: unit tests run
 * while it builds. Tests that read the built site wait for it with `await sampleSite()`
 * (tests/support/sample-site.ts), which also reports a failed build.
 *
 * It also starts and closes the browser once before any test file runs: without a system Chromium,
 * the first start unpacks the packaged one into the temporary folder, and test files starting it
 * side by side would run a file still being written ("spawn ETXTBSY").
 */
import { writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { launchBrowser } from './browser.ts';
import { buildSite, testBuildDir } from './build.ts';
import { sampleSiteResultFile } from './sample-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sampleSite: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = testBuildDir('sample-');
  const building = buildSite({}, outDir).then(
    (result) => writeFileSync(sampleSiteResultFile(outDir), JSON.stringify({ code: result.code, output: result.output })),
    (error: unknown) => writeFileSync(sampleSiteResultFile(outDir), JSON.stringify({ code: null, output: String(error) })),
  );
  project.provide('sampleSite', outDir);
  // A browser that cannot start is reported by the tests that need it, not here for every file.
  await launchBrowser().then(
    (browser) => browser.close(),
    () => undefined,
  );
  return async () => {
    await building;
  };
}
