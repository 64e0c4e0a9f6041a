import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueKinds, owningSigOfFolder, readCatalogueKind } from '../../src/lib/cep/catalogue-kind.ts';
import { formatDiagnostic } from '../../src/lib/cep/diagnostics.ts';
import { readProposalHeading } from '../../src/lib/cep/markdown.ts';
import { parseCepSource, readFolder } from '../../src/lib/cep/parse.ts';
import { parseVep } from './helpers.ts';

const reference = (file: string) => readFileSync(new URL(`../fixtures/reference/enhancements/${file}`, import.meta.url), 'utf8');
const messages = (result: { diagnostics: Parameters<typeof formatDiagnostic>[0][] }) => result.diagnostics.map(formatDiagnostic);

const sections = [
  '## Overview',
  'Pin the emulator thread to a spare core.',
  '## Motivation',
  'Noisy emulator threads disturb latency-sensitive guests.',
  '## Goals',
  '- Opt-in pinning',
  '## Design',
  'A new field on the CPU spec.',
  '## Graduation Requirements',
  '### Alpha',
  '- [ ] behind a feature gate',
].join('\n\n');

const withTargets = (targetLines: string, h1 = '# VEP #120: Emulator thread pinning') =>
  `${h1}\n\n## VEP Status Metadata\n\n### Target releases\n\n${targetLines}\n\n${sections}\n`;

describe('CATALOGUE_KIND=vep', () => {
  it('configures the VEP process from the variable alone', () => {
    const kind = readCatalogueKind({ CATALOGUE_KIND: 'VEP ' });
    expect(kind).toBe(catalogueKinds.vep);
    expect(kind).toMatchObject({
      prefix: 'VEP',
      documentNames: ['vep.md', 'vep.mdx'],
      trackingRepository: 'kubevirt/enhancements',
      sourceRepository: 'kubevirt/enhancements',
      sourceFolder: 'veps',
      defaultOwningSig: null,
      siteTitle: 'KubeVirt Enhancement Proposals',
      sectionSeverity: 'warning',
      inconsistencySeverity: 'warning',
      linkSeverity: 'warning',
    });
    expect(catalogueKinds.cep).toMatchObject({ sectionSeverity: 'error', inconsistencySeverity: 'error', linkSeverity: 'error' });
    expect(() => readCatalogueKind({ CATALOGUE_KIND: 'kep' })).toThrow('CATALOGUE_KIND must be "cep" or "vep", not "kep"');
  });

  it('names the owning SIG after the top folder; meta-VEPs are owned by "meta"', () => {
    expect(owningSigOfFolder(catalogueKinds.vep, 'sig-compute')).toBe('sig-compute');
    expect(owningSigOfFolder(catalogueKinds.vep, 'meta-VEPs')).toBe('meta');
    expect(owningSigOfFolder(catalogueKinds.vep, undefined)).toBeUndefined();
  });

  it('reads number, slug and top folder from the path, also for a nested sub-proposal and an underscore', () => {
    expect(readFolder('sig-compute/10-dra-devices/vep.md')).toEqual({ slug: '10-dra-devices', number: 10, parent: 'sig-compute' });
    expect(readFolder('sig-compute/104_allow_disabling_feature_gates/vep.md')).toEqual({
      slug: '104_allow_disabling_feature_gates',
      number: 104,
      parent: 'sig-compute',
    });
    expect(readFolder('sig-storage/25-incremental-backup/399-multi-checkpoint/vep.md')).toEqual({
      slug: '399-multi-checkpoint',
      number: 399,
      parent: 'sig-storage',
    });
    expect(readFolder('sig-observability/gpu-metrics-via-vsock/vep.md')).toEqual({
      slug: 'gpu-metrics-via-vsock',
      parent: 'sig-observability',
    });
    expect(readFolder('4101-arm64-lanes/cep.md')).toEqual({ slug: '4101-arm64-lanes', number: 4101 });
  });
});

