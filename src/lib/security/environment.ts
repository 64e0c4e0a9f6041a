/**
 * The environment a process that renders proposals gets: the caller's, without anything that looks
 * like a secret. Whatever a proposal could make the build run (an MDX import, a markdown plugin
 * bug) then finds no GitHub token in `process.env`, and neither does any log or page it writes.
 */

/** Names of variables that hold credentials by convention (GITHUB_TOKEN, NPM_TOKEN, AWS_SECRET_ACCESS_KEY, …). */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY|API_KEY|ACCESS_KEY|(?:^|_)AUTH(?:_|$)|_authToken/i;

/** Values that are GitHub credentials whatever the variable is called (classic, fine-grained, app, OAuth tokens). */
const GITHUB_TOKEN_VALUE = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/;

/** Whether a variable must not reach the rendering process. */
export function isSecretVariable(name: string, value: string | undefined): boolean {
  return SECRET_NAME.test(name) || (value !== undefined && GITHUB_TOKEN_VALUE.test(value));
}

/**
 * Splits an environment into what the rendering process may see and the names (never the values)
 * of what was removed, for the log.
 */
export function scrubEnvironment(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; removed: string[] } {
  const kept: NodeJS.ProcessEnv = {};
  const removed: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (isSecretVariable(name, value)) removed.push(name);
    else kept[name] = value;
  }
  return { env: kept, removed: removed.sort() };
}

/** The GitHub token the tracking sync uses (`GITHUB_TOKEN`, else `GH_TOKEN`), as config.ts reads it. */
export function githubTokenOf(env: NodeJS.ProcessEnv): string | undefined {
  return env['GITHUB_TOKEN']?.trim() || env['GH_TOKEN']?.trim() || undefined;
}
