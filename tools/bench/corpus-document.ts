/**
 * One synthetic proposal as markdown (tools/bench/corpus.ts): front matter or the template's H1 and
 * target lines, the template's sections, design subsections until the planned size, and the
 * supporting document some proposals have.
 */
import type { Random } from './random.ts';
import { drawTargets, type Plan } from './corpus-plan.ts';
import { bulletList, codeBlock, isoDate, paragraph, people, phrase, repos, sentence, sigs, subjects, table } from './corpus-text.ts';

function linkTo(other: Plan, from: Plan, random: Random): string {
  const label = random.chance(0.5) ? `CEP #${other.number}` : `CEP ${other.number}`;
  const anchor = random.chance(0.3) ? '#design' : '';
  return other.number === from.number ? `[this CEP](#overview)` : `[${label}](../${other.slug}/cep.md${anchor})`;
}

function frontMatter(plan: Plan, random: Random, targets: Record<string, string>): string {
  const created = isoDate(random, 2024, 2026);
  const touched = isoDate(random, 2026, 2026);
  const lines = [
    '---',
    `title: ${JSON.stringify(plan.title)}`,
    `cep-number: ${plan.number}`,
    `creation-date: "${created}"`,
    `last-updated: "${touched > created ? touched : created}"`,
    `status: ${plan.status}`,
  ];
  if (plan.status === 'implementable' || plan.status === 'implemented') lines.push(`stage: ${random.pick(['alpha', 'beta', 'stable'])}`);
  lines.push('', 'authors:', ...random.sample(people, random.int(1, 3)).map((login) => `  - "@${login}"`));
  lines.push('', `owning-sig: ${random.chance(0.85) ? 'sig-ci' : random.pick(sigs)}`);
  const participating = random.sample(sigs.slice(1), random.int(0, 3));
  if (participating.length > 0) lines.push('participating-sigs:', ...participating.map((sig) => `  - ${sig}`));
  lines.push('', 'reviewers:', ...random.sample(people, 2).map((login) => `  - "@${login}"`));
  lines.push('approvers:', ...random.sample(people, 1).map((login) => `  - "@${login}"`));
  lines.push('', `tracking-issue: https://github.com/kubevirt/project-infra/issues/${plan.number}`);
  const milestone = Object.entries(targets);
  if (milestone.length > 0) lines.push('', 'milestone:', ...milestone.map(([stage, release]) => `  ${stage}: "${release}"`));
  if (plan.replaces !== undefined) lines.push(`replaces: ${plan.replaces}`);
  if (plan.supersededBy !== undefined) lines.push(`superseded-by: ${plan.supersededBy}`);
  const lastTarget = milestone.at(-1)?.[1];
  if (lastTarget && random.chance(0.05)) {
    lines.push(
      '',
      'exceptions:',
      `  - release: "${lastTarget}"`,
      `    state: ${random.pick(['requested', 'granted', 'denied'])}`,
      `    link: https://groups.google.com/g/kubevirt-dev/c/bench${plan.number}`,
      `    requested: "${isoDate(random, 2026, 2026)}"`,
    );
  }
  lines.push('---', '');
  return lines.join('\n');
}

function heading(plan: Plan, random: Random): string {
  if (plan.form === 'front-matter') return `# CEP #${plan.number}: ${plan.title}`;
  // The template's H1 and the variants seen in real documents; the folder gives the number when the H1 has none.
  return random.pick([
    `# CEP #${plan.number}: ${plan.title}`,
    `# CEP ${plan.number}: ${plan.title}`,
    `# CEP-${plan.number}: ${plan.title}`,
    `# ${plan.title}`,
  ]);
}

function targetBlock(targets: Record<string, string>, random: Random): string {
  const line = (stage: string, label: string) => `- This CEP targets ${label} for version: ${targets[stage] ?? 'TBD'}`;
  const lines = ['## CEP Status Metadata', '', '### Target releases', ''];
  if (targets['beta'] && random.chance(0.2)) lines.push(`- ~This CEP targets beta for version: ${targets['alpha'] ?? 'TBD'}~`);
  lines.push(line('alpha', 'alpha'), line('beta', 'beta'), line('stable', 'GA'));
  return lines.join('\n');
}

function checklist(random: Random): string {
  const box = () => (random.chance(0.7) ? '[x]' : '[ ]');
  return [
    '## Release Signoff Checklist',
    '',
    'Items marked with (R) are required *prior to targeting to a milestone / release*.',
    '',
    `- ${box()} (R) Enhancement issue created, which links to CEP dir in [kubevirt/project-infra] (not the initial CEP PR)`,
    `- ${box()} (R) Target version is explicitly mentioned and approved`,
    `- ${box()} (R) Graduation criteria filled`,
  ].join('\n');
}

