import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import { readContentHistory } from '../../src/lib/cep/history.ts';
import { writeTree } from './helpers.ts';
import { document, repositoryWithRetargeting } from '../support/git-fixture.ts';

describe('re-targeting history from git', () => {
  it('lists each change of the target release, following a rename of the folder', async () => {
    const { root } = repositoryWithRetargeting();
    const history = await readContentHistory(path.join(root, 'ceps'), ['4101-arm-lanes/cep.md'], catalogueKinds.cep);
    const changes = history.retargeting.get('4101-arm-lanes/cep.md') ?? [];
    expect(changes.map(({ from, to, date }) => ({ from, to, date: date.slice(0, 10) }))).toEqual([
      { from: 'v1.9', to: 'v1.10', date: '2026-05-01' },
      { from: 'v1.10', to: 'v1.11', date: '2026-11-20' },
    ]);
    expect(changes[0]?.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('is empty outside git, and says why', async () => {
    const root = writeTree({ '4101-x/cep.md': document('v1.9', 'v1.10') });
    const history = await readContentHistory(root, ['4101-x/cep.md'], catalogueKinds.cep);
    expect(history.retargeting.size).toBe(0);
    expect(history.dates.size).toBe(0);
    expect(history.unavailable).toContain('not in a git work tree');
  });
});
