/**
 * A supporting page (a markdown file beside a proposal that is not its document) as the catalogue
 * reads it: its front matter through the one YAML reading (lib/cep/parse/yaml.ts), and where its
 * body starts. Lint reports the findings; the content loader takes the data and the body from
 * here, so no other parser reads the page's front matter.
 */
import type { Diagnostic } from '../cep/diagnostics.ts';
import { decodeText, readFrontMatter, splitFrontMatter } from '../cep/parse/front-matter.ts';

export interface ExtraPageReading {
  /** The front matter's fields; `{}` without front matter or when it cannot be read. */
  data: Record<string, unknown>;
  /** Byte offset of the body in the file, after the front matter (and a byte order mark). */
  bodyOffset: number;
  diagnostics: Diagnostic[];
}

export function readExtraPage(source: Uint8Array, displayPath: string): ExtraPageReading {
  const finding = (line: number, column: number, message: string): ExtraPageReading => ({
    data: {},
    bodyOffset: 0,
    diagnostics: [{ file: displayPath, line, column, severity: 'error', rule: 'front-matter-yaml', message }],
  });
  const text = decodeText(source);
  if (text === undefined) return { data: {}, bodyOffset: 0, diagnostics: [] };
  const split = splitFrontMatter(text);
  if (split.kind === 'unclosed') return finding(1, 1, 'front matter starts with "---" but is never closed by a "---" line');
  if (split.kind === 'none') return { data: {}, bodyOffset: source.length - Buffer.byteLength(text), diagnostics: [] };
  const reading = readFrontMatter(split.yamlText);
  if (reading.problem) return finding(reading.problem.line, reading.problem.column, reading.problem.message);
  return { data: reading.frontMatter?.data ?? {}, bodyOffset: source.length - Buffer.byteLength(split.body), diagnostics: [] };
}
