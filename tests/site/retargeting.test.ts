import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite, projectRoot, readBuilt } from '../support/build.ts';
import { repositoryWithRetargeting } from '../support/git-fixture.ts';

describe('a CEP whose target moved between releases', () => {
  it('shows its re-targeting history, read from git', async () => {
    const { root } = repositoryWithRetargeting();
    const result = await buildSite({
      CEP_CONTENT_DIR: path.join(root, 'ceps'),
      CEP_RELEASES_DIR: path.join(projectRoot, 'content/releases'),
    });
    expect(result.code, result.output.slice(-1500)).toBe(0);
    const html = readBuilt(result.outDir, 'ceps/4101-arm-lanes/index.html');
    const panel = /<ul data-field="retargeting">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    expect(
      panel
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toMatch(/^2026-05-01 : v1\.9 → v1\.10 [0-9a-f]{7} 2026-11-20 : v1\.10 → v1\.11 [0-9a-f]{7}$/);
  });
});
