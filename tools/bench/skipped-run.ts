/**
 * What a deploy run with nothing new costs once build and deploy are skipped (see
 * src/lib/build-inputs/): the tracking fetch (`scripts/sync.ts`, incremental from the restored
 * snapshot) and the digest comparison (`scripts/inputs-digest.ts`), measured as the action runs them.
 * Checkout, `npm install` and the runner's start-up come on top and are not measured here.
 */
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { runMeasured, type MeasuredRun } from './measure.ts';

export interface SkippedRunFigures {
  wallMs: number;
  syncMs: number;
  digestMs: number;
  peakBytes: number | null;
  /** GraphQL requests of the fetch. */
  apiRequests: number;
  /** Whether the comparison decided to skip (it should: nothing changed). */
  skipped: boolean;
  /** The line the run's summary would show. */
  reason: string;
}

export interface SkippedRunSetup {
  /**
   * The staged copy of the project the measured builds ran from (stage.ts), not the checkout: the
   * digest covers the catalogue's code, and a checkout edited while the benchmark runs (8 minutes
   * at 1000) would differ from what built the site and never be skipped.
   */
  codeRoot: string;
  /** The environment of the live builds (token, local GitHub API, content folders). */
  env: NodeJS.ProcessEnv;
  /** The tracking data the last build left, as the Actions cache would restore it. */
  lastSnapshot: string;
  workDir: string;
  /** Requests the local GitHub API server has received so far. */
  requestCount: () => number;
}

export async function measureSkippedRun(setup: SkippedRunSetup): Promise<SkippedRunFigures> {
  if (!existsSync(setup.lastSnapshot)) throw new Error(`no tracking snapshot at ${setup.lastSnapshot} to start the skipped run from`);
  const snapshot = path.join(setup.workDir, 'snapshot.json');
  const deployed = path.join(setup.workDir, 'build-inputs.json');
  copyFileSync(setup.lastSnapshot, snapshot);
  const node = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
    runMeasured(process.execPath, [path.join(setup.codeRoot, 'scripts', script), ...args], { cwd: setup.codeRoot, env });
  const check = (run: MeasuredRun, what: string): MeasuredRun => {
    if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.output.trim().split('\n').slice(-15).join('\n')}`);
    return run;
  };
  // What the deployed site was built from: the same inputs, written by the run that built it.
  check(await node('inputs-digest.ts', ['--tracking', snapshot, '--out', deployed], { ...setup.env, GITHUB_TOKEN: '' }), 'inputs-digest');

  const before = setup.requestCount();
  const sync = check(await node('sync.ts', ['--out', snapshot], setup.env), 'sync');
  const apiRequests = setup.requestCount() - before;
  // As the action runs it: without the token.
  const digest = check(
    await node('inputs-digest.ts', ['--tracking', snapshot, '--compare', deployed, '--event', 'schedule'], {
      ...setup.env,
      GITHUB_TOKEN: '',
    }),
    'inputs-digest --compare',
  );
  const reason = digest.output.trim().split('\n').at(-1) ?? '';
  const peaks = [sync.peakBytes, digest.peakBytes];
  return {
    wallMs: Math.round(sync.wallMs + digest.wallMs),
    syncMs: Math.round(sync.wallMs),
    digestMs: Math.round(digest.wallMs),
    peakBytes: peaks.every((value) => value !== null) ? Math.max(...(peaks as number[])) : null,
    apiRequests,
    skipped: reason.startsWith('Skipped'),
    reason,
  };
}
