import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, environmentSchema, isCalendarDate, readEnvironment } from '../src/lib/config/environment.ts';
import { readCatalogueConfig, today } from '../src/lib/config.ts';
import { readTrackingConfig } from '../src/lib/github/config.ts';

describe('the environment, read by one schema', () => {
  it('names every bad variable at once, with what it should be', () => {
    const read = () =>
      readEnvironment({ CATALOGUE_KIND: 'kep', SITE_URL: 'kubevirt.github.io', CATALOGUE_TODAY: '2026-02-30', TRACKING_STRICT: 'maybe' });
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(
      [
        'CATALOGUE_KIND must be "cep" or "vep", not "kep".',
        'SITE_URL must be an absolute http(s) URL such as https://kubevirt.github.io, got "kubevirt.github.io".',
        'CATALOGUE_TODAY must be a date written YYYY-MM-DD, not "2026-02-30"',
        'TRACKING_STRICT must be 1 or 0 (or true/false), got "maybe".',
      ].join('\n'),
    );
  });

  it('treats blank values as unset, as CI systems write them', () => {
    const config = readCatalogueConfig({ CATALOGUE_KIND: ' ', SITE_URL: '', BASE_PATH: '' }, '/repo');
    expect(config).toMatchObject({ siteUrl: 'http://localhost:4321', basePath: '/', contentDir: '/repo/content/ceps' });
    expect(config.kind.prefix).toBe('CEP');
  });

  it('takes the tracking repository from the catalogue kind unless TRACKING_REPO says otherwise', () => {
    expect(readTrackingConfig({}).repository).toEqual({ owner: 'kubevirt', name: 'project-infra' });
    expect(readTrackingConfig({ CATALOGUE_KIND: 'vep' }).repository).toEqual({ owner: 'kubevirt', name: 'enhancements' });
    expect(readTrackingConfig({ CATALOGUE_KIND: 'vep', TRACKING_REPO: 'o/r' }).repository).toEqual({ owner: 'o', name: 'r' });
  });

  it('has one "today", pinned by CATALOGUE_TODAY and a real calendar day', () => {
    expect(today({ CATALOGUE_TODAY: '2026-12-01' })).toBe('2026-12-01');
    expect(today({})).toBe(new Date().toISOString().slice(0, 10));
    // Read once per set of values, so a changed variable is read again, even in the same object.
    const env: Record<string, string> = { CATALOGUE_TODAY: '2026-12-01' };
    expect(today(env)).toBe('2026-12-01');
    env['CATALOGUE_TODAY'] = '2027-01-04';
    expect(today(env)).toBe('2027-01-04');
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-45')).toBe(false);
  });

  it('describes every variable it reads', () => {
    for (const [name, field] of Object.entries(environmentSchema.shape)) expect(field.description, name).toBeTruthy();
  });
});

describe('the README', () => {
  it('documents every environment variable', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(environmentSchema.shape)) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
