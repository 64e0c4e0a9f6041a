/**
 * One headless Debian Chromium for the end-to-end tests (playwright-core, no downloaded browsers),
 * and helpers that record what a reader would see go wrong: console errors, failed requests.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from './build.ts';

/** The system Chromium (Debian's), used when it is there and starts. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const systemArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/**
 * A headless Chromium: the system one when it is installed and starts, else the one that ships
 * inside the `@sparticuz/chromium` package (from the npm registry, no download at run time), so
 * that `npm test` passes on a machine without a working system browser.
 */
export async function launchBrowser(systemPath = chromiumPath): Promise<Browser> {
  let systemProblem = `not found at ${systemPath}`;
  if (existsSync(systemPath)) {
    try {
      return await chromium.launch({ executablePath: systemPath, args: systemArgs });
    } catch (error) {
      systemProblem = `failed to start (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
  }
  const packaged = (await import('@sparticuz/chromium')).default;
  console.warn(`system Chromium ${systemProblem}; using the one packaged in @sparticuz/chromium`);
  // Our own flags, not the package's: those are for AWS Lambda (--single-process, which runs every
  // page of the browser on one thread, and --disable-web-security, which would let a page read other
  // origins and so hide what the security tests look for).
  return chromium.launch({ executablePath: await packaged.executablePath(), args: systemArgs, headless: true });
}

/** Problems a page reported while a test used it. */
export interface PageProblems {
  errors: string[];
}

/** Records console errors, uncaught exceptions and failed requests of `page` into the returned list. */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { errors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console: ${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => problems.errors.push(`exception: ${error.message} (${page.url()})`));
  page.on('requestfailed', (request) => {
    // A request the page's own navigation cancelled (a redirect leaving while the footer still loads) is no failure a reader sees.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

const axeSource = readFileSync(path.join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * The axe rules a change of colour scheme can change: the site's dark scheme is a prefers-color-scheme
 * query in the stylesheets (no script reads it) that changes colours and shows a diagram's dark
 * variant instead of the light one, so the colour rules and the image rules.
 */
export const darkSchemeRules = ['color-contrast', 'link-in-text-block', 'image-alt', 'image-redundant-alt'];

/** Runs axe-core (WCAG 2.x A/AA and best practices, or only `rules`) on the page as it is now. */
export async function axeViolations(page: Page, rules?: readonly string[]): Promise<AxeViolation[]> {
  // Injected once per page: a second run (after switching to the dark scheme) reuses it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (only) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      ...(only ? { runOnly: { type: 'rule', values: only } } : {}),
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${(node.failureSummary ?? '').split('\n')[1]?.trim() ?? ''}`),
    }));
  }, rules);
}