describe('H1 variants', () => {
  it.each([
    ['VEP 104: Allow disabling feature gates', { number: 104, title: 'Allow disabling feature gates' }],
    ['VEP #0171: Cold reboot of the guest', { number: 171, title: 'Cold reboot of the guest' }],
    ['VEP-45 - In-place hotplug', { number: 45, title: 'In-place hotplug' }],
    ['[VEP #7] Bracketed number', { number: 7, title: 'Bracketed number' }],
    ['VEP #NNNN: Your short, descriptive title', { title: 'Your short, descriptive title' }],
    ['VEP: A title without a number', { title: 'A title without a number' }],
    ['VEP #Decentralized live migration', { title: 'Decentralized live migration' }],
    ['VEPs and how to write them', { title: 'VEPs and how to write them' }],
    ['Just a title', { title: 'Just a title' }],
  ])('%j', (text, expected) => {
    expect(readProposalHeading(text, 'VEP')).toEqual(expected);
  });
});

describe('target lines', () => {
  it.each([
    ['v1.9', 'v1.9'],
    ['v1.9.0', 'v1.9'],
    ['1.9', 'v1.9'],
    ['v1.9.', 'v1.9'],
    ['**v1.9**', 'v1.9'],
    ['KubeVirt v1.10', 'v1.10'],
    ['v1.6 (VMI-status based design)', 'v1.6'],
    ['~~v1.8~~ v1.9', 'v1.9'],
  ])('"%s" is %s', (written, release) => {
    const result = parseVep(withTargets(`- This VEP targets beta for version: ${written}`));
    expect(result.record?.targets).toEqual({ beta: release });
    expect(messages(result)).toEqual([]);
  });

  it.each(['TBD', 'N/A (no feature gate)', '', 'TBD (maybe v1.12)', '<!-- for example v1.12 -->', '~v1.8~', 'none'])(
    '"%s" is unset, without a warning',
    (written) => {
      const result = parseVep(withTargets(`- This VEP targets beta for version: ${written}`));
      expect(result.record?.targets).toEqual({});
      expect(messages(result)).toEqual([]);
    },
  );

  it('a value that opens with words is a warning, not a version taken from further on', () => {
    const result = parseVep(withTargets('- This VEP targets beta for version: after v1.10 ships'));
    expect(result.record?.targets).toEqual({});
    expect(messages(result)).toEqual([
      'sig-compute/120-example/vep.md:7:1  warning  cannot read the beta target release "after v1.10 ships"; write it as vX.Y or TBD (release-unreadable)',
    ]);
  });

  it.each(['1.9.0, 1.10.0', 'v1.9 / v1.10', 'v1.10 or v1.9'])('a list of releases "%s" is the latest, with a warning', (written) => {
    const result = parseVep(withTargets(`- This VEP targets alpha for version: ${written}`));
    expect(result.record?.targets).toEqual({ alpha: 'v1.10' });
    expect(result.diagnostics.map((diagnostic) => diagnostic.rule)).toEqual(['release-several']);
  });

  it('the warning for a list of releases names them', () => {
    expect(messages(parseVep(withTargets('- This VEP targets alpha for version: 1.9.0, 1.10.0')))).toEqual([
      'sig-compute/120-example/vep.md:7:1  warning  the alpha target lists several releases (v1.9, v1.10); the latest, v1.10, is used: keep only the upcoming one (release-several)',
    ]);
  });

  it('struck-through lines are ignored whole, with one or two tildes', () => {
    const result = parseVep(
      withTargets(
        '- ~This VEP targets alpha for version: v1.7~\n- ~~This VEP targets alpha for version: v1.8~~\n- This VEP targets alpha for version: v1.9',
      ),
    );
    expect(result.record?.targets).toEqual({ alpha: 'v1.9' });
    expect(result.structure.targets.map((target) => target.line)).toEqual([9]);
  });

  it('"targeted alpha2" is history: the last one counts when no line says "targets"', () => {
    const result = parseVep(withTargets('- This VEP targeted alpha for version: v1.6\n- This VEP targeted alpha2 for version: v1.8'));
    expect(result.record?.targets).toEqual({ alpha: 'v1.8' });
    const superseded = parseVep(withTargets('- This VEP targeted alpha for version: v1.6\n- This VEP targets alpha for version: TBD'));
    expect(superseded.record?.targets).toEqual({});
  });

  it('a stage-less line ("Ship target version: v1.9") is the target release, not gated by a stage; prose in the block is no target', () => {
    const result = parseVep(
      withTargets(
        '- Ship target version: v1.9\n\nThe feature has no feature gate, so it has no graduation phases.\nIt ran in production for two releases (v1.7 through v1.8) before that.',
      ),
    );
    expect(result.record?.targets).toEqual({});
    expect(result.record?.ungatedTarget).toBe('v1.9');
    expect(result.record?.targetRelease).toBe('v1.9');
    expect(result.record?.stage).toBeUndefined();
    expect(messages(result)).toEqual([]);
  });

  it('the VEP template\'s own stage-less form "This VEP targets version: v1.9" is read too', () => {
    const result = parseVep(withTargets('- This VEP targets version: v1.9'));
    expect(result.record?.ungatedTarget).toBe('v1.9');
    expect(result.record?.targetRelease).toBe('v1.9');
  });

  it('a line in the block with a version it does not tie to a target is a warning on its line', () => {
    const result = parseVep(withTargets('- Planned for v1.9 maybe'));
    expect(result.record?.targetRelease).toBeUndefined();
    expect(messages(result)).toEqual([
      'sig-compute/120-example/vep.md:7:1  warning  cannot tell which stage "Planned for v1.9 maybe" targets; write "This VEP targets <alpha|beta|GA> for version: vX.Y" (or "This VEP targets version: vX.Y" for a feature without stages) (target-unreadable)',
    ]);
  });

  it('a target line with no version and no stage says nothing, so it is no warning', () => {
    const result = parseVep(withTargets('This VEP does not have graduation phases guarded by a feature gate.\n- Ship target version:'));
    expect(result.record?.targets).toEqual({});
    expect(messages(result)).toEqual([]);
  });

  it('a target for something other than a stage is a warning', () => {
    const result = parseVep(
      withTargets('- This VEP targets beta for version: v1.9\n- This VEP targets the topology extension for version: v1.10'),
    );
    expect(result.record?.targets).toEqual({ beta: 'v1.9' });
    expect(messages(result)).toEqual([
      'sig-compute/120-example/vep.md:8:1  warning  cannot tell which stage "This VEP targets the topology extension for version: v1.10" targets; write "This VEP targets <alpha|beta|GA> for version: vX.Y" (or "This VEP targets version: vX.Y" for a feature without stages) (target-unreadable)',
    ]);
  });

  it('the wrapped lines of a long target item are part of it, not lines of their own', () => {
    const result = parseVep(
      withTargets(
        '- This VEP targets alpha for version: N/A (the specification\n  lives out of tree and does not target a release\n  version.)',
      ),
    );
    expect(result.record?.targets).toEqual({});
    expect(messages(result)).toEqual([]);
  });

  it('stage lines ("- Beta: v1.10") are read inside a "Target releases" block only', () => {
    const inBlock = parseVep(withTargets('- Alpha: v1.9\n- Beta release: 1.10\n- GA: TBD'));
    expect(inBlock.record?.targets).toEqual({ alpha: 'v1.9', beta: 'v1.10' });
    const elsewhere = parseVep(`# VEP #120: Emulator thread pinning\n\n${sections}\n\n- Alpha: v1.2\n`);
    expect(elsewhere.record?.targets).toEqual({});
  });

  it('the signoff checklist lines that mention "target version" are not target lines', () => {
    const result = parseVep(reference('vep-template.md'), 'sig-compute/120-example/vep.md');
    expect(result.structure.unreadTargets).toEqual([]);
    expect(result.record?.checklist.map((item) => item.text)).toEqual([
      'Enhancement issue created, which links to VEP dir in [kubevirt/enhancements] (not the initial VEP PR)',
      'Alpha target version is explicitly mentioned and approved',
      'Beta target version is explicitly mentioned and approved',
      'GA target version is explicitly mentioned and approved',
    ]);
  });
});

