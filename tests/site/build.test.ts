import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite, readBuilt } from '../support/build.ts';
import { readPage, textOf } from '../support/html.ts';
import { writeTree } from '../cep/helpers.ts';
import { sampleSite } from '../support/sample-site.ts';

const site = await sampleSite();
const page = (file: string) => readBuilt(site, file);
const html = (file: string) => readPage(page(file));
const text = (markup: string) => textOf(readPage(markup).root);

describe('the built sample site (base path /cep-catalogue/)', () => {
  it('lists every CEP in the flat catalogue, by number, with authors, status, stage, target and SIG', () => {
    const catalogue = html('all/index.html');
    const numbers = catalogue.all('tr[data-cep]').map((row) => Number(row.attributes['data-cep']));
    expect(numbers).toHaveLength(14);
    expect(numbers).toEqual([...numbers].sort((left, right) => left - right));
    // The stage reached (Alpha) and the latest target, with its stage (Beta in v1.10), never look alike.
    expect(catalogue.text('tr[data-cep="4101"]')).toMatch(
      /4101 Voting arm64 end-to-end lanes .* rbalogun , yzhang-kv Status: implementable Alpha Beta in v1\.10 sig-ci/,
    );
    expect(catalogue.all('tr[data-cep="4101"] a[href="/cep-catalogue/ceps/4101-arm64-e2e-lanes/"]').length).toBeGreaterThan(0);
  });

  it('has a static page per status, readable without JavaScript', () => {
    const replaced = html('status/replaced/index.html');
    expect(replaced.all('tr[data-cep]').map((row) => row.attributes['data-cep'])).toEqual(['4188']);
    expect(replaced.text('[aria-current="page"]')).toBe('Replaced (1)');
  });

  it('renders a CEP with its metadata panel, table of contents and source links', () => {
    const proposal = html('ceps/4350-signed-ci-images-and-sbom/index.html');
    // The H1 of the markdown is shown once, by the page header, not again in the body.
    expect(proposal.all('h1').map(textOf)).toEqual(['Signed CI images with attached SBOMs']);
    expect(proposal.text()).toContain('CEP 4350 · sig-ci');
    expect(proposal.text('[data-field="status"]')).toContain('Status: implementable');
    const beta = proposal.one('[data-field="target-beta"] a');
    expect([beta.attributes['href'], textOf(beta)]).toEqual(['/cep-catalogue/releases/v1.10/', 'v1.10']);
    const source = 'github.com/kubevirt/project-infra/%s/main/docs/ci-enhancements/4350-signed-ci-images-and-sbom/cep.md';
    for (const action of ['edit', 'blob']) {
      expect(proposal.all(`a[href="https://${source.replace('%s', action)}"]`)).toHaveLength(1);
    }
    expect(proposal.all('nav.toc a[href="#overview"]')).toHaveLength(1);
    expect(proposal.text()).toMatch(/Exceptions v1\.10: granted \(asked 2026-11-20 ?\) · mailing-list thread/);
    expect(proposal.text()).toMatch(/Signoff checklist \(3\/3\)/);
    expect(proposal.one('meta[property="og:title"]').attributes['content']).toBe('CEP 4350: Signed CI images with attached SBOMs');
  });

  it('resolves the image and the supporting page beside a CEP', () => {
    const proposal = html('ceps/4350-signed-ci-images-and-sbom/index.html');
    const images = proposal.all('.prose img').map((image) => image.attributes['src'] ?? '');
    const image = images.find((src) => /^\/cep-catalogue\/_astro\/architecture[^/]+\.svg$/.test(src));
    expect(image, images.join(', ')).toBeDefined();
    expect(existsSync(path.join(site, image!.replace('/cep-catalogue/', '')))).toBe(true);
    expect(proposal.all('a[href="/cep-catalogue/ceps/4350-signed-ci-images-and-sbom/design-details/"]').length).toBeGreaterThan(0);
    expect(page('ceps/4350-signed-ci-images-and-sbom/design-details/index.html')).toContain('data-pagefind-body');
  });

  it('turns relative links between CEPs into site links, keeping anchors', () => {
    const hrefs = html('ceps/3912-flaky-test-quarantine/index.html')
      .all('.prose a[href]')
      .map((link) => link.attributes['href']);
    expect(hrefs).toContain('/cep-catalogue/ceps/4421-periodic-job-ownership/#design');
    expect(hrefs).toContain('/cep-catalogue/ceps/4460-weekly-ci-health-report/');
    expect(hrefs.filter((href) => /cep\.mdx?(#.*)?$/.test(href ?? ''))).toEqual([]);
  });

  it('links replaced and replacing CEPs to each other', () => {
    const link = (file: string, field: string) => {
      const anchor = html(file).one(`[data-field="${field}"] a`);
      return [anchor.attributes['href'], textOf(anchor)];
    };
    expect(link('ceps/4188-test-artifact-retention/index.html', 'superseded-by')).toEqual([
      '/cep-catalogue/ceps/4402-artifact-storage-on-object-store/',
      'CEP 4402',
    ]);
    expect(link('ceps/4402-artifact-storage-on-object-store/index.html', 'replaces')).toEqual([
      '/cep-catalogue/ceps/4188-test-artifact-retention/',
      'CEP 4188',
    ]);
  });

  it('renders the .mdx CEP and the template-form CEPs', () => {
    const overview = html('ceps/4460-weekly-ci-health-report/index.html').one('h2#overview');
    expect(textOf(overview)).toBe('Overview');
    expect(html('ceps/4460-weekly-ci-health-report/index.html').all('h2#overview a.heading-link[href="#overview"]')).toHaveLength(1);
    const templateForm = page('ceps/4421-periodic-job-ownership/index.html');
    expect(text(templateForm)).toContain('CEP 4421 · sig-ci');
    expect(text(templateForm)).toContain('Status: not stated');
  });

  it('serves a short permalink that redirects to the CEP page', () => {
    const permalink = html('cep/4101/index.html');
    expect(permalink.one('meta[http-equiv="refresh"]').attributes['content']).toBe('0; url=/cep-catalogue/ceps/4101-arm64-e2e-lanes/');
    expect(permalink.one('link[rel="canonical"]').attributes['href']).toBe(
      'https://catalogue.example.test/cep-catalogue/ceps/4101-arm64-e2e-lanes/',
    );
  });

  it('has release pages with key dates and the CEPs targeting them, and links the current release everywhere', () => {
    const release = html('releases/v1.10/index.html');
    expect(release.text()).toMatch(/Enhancement Freeze 2026-10-14 Code Freeze 2026-12-16 Release candidate 2026-12-16 GA 2027-01-20/);
    expect(
      release
        .all('tr[data-cep][data-health]')
        .map((row) => row.attributes['data-cep'])
        .sort(),
    ).toEqual(['4101', '4233', '4315', '4350', '4402', '4421', '4460']);
    for (const file of ['index.html', 'releases/index.html', 'ceps/4101-arm64-e2e-lanes/index.html']) {
      const current = html(file).one('a[data-current-release]');
      expect([current.attributes['href'], textOf(current)]).toEqual(['/cep-catalogue/releases/v1.10/', 'Current release: v1.10']);
    }
  });

  it('has a real 404 page, and says when and from which commit it was built on pages rendered every build', () => {
    expect(html('404.html').text('h1')).toBe('Page not found');
    expect(text(page('build/index.html'))).toMatch(
      /Site built 2026-12-01 08:00 UTC From commit 0123456789abcdef0123456789abcdef01234567 Tracking data as of .* \(from the committed snapshot\)/,
    );
    expect(JSON.parse(page('build.json'))).toMatchObject({
      builtAt: '2026-12-01T08:00:00.000Z',
      commit: '0123456789abcdef0123456789abcdef01234567',
      tracking: { source: 'snapshot' },
    });
    // Proposal pages carry no build time, so that the incremental build can keep them as they are.
    expect(page('ceps/4101-arm64-e2e-lanes/index.html')).not.toContain('2026-12-01T08:00:00.000Z');
    expect(html('ceps/4101-arm64-e2e-lanes/index.html').one('a[data-build-stamp]').attributes['href']).toBe('/cep-catalogue/build/');
  });

  it('publishes the front matter JSON Schema', () => {
    const schema = JSON.parse(page('schema/cep.schema.json')) as { properties: Record<string, { description?: string; enum?: string[] }> };
    expect(schema.properties['status']?.enum).toEqual([
      'provisional',
      'implementable',
      'implemented',
      'deferred',
      'rejected',
      'withdrawn',
      'replaced',
    ]);
    for (const [field, definition] of Object.entries(schema.properties)) {
      expect(definition.description, field).toBeTruthy();
    }
  });
});

describe('a build with bad content', () => {
  it("fails with the linter's messages and no stack trace", async () => {
    const content = writeTree({ '4101-arm/cep.md': '---\ntitle: x\nstatus: accepted\n---\n# CEP #4101: x\n' });
    const result = await buildSite({ CEP_CONTENT_DIR: content });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/4101-arm\/cep\.md:3:1  error  status: "accepted" is not one of/);
    expect(result.output).toContain('build stopped: 6 errors in CEP content (the same findings as npm run lint)');
    expect(result.output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  });
});
