import { describe, expect, it } from 'vitest';
import { outputFileOf } from '../../src/integrations/rendered-pages.ts';

// The search index and the build stamp match rendered pages to the files on disk by these names,
// so they must be the files Astro writes (build format "directory", trailingSlash "always").
describe('the file Astro writes for a rendered request', () => {
  it('is <path>/index.html for pages, under the base path or at the root', () => {
    expect(outputFileOf('/cep-catalogue/ceps/4101-arm64-e2e-lanes/', '/cep-catalogue/', 'page')).toBe('ceps/4101-arm64-e2e-lanes/index.html');
    expect(outputFileOf('/cep-catalogue/', '/cep-catalogue/', 'page')).toBe('index.html');
    expect(outputFileOf('/cep-catalogue', '/cep-catalogue', 'page')).toBe('index.html');
    expect(outputFileOf('/ceps/4350-signed-ci-images-and-sbom/design-details/', '/', 'page')).toBe('ceps/4350-signed-ci-images-and-sbom/design-details/index.html');
  });

  it('is <code>.html for the status pages, and the path itself for endpoints', () => {
    expect(outputFileOf('/cep-catalogue/404/', '/cep-catalogue/', 'page')).toBe('404.html');
    expect(outputFileOf('/feed.xml', '/', 'endpoint')).toBe('feed.xml');
    expect(outputFileOf('/cep-catalogue/api/ceps.json', '/cep-catalogue/', 'endpoint')).toBe('api/ceps.json');
  });

  it('decodes escaped characters, as the file name has them', () => {
    expect(outputFileOf('/ceps/caf%C3%A9/', '/', 'page')).toBe('ceps/café/index.html');
  });
});
