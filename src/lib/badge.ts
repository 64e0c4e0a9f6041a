/**
 * A shields-style status badge for one proposal, for tracking issues and pull request descriptions:
 * `CEP 4101 | implementable · beta · v1.10`. badge-maker draws the SVG (and escapes its text).
 * Only values from the closed vocabularies go in, never free text from the document, so the badge
 * cannot carry markup written by an author.
 */
import { makeBadge } from 'badge-maker';
import type { CatalogueKind } from './cep/catalogue-kind.ts';
import { stageInfo, statusInfo, type CepStage, type CepStatus } from './cep/vocabulary.ts';

export interface BadgeFacts {
  number: number;
  status?: CepStatus | undefined;
  stage?: CepStage | undefined;
  targetRelease?: string | undefined;
}

/** Colours by how far along (or how finished) a proposal is; names as shields.io spells them. */
const statusColour: Record<CepStatus, string> = {
  provisional: 'yellow',
  implementable: 'blue',
  implemented: 'brightgreen',
  deferred: 'lightgrey',
  rejected: 'red',
  withdrawn: 'lightgrey',
  replaced: 'lightgrey',
};

/** The badge's right-hand text; what the document does not say is said so, not guessed. */
export function badgeMessage(facts: BadgeFacts): string {
  return [
    facts.status ? statusInfo[facts.status].label.toLowerCase() : 'status not stated',
    facts.stage ? stageInfo[facts.stage].label.toLowerCase() : 'no stage',
    facts.targetRelease ?? 'no target release',
  ].join(' · ');
}

/** The SVG of a proposal's badge. */
export function proposalBadge(kind: Pick<CatalogueKind, 'prefix'>, facts: BadgeFacts): string {
  return makeBadge({
    label: `${kind.prefix} ${facts.number}`,
    message: badgeMessage(facts),
    color: facts.status ? statusColour[facts.status] : 'inactive',
    style: 'flat',
  });
}
