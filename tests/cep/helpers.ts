import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import { parseCepSource } from '../../src/lib/cep/parse.ts';

/** Parses `source` as if it were `<relativePath>` in a CEP catalogue. */
export function parse(source: string | Uint8Array, relativePath = '4101-arm64-lanes/cep.md', kind = catalogueKinds.cep) {
  return parseCepSource(source, { kind, relativePath, displayPath: `content/ceps/${relativePath}` });
}

/** Rules of the findings, for compact assertions. */
export const rules = (result: { diagnostics: { rule: string }[] }) => result.diagnostics.map((diagnostic) => diagnostic.rule);

/** A filled-in body with every required section. */
export function filledSections(extra = ''): string {
  return [
    '## Overview',
    'Run the arm64 lanes on every pull request.',
    '## Motivation',
    'Regressions on arm64 are found late.',
    '## Goals',
    '- Voting arm64 lanes',
    '## Design',
    'Add a presubmit per provider.',
    '## Graduation Requirements',
    '### Alpha',
    '- [ ] lane is optional',
    extra,
  ].join('\n\n');
}

/** Writes files into a fresh temporary folder: `{ 'a/cep.md': '...' }`. */
export function writeTree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'cep-tree-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}