function designSubsection(plan: Plan, others: readonly Plan[], random: Random, index: number): string {
  const topic = `${random.pick(['Planning', 'Rollout of', 'Ownership of', 'Monitoring', 'Configuration of', 'Failure handling for', 'Capacity for'])} ${random.pick(subjects)}`;
  const parts = [`### ${index}. ${topic}`, paragraph(random)];
  const roll = random.next();
  if (roll < 0.45) parts.push(codeBlock(random, plan.number));
  else if (roll < 0.7) parts.push(table(random));
  else parts.push(bulletList(random));
  if (others.length > 0 && random.chance(0.6)) {
    parts.push(
      `This builds on ${linkTo(random.pick(others), plan, random)}; see also the [lane migration process](https://github.com/kubevirt/project-infra/blob/main/docs/lane-migration-process.md).`,
    );
  }
  parts.push(paragraph(random, random.int(1, 4)));
  return parts.join('\n\n');
}

export function renderCep(plan: Plan, plans: readonly Plan[], releases: readonly string[], random: Random): string {
  const targets = drawTargets(plan, releases, random);
  const others = Array.from({ length: 6 }, () => random.pick(plans)).filter((other) => other.number !== plan.number);
  // Short proposals say less in every section, as real ones do.
  const brief = plan.targetBytes < 9 * 1024;
  const para = (sentences?: number) => paragraph(random, brief ? random.int(1, 2) : sentences);
  const list = (items?: number) => bulletList(random, brief ? 2 : items);
  const head: string[] = [];
  if (plan.form === 'front-matter') head.push(frontMatter(plan, random, targets));
  head.push(heading(plan, random));
  if (plan.form === 'template') head.push(targetBlock(targets, random));
  head.push(checklist(random));
  head.push('## Overview', para(random.int(3, 6)));
  if (!brief) head.push(para());
  head.push('## Motivation', para(), list(), !brief && random.chance(0.5) ? table(random) : para());
  head.push('## Goals', list());
  head.push('## Non Goals', list(random.int(2, 4)));
  head.push('## Definition of Users', list(random.int(2, 4)));
  head.push(
    '## User Stories',
    Array.from(
      { length: brief ? 2 : random.int(2, 5) },
      () =>
        `- As a ${random.pick(['contributor', 'SIG approver', 'release manager', 'CI maintainer'])}, I want ${phrase(random)}s so that ${sentence(random).toLowerCase()}`,
    ).join('\n'),
  );
  head.push(
    '## Repos',
    random
      .sample(repos, random.int(1, 3))
      .map((repo) => `- \`${repo}\``)
      .join('\n'),
  );
  head.push('## Design', para());
  if (plan.extraPage) head.push('The data model and the failure modes are described in the [design details](design-details.md).');

  const tail: string[] = [];
  tail.push('## Alternatives', list(random.int(2, 4)));
  tail.push('## Scalability', para());
  tail.push('## Update/Rollback Compatibility', para(random.int(1, 3)));
  tail.push('## Functional Testing Approach', list(random.int(2, 4)));
  tail.push(
    '## Implementation History',
    Array.from(
      { length: brief ? 2 : random.int(2, 6) },
      (_, index) =>
        `- ${isoDate(random, 2025, 2026)}: ${sentence(random)}${index % 2 === 0 ? `\n  PR: https://github.com/kubevirt/project-infra/pull/${plan.number + index * 7}` : ''}`,
    ).join('\n'),
  );
  tail.push(
    '## Graduation Requirements',
    ...['Alpha', 'Beta', 'GA'].flatMap((stage) => [
      `### ${stage}`,
      Array.from({ length: brief ? 1 : random.int(2, 4) }, () => `- [${random.chance(0.4) ? 'x' : ' '}] ${sentence(random)}`).join('\n'),
    ]),
  );

  const design: string[] = [];
  const fixed = head.join('\n\n').length + tail.join('\n\n').length;
  let size = fixed;
  for (let index = 1; size < plan.targetBytes || index === 1; index += 1) {
    const subsection = designSubsection(plan, others, random, index);
    design.push(subsection);
    size += subsection.length + 2;
  }
  return `${[...head, ...design, ...tail].join('\n\n')}\n`;
}

export function renderExtraPage(plan: Plan, random: Random): string {
  const parts = [`# Design details of CEP #${plan.number}`, paragraph(random)];
  for (let index = 1; index <= random.int(2, 5); index += 1) {
    parts.push(
      `## ${random.pick(['Data model', 'Failure modes', 'Migration', 'Metrics', 'Security'])} ${index}`,
      paragraph(random),
      random.chance(0.5) ? codeBlock(random, plan.number) : table(random),
    );
  }
  parts.push(`Back to [the proposal](cep.md).`);
  return `${parts.join('\n\n')}\n`;
}
