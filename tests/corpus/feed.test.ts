// Feed ids change whenever the document changes, also twice on one day and for undated proposals.
import { describe, expect, it } from 'vitest';
import { feedItems } from '../../src/lib/api/feed.ts';
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import { filledSections, parse } from '../cep/helpers.ts';

const context = { siteUrl: 'https://kubevirt.example', basePath: '/project-infra/', kind: catalogueKinds.cep };
const record = (extra = '') => {
  const parsed = parse(`# CEP #4101: Lanes\n\n${filledSections(extra)}\n`).record;
  if (!parsed) throw new Error('the template-form document did not parse');
  return parsed;
};

describe('feed item ids', () => {
  it('name the revision of the document beside its date', () => {
    const dated = { ...record(), lastUpdated: '2026-03-01' };
    const [first] = feedItems([{ ...dated, revision: 'a1b2c3d4e5f60718293a' }], context, 'CEP');
    const [edited] = feedItems([{ ...dated, revision: '0f1e2d3c4b5a69788796' }], context, 'CEP');
    expect(first?.guid).toBe('https://kubevirt.example/project-infra/ceps/4101-arm64-lanes/#updated-2026-03-01-a1b2c3d4e5f60718');
    expect(edited?.guid).not.toBe(first?.guid);
  });

  it('an undated proposal still gets a new id when it changes', () => {
    const [before] = feedItems([{ ...record(), revision: '1111' }], context, 'CEP');
    const [after] = feedItems([{ ...record('- [ ] more'), revision: '2222' }], context, 'CEP');
    expect(before?.pubDate).toBeUndefined();
    expect(before?.guid).toMatch(/#updated-undated-1111$/);
    expect(after?.guid).toMatch(/#updated-undated-2222$/);
  });
});
