/**
 * What a released (GA) release shipped, judged as of that release: for each proposal that targeted
 * it, the stage it was targeted for there, whether the proposal reached that stage, and the
 * exceptions asked for that release. Nothing here depends on today or on today's tracking data.
 */
import type { CepRecord } from '../cep/schema.ts';
import { cepStages, displayLabels, statusInfo, targetStages, type CepStage, type TargetStage } from '../cep/vocabulary.ts';
import type { Release } from './schedule.ts';
import { releasesTargeted } from '../cep/parse/targets.ts';
import type { ReleaseVersion } from '../cep/vocabulary.ts';

export interface HistoryRow {
  cep: CepRecord;
  /** The highest stage targeted at this release, e.g. "beta". */
  stage: TargetStage | undefined;
  /** Whether the proposal reached that stage (so it shipped in this release). */
  shipped: boolean;
  /** One sentence: "Beta shipped in v1.9", "Beta did not ship in v1.9: withdrawn". */
  summary: string;
  exceptions: CepRecord['exceptions'];
}

const rank = (stage: CepStage) => cepStages.indexOf(stage);

/** What one proposal shipped in a released release. */
export function releaseHistoryRow(cep: CepRecord, release: Pick<Release, 'version'>): HistoryRow {
  const stage = [...targetStages].reverse().find((candidate) => cep.targets[candidate] === release.version);
  const exceptions = cep.exceptions.filter((exception) => exception.release === release.version);
  if (!stage) return { cep, stage, shipped: false, summary: `Targeted ${release.version} without a stage`, exceptions };
  const label = displayLabels.stageIn(stage, release.version);
  // The stage reached is the document's; "implemented" without a stage means delivered as designed.
  // A withdrawn, rejected or deferred proposal delivered nothing, whatever stage it names.
  const abandoned = cep.status === 'withdrawn' || cep.status === 'rejected' || cep.status === 'deferred';
  const reached = !abandoned && (cep.stage ? rank(cep.stage) >= rank(stage) : cep.status === 'implemented');
  if (reached) return { cep, stage, shipped: true, summary: `${label}: shipped`, exceptions };
  const why =
    abandoned && cep.status
      ? statusInfo[cep.status].label.toLowerCase()
      : cep.stage
        ? `the stage reached is ${cep.stage}`
        : 'no stage reached';
  return { cep, stage, shipped: false, summary: `${label}: did not ship (${why})`, exceptions };
}

/** How many proposals shipped something in a released release. */
export function shippedCount(ceps: readonly CepRecord[], release: Pick<Release, 'version'>): number {
  return ceps.filter((cep) => releasesTargeted(cep).includes(release.version as ReleaseVersion) && releaseHistoryRow(cep, release).shipped)
    .length;
}
