/**
 * MDX, decided: an `.mdx` proposal is markdown, and nothing more, unless configuration says the
 * content is trusted (`CEP_TRUSTED_MDX=1`). Its `import`, `export` and `{expressions}` would run on
 * the build machine (reading files and the environment), so each is a lint error on its line, which
 * stops the build; JSX elements (in MDX, HTML is JSX) are dropped from the page, with a warning.
 * The sanitiser (sanitise-tree.ts) removes all of these from the tree as well, so untrusted MDX
 * compiles to markup only even if lint were skipped. Read from the MDX syntax tree of the parser
 * the site renders with (Sätteri).
 */
import { mdxToMdast, type MdastNode } from 'satteri';
import type { Diagnostic } from '../cep/diagnostics.ts';

const RUNS_CODE: Record<string, string> = {
  mdxjsEsm: 'import/export',
  mdxFlowExpression: '{expression}',
  mdxTextExpression: '{expression}',
};
const JSX = new Set(['mdxJsxFlowElement', 'mdxJsxTextElement']);

/** Findings for an `.mdx` file when MDX is not trusted; none when it is, or for other files. */
export function checkMdxFile(source: string, file: string, options: { trustedMdx: boolean }): Diagnostic[] {
  if (!file.endsWith('.mdx') || options.trustedMdx) return [];
  const diagnostics: Diagnostic[] = [];
  let tree: MdastNode;
  try {
    tree = mdxToMdast(source, { features: { gfm: true, frontmatter: true } });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [
      { file, line: 1, column: 1, severity: 'error', rule: 'mdx-invalid', message: `not valid MDX, so it cannot be built: ${message}` },
    ];
  }
  const walk = (node: MdastNode) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    const code = RUNS_CODE[node.type];
    if (code) {
      diagnostics.push({
        file,
        ...start,
        severity: 'error',
        rule: 'mdx-code',
        message: `${code} would run code on the build machine; MDX proposals may contain markdown only (CEP_TRUSTED_MDX=1 allows code, for trusted content); write a literal brace as \\{`,
      });
    } else if (JSX.has(node.type)) {
      const name = 'name' in node && typeof node.name === 'string' ? node.name : '';
      diagnostics.push({
        file,
        ...start,
        severity: 'warning',
        rule: 'mdx-jsx-dropped',
        message: `<${name}> is JSX in MDX and is dropped from the page with its content (the catalogue provides no components); use markdown, or a .md file for HTML`,
      });
    }
    if ('children' in node) for (const child of node.children as MdastNode[]) walk(child);
  };
  walk(tree);
  return diagnostics;
}
