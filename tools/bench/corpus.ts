/**
 * Synthetic CEP corpus for `npm run bench`: `count` proposals that look like the real ones in size
 * and shape, written the two ways the catalogue reads (YAML front matter, and the template's H1 and
 * "targets <stage> for version" lines), and that pass `npm run lint` without errors, so the build
 * accepts them.
 *
 * Size mix: real proposals are 4-55 KB of markdown with a median of about 14 KB; sizes here are
 * drawn from a log-normal distribution with that median, clamped to that range. Every document has
 * the template's sections, a signoff checklist, lists, tables, fenced code (YAML, shell, Go), links
 * to other proposals and to GitHub; some have a supporting document beside them, some replace
 * others. The same `count` and `seed` always give the same files.
 *
 * This module writes the files; corpus-plan.ts decides what proposals there are, corpus-document.ts
 * renders one as markdown, corpus-text.ts holds the words and markdown blocks they are made of.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderCep, renderExtraPage } from './corpus-document.ts';
import { planCorpus } from './corpus-plan.ts';
import { createRandom } from './random.ts';

export { EXTRA_PAGE_SHARE, FRONT_MATTER_SHARE, REPLACEMENT_SHARE, SIZE_RANGE } from './corpus-plan.ts';

export interface CorpusOptions {
  /** Number of proposals. */
  count: number;
  /** Folder to write `<number>-<slug>/cep.md` folders into (created). */
  contentDir: string;
  /** Releases that have a schedule (`v1.8`, …); targets are drawn from these. */
  releases: readonly string[];
  /** Seed of the generator (default 4101). */
  seed?: number;
  /** Number of the first proposal (default 5000); the others follow without gaps. */
  firstNumber?: number;
}

export interface GeneratedCep {
  number: number;
  slug: string;
  /** `<slug>/cep.md`, relative to the content folder. */
  relativePath: string;
  form: 'front-matter' | 'template';
  bytes: number;
  /** Supporting documents beside the proposal, relative to the content folder. */
  extraPages: string[];
}

export interface GeneratedCorpus {
  contentDir: string;
  ceps: GeneratedCep[];
  /** Tracking-issue numbers (one per proposal: its own number). */
  issueNumbers: number[];
  /** Markdown files written (proposals and supporting documents). */
  files: number;
  /** Bytes of markdown written. */
  bytes: number;
  /** Proposal sizes in bytes. */
  sizes: { min: number; median: number; max: number };
}
/** Writes the corpus into `options.contentDir`. */
export function generateCorpus(options: CorpusOptions): GeneratedCorpus {
  if (!Number.isInteger(options.count) || options.count < 1) throw new Error(`count must be a positive integer, not ${options.count}`);
  const random = createRandom(options.seed ?? 4101);
  const plans = planCorpus(options.count, options.firstNumber ?? 5000, random);
  const ceps: GeneratedCep[] = [];
  let bytes = 0;
  let files = 0;
  for (const plan of plans) {
    const folder = path.join(options.contentDir, plan.slug);
    mkdirSync(folder, { recursive: true });
    const text = renderCep(plan, plans, options.releases, random);
    writeFileSync(path.join(folder, 'cep.md'), text);
    const size = Buffer.byteLength(text);
    bytes += size;
    files += 1;
    const extraPages: string[] = [];
    if (plan.extraPage) {
      const extra = renderExtraPage(plan, random);
      writeFileSync(path.join(folder, 'design-details.md'), extra);
      bytes += Buffer.byteLength(extra);
      files += 1;
      extraPages.push(`${plan.slug}/design-details.md`);
    }
    ceps.push({ number: plan.number, slug: plan.slug, relativePath: `${plan.slug}/cep.md`, form: plan.form, bytes: size, extraPages });
  }
  const sorted = ceps.map((cep) => cep.bytes).sort((left, right) => left - right);
  return {
    contentDir: options.contentDir,
    ceps,
    issueNumbers: ceps.map((cep) => cep.number),
    files,
    bytes,
    sizes: { min: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 },
  };
}

/**
 * Edits one proposal the way an author would: a new paragraph in its Overview. Returns what was
 * appended, so a caller can check that the built page shows it.
 */
export function editCep(filePath: string, marker = `Edited for the benchmark at ${new Date().toISOString()}.`): string {
  const text = readFileSync(filePath, 'utf8');
  const at = text.indexOf('\n## Motivation');
  if (at < 0) throw new Error(`${filePath} has no "## Motivation" section to edit before`);
  writeFileSync(filePath, `${text.slice(0, at)}\n${marker}\n${text.slice(at)}`);
  return marker;
}
