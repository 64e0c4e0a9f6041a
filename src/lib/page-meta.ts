/**
 * What a link preview (mail clients, chat, social sites) shows of a proposal: one description with
 * its status and target first, so a pasted link says where the proposal stands before it is opened.
 * The proposal page and its short permalink use the same text.
 */
import { stageInfo, statusInfo, targetStages, type CepStage, type CepStatus } from './cep/vocabulary.ts';

export interface DescribedProposal {
  status?: CepStatus | undefined;
  stage?: CepStage | undefined;
  targets: Partial<Record<(typeof targetStages)[number], string | undefined>>;
  owningSig: string;
  summary: string;
}

const maxLength = 280;

/** "Implementable · stage Alpha · targets alpha v1.9, beta v1.10 · sig-ci. <summary…>", at most 280 characters. */
export function proposalDescription(cep: DescribedProposal): string {
  const targets = targetStages.filter((stage) => cep.targets[stage]).map((stage) => `${stage} ${cep.targets[stage]}`);
  const facts = [
    cep.status ? statusInfo[cep.status].label : 'Status not stated',
    ...(cep.stage ? [`stage ${stageInfo[cep.stage].label}`] : []),
    targets.length > 0 ? `targets ${targets.join(', ')}` : 'no target release',
    cep.owningSig,
  ].join(' · ');
  const summary = cep.summary.trim();
  const text = summary ? `${facts}. ${summary}` : `${facts}.`;
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).replace(/\s+\S*$/, '')}…`;
}
