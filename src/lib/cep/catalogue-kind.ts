/**
 * The catalogue's kind: CEPs (kubevirt/project-infra) or VEPs (kubevirt/enhancements).
 * Everything that differs between the two processes is here, chosen by `CATALOGUE_KIND`.
 */
import type { Severity } from './diagnostics.ts';

export interface CatalogueKind {
  id: 'cep' | 'vep';
  /** Proposal prefix in headings and titles. */
  prefix: string;
  /** Long name of one proposal, for page text. */
  proposalName: string;
  /** File names of the main document inside a proposal folder. */
  documentNames: readonly string[];
  /** Glob (relative to the content folder) that finds main documents. */
  documentPattern: string;
  /** Where tracking issues live, `owner/name`. */
  trackingRepository: string;
  /** Repository and folder the documents are published from, for edit/source links. */
  sourceRepository: string;
  sourceFolder: string;
  /** Owning SIG when the document does not name one; `null` means "from the parent folder". */
  defaultOwningSig: string | null;
  siteTitle: string;
  /** How strictly missing required sections are treated: real VEPs predate the template. */
  sectionSeverity: Severity;
}

export const catalogueKinds: Record<CatalogueKind['id'], CatalogueKind> = {
  cep: {
    id: 'cep',
    prefix: 'CEP',
    proposalName: 'CI Enhancement Proposal',
    documentNames: ['cep.md', 'cep.mdx'],
    documentPattern: '*/cep.{md,mdx}',
    trackingRepository: 'kubevirt/project-infra',
    sourceRepository: 'kubevirt/project-infra',
    sourceFolder: 'docs/ci-enhancements',
    defaultOwningSig: 'sig-ci',
    siteTitle: 'KubeVirt CI Enhancement Proposals',
    sectionSeverity: 'error',
  },
  vep: {
    id: 'vep',
    prefix: 'VEP',
    proposalName: 'Virtualization Enhancement Proposal',
    documentNames: ['vep.md', 'vep.mdx'],
    documentPattern: '*/*/vep.{md,mdx}',
    trackingRepository: 'kubevirt/enhancements',
    sourceRepository: 'kubevirt/enhancements',
    sourceFolder: 'veps',
    defaultOwningSig: null,
    siteTitle: 'KubeVirt Enhancement Proposals',
    sectionSeverity: 'warning',
  },
};

/** Reads `CATALOGUE_KIND` (default `cep`); an unknown value is a configuration error. */
export function readCatalogueKind(env: NodeJS.ProcessEnv = process.env): CatalogueKind {
  const id = (env['CATALOGUE_KIND'] ?? 'cep').trim().toLowerCase();
  if (id !== 'cep' && id !== 'vep') {
    throw new Error(`CATALOGUE_KIND must be "cep" or "vep", not "${env['CATALOGUE_KIND']}"`);
  }
  return catalogueKinds[id];
}
