import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build.ts';

function report(args: string[]) {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/report.ts'), ...args], {
    cwd: projectRoot,
    env: {
      ...process.env,
      SITE_URL: 'https://kubevirt.github.io',
      BASE_PATH: '/cep-catalogue/',
      TRACKING_CACHE_DIR: path.join(projectRoot, 'tests/no-such-cache'),
    },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run report', () => {
  it('writes the weekly report of the sample catalogue from the committed snapshot', () => {
    const result = report(['--release', '1.10', '--kind', 'weekly', '--today', '2026-12-01']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('KubeVirt v1.10: weekly CEP check-in, 2026-11-24 to 2026-12-01');
    expect(result.stdout).toContain('<https://kubevirt.github.io/cep-catalogue/cep/4350/>');
    expect(result.stderr).toMatch(/^report: tracking state as of 2026-11-30T06:00:00(\.000)?Z \(snapshot\)\n$/);
  });

  it('refuses unknown kinds and releases without a schedule, clearly', () => {
    const badKind = report(['--release', 'v1.10', '--kind', 'monthly']);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toBe('report: --kind must be one of ef-announcement, weekly, post-cf (got "monthly")\n');
    const unknown = report(['--release', 'v2.0', '--kind', 'weekly']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^report: no schedule for v2\.0 in .*content\/releases \(known: v1\.8, v1\.9, v1\.10\)\n$/);
    expect(report(['--kind', 'weekly', '--release', 'v1.10', '--today', '1st of May']).stderr).toBe(
      'report: CATALOGUE_TODAY must be a date written YYYY-MM-DD, not "1st of May"\n',
    );
  });
});
