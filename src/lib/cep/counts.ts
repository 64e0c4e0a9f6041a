import type { CepStatus } from './vocabulary.ts';

/** Counts proposals per status, for filter chips and dashboards. */
export function countByStatus(records: readonly { status?: CepStatus | undefined }[]): Partial<Record<CepStatus, number>> {
  const counts: Partial<Record<CepStatus, number>> = {};
  for (const record of records) {
    if (record.status) counts[record.status] = (counts[record.status] ?? 0) + 1;
  }
  return counts;
}
