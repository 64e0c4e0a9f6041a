/**
 * The security checks lint (and with it the build) runs, in the shape corpus.ts calls them:
 * per document body (cached with the parse), and per file of the content folder at every run
 * (MDX refusal depends on configuration, SVG safety on a file the document does not contain).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic, Severity } from '../cep/diagnostics.ts';
import type { RelativeLink } from '../cep/markdown.ts';
import { checkMdxFile } from './mdx.ts';
import { findActiveSvgContent } from './svg.ts';

export { checkMarkdownSafety } from './raw-html.ts';

/** Rules this folder adds, for the rule registry. */
export const securityRules: readonly { id: string; severity: Severity; description: string }[] = [
  { id: 'html-dropped', severity: 'warning', description: 'raw HTML (an element or attribute) that the sanitiser removes from the page' },
  { id: 'link-unsafe', severity: 'warning', description: 'a link or image whose URL is not http(s), mailto or relative; the page keeps its text only' },
  { id: 'mdx-code', severity: 'error', description: 'an import/export or {expression} in MDX (would run code at build time) while CEP_TRUSTED_MDX is not set' },
  { id: 'mdx-jsx-dropped', severity: 'warning', description: 'a JSX element in untrusted MDX, dropped from the page with its content' },
  { id: 'mdx-invalid', severity: 'error', description: 'an .mdx file the MDX parser cannot read (the build could not compile it)' },
  { id: 'image-svg-unsafe', severity: 'error', description: 'an SVG image with scripts, handlers, foreignObject, outside references or a DTD' },
];

/**
 * Findings for one proposal or extra page that do not depend on its parse: MDX refusal, and
 * SVG images it shows that carry active content.
 */
export function checkContentFile(options: {
  filePath: string;
  displayPath: string;
  links: readonly RelativeLink[];
  trustedMdx: boolean;
  source?: string;
}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (options.filePath.endsWith('.mdx')) {
    const source = options.source ?? readFileSync(options.filePath, 'utf8');
    diagnostics.push(...checkMdxFile(source, options.displayPath, { trustedMdx: options.trustedMdx }));
  }
  for (const link of options.links) {
    if (!link.image) continue;
    const [target = ''] = link.target.split(/[?#]/);
    if (!/\.svgz?$/i.test(target)) continue;
    let svgText: string;
    try {
      svgText = readFileSync(path.resolve(path.dirname(options.filePath), decodeURIComponent(target)), 'utf8');
    } catch {
      continue; // link-broken says so
    }
    const problems = findActiveSvgContent(svgText);
    if (problems.length === 0) continue;
    const listed = problems.slice(0, 3).map((found) => `${found.problem} on line ${found.line}`).join(', ');
    const more = problems.length > 3 ? ` and ${problems.length - 3} more` : '';
    diagnostics.push({
      file: options.displayPath,
      line: link.line,
      column: link.column,
      severity: 'error',
      rule: 'image-svg-unsafe',
      message: `image "${link.target}" is an SVG with active content (${listed}${more}); published on the site's origin it could run code: remove that from the drawing, or export it as PNG`,
    });
  }
  return diagnostics;
}
