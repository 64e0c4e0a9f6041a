/**
 * `node scripts/inputs-digest.ts`: the digest of what a build depends on (src/lib/build-inputs/),
 * and whether a deploy run needs to build at all. Run `--help` for usage.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { today } from '../src/lib/config.ts';
import { readCatalogueConfig } from '../src/lib/config.ts';
import { decideBuild } from '../src/lib/build-inputs/decision.ts';
import { computeBuildInputs, readBuildInputs, type BuildInputs } from '../src/lib/build-inputs/digest.ts';
import { absoluteUrl, buildInputsPath } from '../src/lib/urls.ts';

const usage = `
Usage: node scripts/inputs-digest.ts [options]

Computes the digest of a build's inputs: the proposals (CEP_CONTENT_DIR), the release schedules
(CEP_RELEASES_DIR), the catalogue's code, the tracking data, the configuration (SITE_URL,
BASE_PATH, CATALOGUE_KIND, TRACKING_*) and today's date. Prints it as JSON.

Options:
  --tracking FILE   tracking snapshot the build will read (default: TRACKING_SNAPSHOT or
                    content/tracking.snapshot.json); may be repeated
  --out FILE        also write the JSON there (the build publishes it as /build-inputs.json)
  --compare WHAT    decide whether to build: WHAT is the deployed site's build-inputs.json, a URL
                    or a file, or "deployed" for <SITE_URL><BASE_PATH>build-inputs.json
  --event NAME      the run's event (default: GITHUB_EVENT_NAME); only schedule, issues,
                    issue_comment and repository_dispatch runs are ever skipped
  -h, --help        show this help

With --compare the decision goes to stdout, to $GITHUB_OUTPUT (build=true|false, digest=…, reason=…) and to
$GITHUB_STEP_SUMMARY when those are set. Exit codes: 0 done, 2 usage error.
`;

async function readDeployed(where: string, fetchTimeoutMs = 15_000): Promise<{ deployed?: BuildInputs; problem?: string }> {
  if (!/^https?:\/\//.test(where)) {
    try {
      const deployed = readBuildInputs(readFileSync(where, 'utf8'));
      return deployed ? { deployed } : { problem: `${where} is not a build-inputs.json of this format` };
    } catch (error) {
      return { problem: `cannot read ${where}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  try {
    const response = await fetch(where, { signal: AbortSignal.timeout(fetchTimeoutMs), headers: { 'cache-control': 'no-cache' } });
    if (!response.ok) return { problem: `HTTP ${response.status} from ${where}` };
    const deployed = readBuildInputs(await response.text());
    return deployed ? { deployed } : { problem: `${where} is not a build-inputs.json of this format` };
  } catch (error) {
    return { problem: `cannot fetch ${where}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        tracking: { type: 'string', multiple: true },
        out: { type: 'string' },
        compare: { type: 'string' },
        event: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`inputs-digest: ${error instanceof Error ? error.message : String(error)}\n\n${usage.trim()}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage.trim()}\n`);
    return 0;
  }
  const config = readCatalogueConfig(env, cwd);
  const trackingFiles = (values.tracking ?? [env['TRACKING_SNAPSHOT'] || 'content/tracking.snapshot.json']).map((file) =>
    path.resolve(cwd, file),
  );
  const inputs = computeBuildInputs({
    codeRoot: path.resolve(import.meta.dirname, '..'),
    contentDir: config.contentDir,
    releasesDir: config.releasesDir,
    trackingFiles,
    env,
    today: today(env),
  });
  const json = `${JSON.stringify(inputs, null, 2)}\n`;
  if (values.out) {
    const out = path.resolve(cwd, values.out);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, json);
  }
  if (values.compare === undefined) {
    process.stdout.write(json);
    return 0;
  }
  const where = values.compare === 'deployed' ? absoluteUrl(config.siteUrl, buildInputsPath(config.basePath)) : values.compare;
  const { deployed, problem } = await readDeployed(where);
  const decision = decideBuild({
    event: values.event ?? env['GITHUB_EVENT_NAME'] ?? 'local',
    current: inputs,
    deployed,
    ...(problem ? { deployedProblem: problem } : {}),
  });
  process.stdout.write(`${decision.reason}\n`);
  if (env['GITHUB_OUTPUT'])
    appendFileSync(env['GITHUB_OUTPUT'], `build=${decision.build}\ndigest=${inputs.digest}\nreason=${decision.reason}\n`);
  if (env['GITHUB_STEP_SUMMARY']) appendFileSync(env['GITHUB_STEP_SUMMARY'], `### Build inputs\n\n${decision.reason}\n`);
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`inputs-digest: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
