/**
 * The text of a new proposal: front matter with every field, the title H1, the signoff checklist
 * and the template's sections with their guidance, as in kubevirt/project-infra's CEP template.
 */
import { stringify } from 'yaml';
import type { CatalogueKind } from './catalogue-kind.ts';
import { templateSections } from './vocabulary.ts';

const guidance: Record<(typeof templateSections)[number], string> = {
  Overview: 'Provide a brief overview of the topic.',
  Motivation: 'Why this enhancement is important for the CI system.',
  Goals: 'The desired outcome.',
  'Non Goals': 'Limitations to the scope of the design.',
  'Definition of Users': 'Who is this enhancement intended for (e.g., developers, release managers, etc.).',
  'User Stories': 'List of user stories this design aims to solve.',
  Repos: 'List of repos this design impacts.',
  Design: 'Brief and concise: describe the changes to the CI system, including any new jobs, scripts, or configurations.',
  Alternatives: 'Outline any alternative designs that have been considered.',
  Scalability: 'Overview of how the design scales and impacts CI resources.',
  'Update/Rollback Compatibility': 'Does this impact update compatibility of the CI system and how?',
  'Functional Testing Approach': 'An overview on the approaches used to functionally test this design.',
  'Implementation History': 'Dated entries, e.g. "2026-01-02: Implemented the first lane. PR: <link>".',
  'Graduation Requirements': 'The requirements for graduating to each stage; not all stages need to be filled in initially.',
};

/** Turns a title into the folder slug: `Faster presubmits!` → `faster-presubmits`. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export interface NewProposal {
  number: number;
  title: string;
  authors: string[];
  today: string;
  /** Owning SIG; defaults to the kind's (sig-ci for CEPs). */
  owningSig?: string | undefined;
}

/** Renders the markdown of a new proposal. */
export function renderProposalTemplate(kind: CatalogueKind, proposal: NewProposal): string {
  const frontMatter = stringify({
    title: proposal.title,
    [`${kind.id}-number`]: proposal.number,
    'creation-date': proposal.today,
    'last-updated': proposal.today,
    status: 'provisional',
    authors: proposal.authors,
    'owning-sig': proposal.owningSig ?? kind.defaultOwningSig ?? 'sig-ci',
    'participating-sigs': [],
    reviewers: [],
    approvers: [],
    'tracking-issue': `https://github.com/${kind.trackingRepository}/issues/${proposal.number}`,
    milestone: { alpha: 'TBD', beta: 'TBD', stable: 'TBD' },
  });
  const sections = templateSections.map((section) => {
    const stages = section === 'Graduation Requirements' ? '\n\n### Alpha\n\n### Beta\n\n### GA' : '';
    return `## ${section}\n\n<!--\n${guidance[section]}\n-->${stages}`;
  });
  return (
    [
      `---\n${frontMatter}---`,
      `# ${kind.prefix} #${proposal.number}: ${proposal.title}`,
      '## Release Signoff Checklist',
      'Items marked with (R) are required *prior to targeting to a milestone / release*.',
      `- [ ] (R) Enhancement issue created, which links to ${kind.prefix} dir in [${kind.sourceRepository}] (not the initial ${kind.prefix} PR)\n- [ ] (R) Target version is explicitly mentioned and approved\n- [ ] (R) Graduation criteria filled`,
      ...sections,
    ].join('\n\n') + '\n'
  );
}
