/**
 * The catalogue's kind: CEPs (kubevirt/project-infra) or VEPs (kubevirt/enhancements).
 * Everything that differs between the two processes is here, chosen by `CATALOGUE_KIND`.
 */
import { readEnvironment } from '../config/environment.ts';
import type { Severity } from './diagnostics.ts';

export interface CatalogueKind {
  id: 'cep' | 'vep';
  /** Proposal prefix in headings and titles. */
  prefix: string;
  /** Long name of one proposal, for page text. */
  proposalName: string;
  /**
   * First path segment of the proposal pages (`/ceps/<n>-<slug>/`), also the name of the JSON API
   * (`/api/ceps.json`); every URL is built from it by src/lib/urls.ts.
   */
  pathSegment: string;
  /** First path segment of the short permalinks and badges (`/cep/<n>/`, `/cep/<n>/badge.svg`). */
  permalinkSegment: string;
  /** File names of the main document inside a proposal folder. */
  documentNames: readonly string[];
  /** Glob (relative to the content folder) that finds main documents. */
  documentPattern: string;
  /** Where tracking issues live, `owner/name`. */
  trackingRepository: string;
  /** Repository and folder the documents are published from, for edit/source links. */
  sourceRepository: string;
  sourceFolder: string;
  /** Owning SIG when the document does not name one; `null` means "from the top folder" (see {@link owningSigOfFolder}). */
  defaultOwningSig: string | null;
  /** Top folders whose name is not a SIG's, and the owner to show for them (`meta-VEPs` → `meta`). */
  folderOwners: Readonly<Record<string, string>>;
  siteTitle: string;
  /** How strictly missing required sections are treated: real VEPs predate the template. */
  sectionSeverity: Severity;
  /**
   * Earlier names of a required section that count as it: VEPs written from the earlier template
   * have "Feature lifecycle Phases" where the current one has "Graduation Requirements".
   */
  sectionAliases?: Readonly<Record<string, readonly string[]>>;
  /**
   * How strictly a document that disagrees with its folder (H1 number ≠ folder number) or has no H1 is
   * treated. The CEP process owns its folder and enforces it; VEPs are read as they are written.
   */
  inconsistencySeverity: Severity;
  /** How strictly a relative link or image that points at nothing is treated. */
  linkSeverity: Severity;
}

export const catalogueKinds: Record<CatalogueKind['id'], CatalogueKind> = {
  cep: {
    id: 'cep',
    prefix: 'CEP',
    proposalName: 'CI Enhancement Proposal',
    pathSegment: 'ceps',
    permalinkSegment: 'cep',
    documentNames: ['cep.md', 'cep.mdx'],
    documentPattern: '*/cep.{md,mdx}',
    trackingRepository: 'kubevirt/project-infra',
    sourceRepository: 'kubevirt/project-infra',
    sourceFolder: 'docs/ci-enhancements',
    defaultOwningSig: 'sig-ci',
    folderOwners: {},
    siteTitle: 'KubeVirt CI Enhancement Proposals',
    sectionSeverity: 'error',
    inconsistencySeverity: 'error',
    linkSeverity: 'error',
  },
  vep: {
    id: 'vep',
    prefix: 'VEP',
    proposalName: 'Virtualization Enhancement Proposal',
    pathSegment: 'veps',
    permalinkSegment: 'vep',
    documentNames: ['vep.md', 'vep.mdx'],
    // `<sig>/<number>-<slug>/vep.md`, and a sub-proposal kept inside its parent's folder
    // (`sig-storage/25-incremental-backup/399-multi-checkpoint/vep.md`).
    documentPattern: '{*/*,*/*/*}/vep.{md,mdx}',
    trackingRepository: 'kubevirt/enhancements',
    sourceRepository: 'kubevirt/enhancements',
    sourceFolder: 'veps',
    defaultOwningSig: null,
    folderOwners: { 'meta-VEPs': 'meta' },
    siteTitle: 'KubeVirt Enhancement Proposals',
    sectionSeverity: 'warning',
    sectionAliases: { 'Graduation Requirements': ['Feature Lifecycle Phases', 'Feature Lifecycle'] },
    inconsistencySeverity: 'warning',
    linkSeverity: 'warning',
  },
};

/** Reads `CATALOGUE_KIND` (default `cep`); an unknown value is a configuration error. */
export function readCatalogueKind(env: NodeJS.ProcessEnv = process.env): CatalogueKind {
  return catalogueKinds[readEnvironment(env).CATALOGUE_KIND];
}

/** The owning SIG a top folder stands for: `sig-compute` → `sig-compute`, `meta-VEPs` → `meta`. */
export function owningSigOfFolder(kind: Pick<CatalogueKind, 'folderOwners'>, folder: string | undefined): string | undefined {
  if (!folder) return undefined;
  return kind.folderOwners[folder] ?? folder;
}
