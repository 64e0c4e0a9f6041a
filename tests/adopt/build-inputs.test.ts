import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideBuild } from '../../src/lib/build-inputs/decision.ts';
import {
  changedParts,
  computeBuildInputs,
  digestTracking,
  readBuildInputs,
  type BuildInputSources,
} from '../../src/lib/build-inputs/digest.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');

function sources(): BuildInputSources {
  const root = mkdtempSync(path.join(tmpdir(), 'cep-inputs-'));
  cpSync(path.join(projectRoot, 'content'), root, { recursive: true });
  return {
    codeRoot: projectRoot,
    contentDir: path.join(root, 'ceps'),
    releasesDir: path.join(root, 'releases'),
    trackingFiles: [path.join(root, 'tracking.snapshot.json')],
    env: { SITE_URL: 'https://kubevirt.github.io', BASE_PATH: '/cep-catalogue/' },
    today: '2026-12-01',
  };
}

describe('build inputs digest', () => {
  it('is the same for the same inputs, and names the part that changed', () => {
    const given = sources();
    const before = computeBuildInputs(given);
    expect(computeBuildInputs(given)).toEqual(before);

    writeFileSync(path.join(given.contentDir, '4101-arm64-e2e-lanes/notes.md'), '# notes\n');
    expect(changedParts(computeBuildInputs(given), before)).toEqual(['content']);
    expect(changedParts(computeBuildInputs({ ...given, today: '2026-12-02' }), before)).toEqual(['content', 'date']);
    expect(changedParts(computeBuildInputs({ ...given, env: { ...given.env, BASE_PATH: '/x/' } }), before)).toContain('configuration');
    // Variables that do not shape the pages are not inputs.
    expect(
      changedParts(computeBuildInputs({ ...given, env: { ...given.env, GITHUB_TOKEN: 'x', HOME: '/y' } }), computeBuildInputs(given)),
    ).toEqual([]);
  });

  it('ignores when tracking data was fetched, not what it says', () => {
    const given = sources();
    const file = given.trackingFiles[0] ?? '';
    const snapshot = { generatedAt: '2026-11-30T06:00:00Z', issues: { '4101': { fetchedAt: '2026-11-30T06:00:00Z', state: 'open' } } };
    writeFileSync(file, JSON.stringify(snapshot));
    const before = digestTracking([file]);
    writeFileSync(
      file,
      JSON.stringify(
        { issues: { '4101': { state: 'open', fetchedAt: '2026-12-01T12:00:00Z' } }, generatedAt: '2026-12-01T12:00:00Z' },
        null,
        2,
      ),
    );
    expect(digestTracking([file])).toBe(before);
    writeFileSync(file, JSON.stringify({ ...snapshot, issues: { '4101': { fetchedAt: 'x', state: 'closed' } } }));
    expect(digestTracking([file])).not.toBe(before);
    rmSync(file);
    expect(digestTracking([file])).not.toBe(before);
  });

  it('hashes a symlink by where it points and does not follow it out of the folder', () => {
    const given = sources();
    const before = computeBuildInputs(given).parts.content;
    symlinkSync('/etc/hostname', path.join(given.contentDir, 'leak.md'));
    const withLink = computeBuildInputs(given).parts.content;
    expect(withLink).not.toBe(before);
    rmSync(path.join(given.contentDir, 'leak.md'));
    symlinkSync('/etc/passwd', path.join(given.contentDir, 'leak.md'));
    expect(computeBuildInputs(given).parts.content).not.toBe(withLink);
  });

  it('reads only its own published format', () => {
    const inputs = computeBuildInputs(sources());
    expect(readBuildInputs(JSON.stringify(inputs))).toEqual(inputs);
    expect(readBuildInputs('<!doctype html><title>404</title>')).toBeUndefined();
    expect(readBuildInputs(JSON.stringify({ ...inputs, format: 0 }))).toBeUndefined();
  });
});

describe('whether a deploy run builds', () => {
  const current = computeBuildInputs(sources());
  const changed = { ...current, digest: 'other', parts: { ...current.parts, tracking: 'other' } };

  it('skips a scheduled or issue-event run that would publish the same site, and says why', () => {
    for (const event of ['schedule', 'issues', 'issue_comment', 'repository_dispatch']) {
      const decision = decideBuild({ event, current, deployed: current });
      expect(decision.build).toBe(false);
      expect(decision.reason).toMatch(
        /^Skipped build and deploy: nothing changed since the deployed build\. .* this `\w+` run would publish the same site\.$/,
      );
    }
  });

  it('builds when something changed, naming what', () => {
    expect(decideBuild({ event: 'schedule', current, deployed: changed })).toEqual({
      build: true,
      reason: expect.stringMatching(/^Building: tracking data changed since the deployed build/),
    });
  });

  it('always builds pushes and manual runs, and when the deployed inputs are unknown', () => {
    expect(decideBuild({ event: 'push', current, deployed: current }).build).toBe(true);
    expect(decideBuild({ event: 'workflow_dispatch', current, deployed: current }).reason).toContain(
      '`workflow_dispatch` runs always build',
    );
    expect(
      decideBuild({ event: 'schedule', current, deployed: undefined, deployedProblem: 'HTTP 404 from https://x/build-inputs.json' }).reason,
    ).toContain('(HTTP 404 from https://x/build-inputs.json)');
  });
});
