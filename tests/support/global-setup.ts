/**
 * Starts the build of the sample site once per test run, and does not wait for it: unit tests run
 * while it builds. Tests that read the built site wait for it with `await sampleSite()`
 * (tests/support/sample-site.ts), which also reports a failed build.
 */
import { writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildSite, testBuildDir } from './build.ts';
import { sampleSiteResultFile } from './sample-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sampleSite: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const outDir = testBuildDir('sample-');
  const building = buildSite({}, outDir).then(
    (result) => writeFileSync(sampleSiteResultFile(outDir), JSON.stringify({ code: result.code, output: result.output })),
    (error: unknown) => writeFileSync(sampleSiteResultFile(outDir), JSON.stringify({ code: null, output: String(error) })),
  );
  project.provide('sampleSite', outDir);
  return async () => {
    await building;
  };
}
