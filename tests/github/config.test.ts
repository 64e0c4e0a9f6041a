import { inspect } from 'node:util';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHECK_IN_PATTERN,
  TrackingConfigError,
  compileTargetLabelPattern,
  readTrackingConfig,
} from '../../src/lib/github/config.ts';
import { isCheckIn } from '../../src/lib/github/fetch.ts';

describe('readTrackingConfig', () => {
  it('has defaults for KubeVirt SIG-CI', () => {
    const config = readTrackingConfig({}, '/repo');
    expect(config).toMatchObject({
      apiUrl: 'https://api.github.com',
      graphqlUrl: 'https://api.github.com/graphql',
      htmlUrl: 'https://github.com',
      repository: { owner: 'kubevirt', name: 'project-infra' },
      sigLabel: 'sig/ci',
      strict: false,
      snapshotPath: path.resolve('/repo/content/tracking.snapshot.json'),
      cacheDir: path.resolve('/repo/node_modules/.astro/tracking'),
      maxAgeHours: 24,
    });
    expect(config.token).toBeUndefined();
    expect(config.checkInPattern).toBe(DEFAULT_CHECK_IN_PATTERN);
  });

  it('reads every override', () => {
    const config = readTrackingConfig(
      {
        GITHUB_TOKEN: 'secret-value',
        GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
        TRACKING_REPO: 'acme/infra',
        TRACKING_SIG_LABEL: 'area/ci',
        TRACKING_TARGET_LABEL: 'release-<release>',
        TRACKING_CHECKIN_REGEX: '/^status update/i',
        TRACKING_STRICT: '1',
        TRACKING_CACHE_DIR: '/tmp/tracking-cache',
        TRACKING_MAX_AGE_HOURS: '6',
      },
      '/repo',
    );
    expect(config.apiUrl).toBe('https://ghe.example.com/api/v3');
    expect(config.graphqlUrl).toBe('https://ghe.example.com/api/graphql');
    expect(config.htmlUrl).toBe('https://ghe.example.com');
    expect(config.repository).toEqual({ owner: 'acme', name: 'infra' });
    expect(config.sigLabel).toBe('area/ci');
    expect(config.targetLabelPattern.exec('release-v2.3')?.[1]).toBe('v2.3');
    expect(config.checkInPattern.test('Status update: fine')).toBe(true);
    expect(config.strict).toBe(true);
    expect(config.cacheDir).toBe('/tmp/tracking-cache');
    expect(config.maxAgeHours).toBe(6);
    expect(config.token).toBe('secret-value');
  });

  it('honours GITHUB_GRAPHQL_URL separately from the API URL', () => {
    const config = readTrackingConfig({ GITHUB_API_URL: 'http://127.0.0.1:9/rest', GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/gql/graphql' });
    expect(config.graphqlUrl).toBe('http://127.0.0.1:9/gql/graphql');
  });

  it('never exposes the token when the config is logged or serialised', () => {
    const config = readTrackingConfig({ GITHUB_TOKEN: 'ghp_shouldNotLeak' });
    expect(JSON.stringify(config)).not.toContain('ghp_shouldNotLeak');
    expect(inspect(config, { depth: 5 })).not.toContain('ghp_shouldNotLeak');
    expect(`${Object.values(config).join(' ')}`).not.toContain('ghp_shouldNotLeak');
  });

  it.each([
    [{ TRACKING_REPO: 'no-slash' }, /TRACKING_REPO must look like "owner\/name"/],
    [{ TRACKING_REPO: 'a/b/c' }, /TRACKING_REPO/],
    [{ TRACKING_TARGET_LABEL: 'target/v1.10' }, /TRACKING_TARGET_LABEL must contain the placeholder <release>/],
    [{ TRACKING_CHECKIN_REGEX: '(unclosed' }, /TRACKING_CHECKIN_REGEX is not a valid regular expression/],
    [{ TRACKING_STRICT: 'maybe' }, /TRACKING_STRICT must be 1 or 0/],
    [{ GITHUB_API_URL: 'api.github.com' }, /GITHUB_API_URL must be an absolute http\(s\) URL/],
    [{ GITHUB_GRAPHQL_URL: 'ftp://x/graphql' }, /GITHUB_GRAPHQL_URL must be an http\(s\) URL/],
    [{ TRACKING_MAX_AGE_HOURS: '-1' }, /TRACKING_MAX_AGE_HOURS must be a positive number/],
  ])('rejects %o clearly', (env, message) => {
    expect(() => readTrackingConfig(env)).toThrow(TrackingConfigError);
    expect(() => readTrackingConfig(env)).toThrow(message);
  });

  it('does not echo credentials from a bad URL or token', () => {
    expect(() => readTrackingConfig({ GITHUB_API_URL: 'https://user:hunter2@api.example.com' })).toThrow(/must not contain credentials/);
    try {
      readTrackingConfig({ GITHUB_API_URL: 'https://user:hunter2@api.example.com' });
    } catch (error) {
      expect(String(error)).not.toContain('hunter2');
    }
    try {
      readTrackingConfig({ GITHUB_TOKEN: 'ghp_ab cd' });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toMatch(/GITHUB_TOKEN contains whitespace/);
      expect(String(error)).not.toContain('ghp_ab');
    }
  });
});

describe('target label pattern', () => {
  const pattern = compileTargetLabelPattern('target/<release>');
  it.each([
    ['target/v1.10', 'v1.10'],
    ['Target/V1.9', 'V1.9'],
  ])('%s names release %s', (label, release) => {
    expect(pattern.exec(label)?.[1]).toBe(release);
  });
  it.each(['target/1.10', 'target/v1', 'xtarget/v1.10', 'target/v1.10-rc', 'target.v1.10'])('%s is not a target label', (label) => {
    expect(pattern.test(label)).toBe(false);
  });
});

describe('check-in recognition', () => {
  it.each([
    '## Weekly check-in',
    '**Check-in 2026-11-20**',
    'check-in: lanes are green',
    'Check-in',
    '### weekly Check-In\nmore text',
    '__Check-in__ done',
    '# Check-in',
    '\n\n  Weekly check-in: all good',
    '* Check-in *',
  ])('recognises %j', (body) => {
    expect(isCheckIn(body, DEFAULT_CHECK_IN_PATTERN)).toBe(true);
  });

  it.each([
    'I will check in tomorrow.',
    'Thanks for the check-in!',
    'Checking in on this one',
    'Check-ins happen on Mondays',
    'checkin',
    'Could we get more capacity?\n## Weekly check-in',
    '> ## Weekly check-in (quoted)',
    '',
  ])('ignores %j', (body) => {
    expect(isCheckIn(body, DEFAULT_CHECK_IN_PATTERN)).toBe(false);
  });
});