describe('checkboxes and inconsistencies', () => {
  it('reads the tick marks authors use: [x], [X], [+], [✓] are ticked; [ ] and [] are not', () => {
    const checklist = ['- [x] one', '- [X] two', '- [+] three', '- [✓] four', '- [ ] five', '- [] six', '- ~[ ] (R) withdrawn~'].join('\n');
    const result = parseVep(withTargets('').replace('## Overview', `## Release Signoff Checklist\n\n${checklist}\n\n## Overview`));
    expect(result.record?.checklist.map((item) => [item.text, item.checked])).toEqual([
      ['one', true],
      ['two', true],
      ['three', true],
      ['four', true],
      ['five', false],
      ['six', false],
    ]);
  });

  it('an H1 number that disagrees with the folder is a warning for VEPs (an error for CEPs), and the H1 number is used', () => {
    const result = parseVep(withTargets('', '# VEP #326: Expose more cache modes'), 'sig-storage/327-cache-modes/vep.md');
    expect(result.record?.number).toBe(326);
    expect(messages(result)).toEqual([
      'sig-storage/327-cache-modes/vep.md:1:1  warning  folder name says VEP 327 but H1 says 326 (number-mismatch)',
    ]);
  });

  it('a document without an H1 is a warning for VEPs, and the folder gives number and title', () => {
    const result = parseVep(`## Overview\n\nNo title line at all.\n`, 'sig-network/130-no-heading/vep.md');
    expect(result.record).toMatchObject({ number: 130, title: 'No heading' });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.rule === 'missing-h1').map((diagnostic) => diagnostic.severity)).toEqual([
      'warning',
    ]);
  });
});

