/**
 * Runs the `run:` steps of action.yml in order, the way the Actions runner does, against a
 * repository on disk: `$GITHUB_OUTPUT`, `$GITHUB_ENV` and `$GITHUB_STEP_SUMMARY` files, `if:`
 * conditions, `env:` and `working-directory:`. Steps that use other actions (checkout, setup-node,
 * cache, Pages) are recorded with their inputs but not run; the test prepares what they would.
 *
 * It understands only the expressions the action is meant to use: a reference such as
 * `inputs.x`, `steps.id.outputs.y`, `github.workspace`, `runner.temp`, and conditions joined by
 * `&&` comparing one with a literal. Anything more is an error here, which keeps the logic of
 * the action in its scripts, where it is tested by running it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionFile {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepRecord {
  name: string;
  ran: boolean;
  uses?: string;
  with?: Record<string, string>;
  /** The environment given to the step's own `env:`, after expressions. */
  stepEnv: Record<string, string>;
  code?: number;
  output: string;
}

export interface ActionRun {
  steps: StepRecord[];
  outputs: Record<string, string>;
  summary: string;
  /** The first step that failed, if any (later steps did not run, as on a runner). */
  failed?: StepRecord;
}

export interface RunOptions {
  actionPath: string;
  workspace: string;
  event: string;
  ref: string;
  defaultBranch: string;
  inputs: Record<string, string>;
  /** The job's environment (what the workflow sets at job level, plus the runner's own). */
  env: Record<string, string>;
  /** Steps not to run, by name, with why (e.g. installing packages the test's checkout already has). */
  skip?: Record<string, string>;
  /** Called before each step; lets a test look at the world between steps. */
  beforeStep?: (name: string) => void;
}

export function readAction(actionPath: string): ActionFile {
  return parse(readFileSync(path.join(actionPath, 'action.yml'), 'utf8')) as ActionFile;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const action = readAction(options.actionPath);
  const temp = mkdtempSync(path.join(options.workspace, '..', 'runner-temp-'));
  const files = { output: '', env: path.join(temp, 'env'), summary: path.join(temp, 'summary') };
  writeFileSync(files.env, '');
  writeFileSync(files.summary, '');
  const github: Record<string, string> = {
    action_path: options.actionPath,
    workspace: options.workspace,
    event_name: options.event,
    token: 'ghs_the_job_token_never_used_by_this_test',
    run_id: '1',
    run_attempt: '1',
    'event.repository.default_branch': options.defaultBranch,
  };
  const stepOutputs: Record<string, Record<string, string>> = {};
  const inputs: Record<string, string> = {};

  const reference = (name: string): string => {
    const [scope, ...rest] = name.split('.');
    const key = rest.join('.');
    if (scope === 'inputs' && key in inputs) return inputs[key] ?? '';
    if (scope === 'github' && key in github) return github[key] ?? '';
    if (scope === 'runner' && key === 'temp') return temp;
    if (scope === 'steps' && rest[1] === 'outputs') return stepOutputs[rest[0] ?? '']?.[rest[2] ?? ''] ?? '';
    throw new Error(`action.yml uses \`${name}\`, which this runner does not provide`);
  };
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
      if (!/^[\w.-]+$/.test(expression)) throw new Error(`action.yml has an expression this runner does not evaluate: ${expression}`);
      return reference(expression);
    });
  const condition = (text: string) =>
    text.split('&&').every((term) => {
      const match = /^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(term);
      if (!match) throw new Error(`action.yml has a condition this runner does not evaluate: ${term}`);
      const equal = reference(match[1] ?? '') === match[3];
      return match[2] === '==' ? equal : !equal;
    });

  for (const [name, input] of Object.entries(action.inputs)) {
    const given = options.inputs[name];
    if (given === undefined && input.required) throw new Error(`input ${name} is required`);
    inputs[name] = given ?? expand(input.default ?? '');
  }
  for (const name of Object.keys(options.inputs)) if (!(name in action.inputs)) throw new Error(`action.yml has no input ${name}`);

  const run: ActionRun = { steps: [], outputs: {}, summary: '' };
  for (const step of action.runs.steps) {
    const name = step.name ?? step.uses ?? step.run ?? '';
    options.beforeStep?.(name);
    if (step.if !== undefined && !condition(step.if)) {
      run.steps.push({ name, ran: false, stepEnv: {}, output: '' });
      continue;
    }
    const skipped = options.skip?.[name];
    if (skipped !== undefined) {
      run.steps.push({ name, ran: true, stepEnv: {}, output: `(not run by the test: ${skipped})` });
      continue;
    }
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(String(value))]));
    if (step.uses) {
      const withs = Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, expand(String(value))]));
      run.steps.push({ name, ran: true, uses: step.uses, with: withs, stepEnv, output: '' });
      continue;
    }
    files.output = path.join(temp, `output-${run.steps.length}`);
    writeFileSync(files.output, '');
    const env = {
      ...options.env,
      ...readKeyValues(files.env),
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_EVENT_NAME: options.event,
      GITHUB_REF: options.ref,
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: temp,
      GITHUB_OUTPUT: files.output,
      GITHUB_ENV: files.env,
      GITHUB_STEP_SUMMARY: files.summary,
      ...stepEnv,
    };
    const cwd = step['working-directory'] ? expand(step['working-directory']) : options.workspace;
    const { code, output } = await bash(expand(step.run ?? ''), cwd, env);
    const record: StepRecord = { name, ran: true, stepEnv, code, output };
    run.steps.push(record);
    if (step.id) stepOutputs[step.id] = readKeyValues(files.output);
    if (code !== 0) {
      run.failed = record;
      break;
    }
  }
  run.summary = readFileSync(files.summary, 'utf8');
  if (!run.failed) for (const [name, output] of Object.entries(action.outputs)) run.outputs[name] = expand(output.value);
  return run;
}

function readKeyValues(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const equals = line.indexOf('=');
    if (equals > 0) values[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return values;
}

/** As the runner runs `shell: bash`: `bash --noprofile --norc -eo pipefail {0}`. */
function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
