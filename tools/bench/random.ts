/**
 * A small seeded pseudo-random generator (mulberry32), so that a benchmark corpus is the same
 * on every run and every machine for the same `--count`.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `count` distinct elements of a list (fewer when the list is shorter), in list order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A normally distributed value (Box-Muller). */
  normal(mean: number, deviation: number): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    sample: (items, count) => {
      const indexes = items.map((_, index) => index);
      for (let index = indexes.length - 1; index > 0; index -= 1) {
        const other = Math.floor(next() * (index + 1));
        [indexes[index], indexes[other]] = [indexes[other] as number, indexes[index] as number];
      }
      return indexes
        .slice(0, Math.max(0, count))
        .sort((left, right) => left - right)
        .map((index) => items[index] as (typeof items)[number]);
    },
    chance: (p) => next() < p,
    normal: (mean, deviation) => {
      const u = Math.max(next(), Number.EPSILON);
      const v = next();
      return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
  return random;
}
