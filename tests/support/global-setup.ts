/**
 * Builds the sample site once per test run; tests that read HTML or drive a browser share it
 * through `inject('sampleSite')`.
 */
import type { TestProject } from 'vitest/node';
import { buildSite } from './build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sampleSite: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const result = await buildSite();
  if (result.code !== 0) {
    throw new Error(`sample site build failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
  }
  project.provide('sampleSite', result.outDir);
}
