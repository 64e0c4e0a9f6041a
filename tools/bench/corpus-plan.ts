/**
 * The plan of the benchmark's synthetic corpus (tools/bench/corpus.ts): which proposals there are,
 * their numbers, titles, forms, sizes, statuses, targets and replacement pairs, before any text.
 */
import type { Random } from './random.ts';
import { qualifiers, slugOf, subjects, verbs } from './corpus-text.ts';

/** Real proposals: 4 KB to 55 KB, median about 14 KB. */
export const SIZE_RANGE = { min: 4 * 1024, median: 14 * 1024, max: 55 * 1024 } as const;
/** Share of proposals written with YAML front matter (the others in the template's form). */
export const FRONT_MATTER_SHARE = 0.7;
/** Share of proposals with a supporting document (`design-details.md`). */
export const EXTRA_PAGE_SHARE = 0.06;
/** Share of proposals that replace an earlier one. */
export const REPLACEMENT_SHARE = 0.02;

export interface Plan {
  number: number;
  slug: string;
  title: string;
  form: 'front-matter' | 'template';
  targetBytes: number;
  status: string;
  replaces?: number;
  supersededBy?: number;
  extraPage: boolean;
}

function drawSize(random: Random): number {
  // Log-normal around the median; sigma 0.45 puts about 90% of documents between 7 KB and 30 KB.
  const size = Math.round(SIZE_RANGE.median * Math.exp(random.normal(0, 0.45)));
  return Math.min(SIZE_RANGE.max, Math.max(SIZE_RANGE.min, size));
}

function drawStatus(random: Random): string {
  const roll = random.next();
  if (roll < 0.27) return 'provisional';
  if (roll < 0.62) return 'implementable';
  if (roll < 0.87) return 'implemented';
  if (roll < 0.93) return 'deferred';
  if (roll < 0.96) return 'rejected';
  return 'withdrawn';
}

export function drawTargets(plan: Plan, releases: readonly string[], random: Random): Record<string, string> {
  const targets: Record<string, string> = {};
  if (releases.length === 0 || (plan.status === 'provisional' && random.chance(0.5))) return targets;
  let index = random.int(0, releases.length - 1);
  for (const stage of ['alpha', 'beta', 'stable']) {
    const release = releases[index];
    if (release === undefined || (stage !== 'alpha' && random.chance(0.35))) break;
    targets[stage] = release;
    index += 1;
  }
  return targets;
}

/** Plans the corpus: numbers, titles, forms, sizes, statuses and replacement pairs. */
export function planCorpus(count: number, firstNumber: number, random: Random): Plan[] {
  const plans: Plan[] = Array.from({ length: count }, (_, index) => {
    const number = firstNumber + index;
    const title = `${random.pick(verbs)} ${random.pick(subjects)} ${random.pick(qualifiers)}`;
    return {
      number,
      title,
      slug: `${number}-${slugOf(title)}`,
      form: random.chance(FRONT_MATTER_SHARE) ? 'front-matter' : 'template',
      targetBytes: drawSize(random),
      status: drawStatus(random),
      extraPage: random.chance(EXTRA_PAGE_SHARE),
    };
  });
  // Replacement pairs need front matter on both sides ("replaces" and "superseded-by").
  const withFrontMatter = plans.filter((plan) => plan.form === 'front-matter');
  const pairs = Math.floor(count * REPLACEMENT_SHARE);
  for (let pair = 0; pair < pairs && 2 * pair + 1 < withFrontMatter.length; pair += 1) {
    const older = withFrontMatter[2 * pair] as Plan;
    const newer = withFrontMatter[2 * pair + 1] as Plan;
    older.status = 'replaced';
    older.supersededBy = newer.number;
    newer.replaces = older.number;
    if (newer.status === 'replaced') newer.status = 'implementable';
  }
  return plans;
}