describe('documents that cannot be read fully', () => {
  it("the template's placeholder title is a warning, and the folder name gives the title", () => {
    const result = parseVep(
      withTargets('', '# VEP #NNNN: Your short, descriptive title'),
      'sig-compute/104_allow_disabling_feature_gates/vep.md',
    );
    expect(result.record).toMatchObject({ number: 104, title: 'Allow disabling feature gates' });
    expect(messages(result)).toEqual([
      'sig-compute/104_allow_disabling_feature_gates/vep.md:1:1  warning  the H1 still holds the template\'s title "Your short, descriptive title"; the folder name gives "Allow disabling feature gates" meanwhile (title-placeholder)',
    ]);
  });

  it('an H1 that is a section name is no title: a warning, and the folder name gives the title', () => {
    const result = parseVep(
      `# Overview\nRun secure guests on s390x.\n\n## VEP Status Metadata\n\n### Target releases\n\n- This VEP targets alpha for version: v1.6\n`,
      'sig-compute/19-ibm-z-secure-execution/vep.md',
    );
    expect(result.record).toMatchObject({ number: 19, title: 'Ibm z secure execution', targets: { alpha: 'v1.6' } });
    expect(messages(result).filter((message) => message.includes('title-missing'))).toEqual([
      'sig-compute/19-ibm-z-secure-execution/vep.md:1:1  warning  the H1 "Overview" is a section name, not a title; write "# VEP #<number>: <title>" (the folder name gives "Ibm z secure execution" meanwhile) (title-missing)',
    ]);
  });

  it('no number anywhere is an error and no record, never a guessed number', () => {
    const result = parseVep('# GPU metrics over vsock\n\n' + sections, 'sig-observability/gpu-metrics-via-vsock/vep.md');
    expect(result.record).toBeUndefined();
    expect(messages(result)).toEqual([
      'sig-observability/gpu-metrics-via-vsock/vep.md:1:1  error  no VEP number in the front matter, the H1 or the folder name ("<number>-<slug>") (number-missing)',
    ]);
  });

  it('Windows line endings read like Unix ones', () => {
    const result = parseVep(withTargets('- This VEP targets alpha for version: v1.9').replace(/\n/g, '\r\n'));
    expect(result.record).toMatchObject({ number: 120, title: 'Emulator thread pinning', targets: { alpha: 'v1.9' } });
    expect(messages(result)).toEqual([]);
  });

  it('a fence opened with an info string is closed only by a bare fence, as GitHub renders it', () => {
    // "```go" inside a block is content; the heading after the real closing fence is a heading.
    const body = withTargets('- This VEP targets alpha for version: v1.9').replace(
      '## Design',
      '```\nstray\n```go\n# not a heading\n```\n\n## Design',
    );
    const result = parseVep(body);
    expect(result.structure.headings.map((heading) => heading.text)).not.toContain('not a heading');
    expect(messages(result)).toEqual([]);
  });

  it('a fence opened inside a list item and never closed ends with the item, as GitHub renders it', () => {
    const body = withTargets('- This VEP targets alpha for version: v1.9').replace(
      '## Design',
      '- The status shows:\n  ```yaml\n  memoryOverhead: 512Mi\n\n## Design',
    );
    const result = parseVep(body);
    expect(result.structure.headings.map((heading) => heading.text)).toContain('Design');
    expect(messages(result)).toEqual([]);
  });

  it('section headings written "**Overview**", "Overview:" or "1. Overview" count, and a "Summary" gives the summary', () => {
    const decorated = withTargets('')
      .replace('## Overview', '## **Overview**')
      .replace('## Motivation', '## Motivation:')
      .replace('## Goals', '## 3. Goals');
    expect(messages(parseVep(decorated))).toEqual([]);
    const summary = parseVep(withTargets('').replace('## Overview', '## Summary'));
    expect(summary.record?.summary).toBe('Pin the emulator thread to a spare core.');
    expect(messages(summary)).toEqual([
      'sig-compute/120-example/vep.md:27:1  warning  required section "## Overview" is missing (section-missing)',
    ]);
  });

  it('"Feature lifecycle Phases", the earlier template\'s name, counts as "Graduation Requirements" for VEPs only', () => {
    const earlier = withTargets('').replace('## Graduation Requirements', '## Feature lifecycle Phases');
    expect(messages(parseVep(earlier))).toEqual([]);
    const cep = parseCepSource(earlier, {
      kind: catalogueKinds.cep,
      relativePath: '4101-example/cep.md',
      displayPath: '4101-example/cep.md',
    });
    expect(cep.diagnostics.filter((diagnostic) => diagnostic.rule === 'section-missing').map((diagnostic) => diagnostic.message)).toEqual([
      'required section "## Graduation Requirements" is missing',
    ]);
  });

  it.each([
    ['empty', ''],
    ['only front matter fences', '---\n---\n'],
    ['an unclosed comment', '# VEP 1: x\n<!-- never closed\n- This VEP targets alpha for version: v1.9'],
    ['an unclosed fence', '# VEP 1: x\n```\n- This VEP targets alpha for version: v1.9'],
    ['binary', new Uint8Array([0, 159, 146, 150])],
    ['headings only', '#\n##\n###\n# VEP\n# VEP #\n'],
    ['a target line with no value at all', '# VEP 1: x\n### Target releases\n- This VEP targets alpha for\n- Alpha:\n- : v1.2\n'],
  ])('%s input never throws', (_name, source) => {
    expect(() => parseVep(source)).not.toThrow();
  });

  it('an unclosed comment hides the target line after it', () => {
    const result = parseVep('# VEP 1: x\n<!-- never closed\n- This VEP targets alpha for version: v1.9', 'sig-compute/1-x/vep.md');
    expect(result.record?.targets).toEqual({});
  });
});

