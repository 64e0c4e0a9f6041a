/**
 * The catalogue grouped the way PEP 0 groups PEPs: by where a proposal is in its life, so a reader
 * sees first what is being worked on and last what was abandoned.
 */
import type { CepStatus } from './cep/vocabulary.ts';

export const lifecycleGroups = ['active', 'accepted', 'finished', 'abandoned', 'unknown'] as const;
export type LifecycleGroup = (typeof lifecycleGroups)[number];

export const lifecycleInfo: Record<LifecycleGroup, { heading: string; description: string; statuses: readonly CepStatus[] }> = {
  active: { heading: 'Under review', description: 'Proposed, not yet accepted (provisional).', statuses: ['provisional'] },
  accepted: { heading: 'Accepted', description: 'Accepted and being implemented (implementable).', statuses: ['implementable'] },
  finished: { heading: 'Finished', description: 'Delivered as designed (implemented).', statuses: ['implemented'] },
  abandoned: {
    heading: 'Deferred, abandoned, rejected and replaced',
    description: 'Postponed, withdrawn, declined or superseded.',
    statuses: ['deferred', 'withdrawn', 'rejected', 'replaced'],
  },
  unknown: { heading: 'Status not stated', description: 'The document states no status.', statuses: [] },
};

/** The group of a status; a proposal without a status is in `unknown`, never dropped. */
export function lifecycleOf(status: CepStatus | undefined): LifecycleGroup {
  return lifecycleGroups.find((group) => status !== undefined && lifecycleInfo[group].statuses.includes(status)) ?? 'unknown';
}

/** Items split into the groups, in group order, keeping their order inside a group; empty groups left out. */
export function groupByLifecycle<T>(
  items: readonly T[],
  statusOf: (item: T) => CepStatus | undefined,
): { group: LifecycleGroup; items: T[] }[] {
  return lifecycleGroups
    .map((group) => ({ group, items: items.filter((item) => lifecycleOf(statusOf(item)) === group) }))
    .filter(({ items: inGroup }) => inGroup.length > 0);
}
