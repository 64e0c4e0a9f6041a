/**
 * The security checks lint (and with it the build) runs, in the shape corpus.ts calls them:
 * per document body (cached with the parse), and per file of the content folder at every run
 * (MDX refusal depends on configuration, SVG safety on a file the document does not contain).
 */
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../cep/diagnostics.ts';
import { readLink } from '../cep/links.ts';
import type { RelativeLink } from '../cep/markdown.ts';
import { checkMdxFile } from './mdx.ts';
import { findActiveSvgContent } from './svg.ts';

export { checkMarkdownSafety } from './raw-html.ts';

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
    const linked = link.image ? readLink(options.filePath, link.target) : undefined;
    if (linked?.kind !== 'file' || !/\.svgz?$/i.test(linked.file)) continue;
    let svgText: string;
    try {
      svgText = readFileSync(linked.file, 'utf8');
    } catch {
      continue; // link-broken says so
    }
    const problems = findActiveSvgContent(svgText);
    if (problems.length === 0) continue;
    const listed = problems
      .slice(0, 3)
      .map((found) => `${found.problem} on line ${found.line}`)
      .join(', ');
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