describe('the real VEP reference documents', () => {
  it('VEP 10: the fence with no opening line does not turn YAML comments into headings', () => {
    const result = parseVep(reference('vep-10-status-metadata.md'), 'sig-compute/10-dra-devices/vep.md');
    expect(result.record).toMatchObject({
      number: 10,
      owningSig: 'sig-compute',
      targets: { alpha: 'v1.8', beta: 'v1.9' },
      targetRelease: 'v1.9',
    });
    expect(result.structure.headings.filter((heading) => heading.depth === 1).map((heading) => heading.text)).toEqual([
      'VEP #10: Support GPUs with DRA in KubeVirt',
    ]);
    // Its "Feature Lifecycle Phases" section is the earlier template's "Graduation Requirements".
    expect(messages(result)).toEqual([]);
  });

  it('VEP 307: front matter, owning SIG from the field, "TBD" alpha', () => {
    const result = parseVep(reference('vep-307-with-front-matter.md'), 'sig-network/307-vhostuser-binding-plugin/vep.md');
    expect(messages(result)).toEqual([]);
    expect(result.record).toMatchObject({
      number: 307,
      status: 'deferred',
      owningSig: 'sig-network',
      targets: {},
      reviewers: ['@alicefr', '@ormergi'],
    });
  });

  it('the template itself has no number and only guidance, which the layout keeps out of the catalogue', () => {
    const result = parseVep(reference('vep-template.md'), 'NNNN-vep-template/vep.md');
    expect(result.record).toBeUndefined();
    expect(result.diagnostics.map((diagnostic) => `${diagnostic.severity} ${diagnostic.rule}`)).toEqual([
      'error number-missing',
      'warning section-empty',
      'warning section-empty',
      'warning section-empty',
      'warning section-empty',
      'warning section-empty',
    ]);
  });
});
