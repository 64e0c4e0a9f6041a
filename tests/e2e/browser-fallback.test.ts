// `npm test` must pass on a machine whose system Chromium is missing or broken: the tests then use
// the browser packaged in @sparticuz/chromium. Both cases are tried for real here.
import { describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';

describe('the test browser', () => {
  it.each([
    ['missing', '/nonexistent/chromium'],
    ['broken', '/bin/false'],
  ])('falls back to the packaged Chromium when the system one is %s', async (_case, systemPath) => {
    const browser = await launchBrowser(systemPath);
    try {
      const page = await browser.newPage();
      await page.setContent('<main><h1>Rendered</h1></main>');
      expect(await page.locator('h1').textContent()).toBe('Rendered');
    } finally {
      await browser.close();
    }
  });
});
