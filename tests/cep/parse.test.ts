import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import { formatDiagnostic } from '../../src/lib/cep/diagnostics.ts';
import { filledSections, parse, rules } from './helpers.ts';

const reference = (file: string) => readFileSync(new URL(`../fixtures/reference/${file}`, import.meta.url), 'utf8');

const frontMatterCep = `---
title: Voting arm64 lanes
cep-number: 4101
creation-date: "2025-09-01"
last-updated: "2026-11-28"
status: implementable
stage: alpha
authors: ["@mara-ci"]
participating-sigs: [sig-compute]
reviewers: ["@okafor-e"]
approvers: ["@pnavarro"]
tracking-issue: https://github.com/kubevirt/project-infra/issues/4101
milestone:
  alpha: v1.9
  beta: 1.10
  stable: TBD
exceptions:
  - release: v1.10
    state: requested
    link: https://groups.google.com/g/kubevirt-dev/c/abc
    requested: "2026-11-26"
---

# CEP #4101: Voting arm64 lanes

## Release Signoff Checklist

- [x] (R) Enhancement issue created
- [ ] (R) Target version is explicitly mentioned and approved

${filledSections()}
`;

describe('front matter form', () => {
  const result = parse(frontMatterCep);

  it('reads every field into the record', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.record).toMatchObject({
      number: 4101,
      slug: '4101-arm64-lanes',
      title: 'Voting arm64 lanes',
      status: 'implementable',
      stage: 'alpha',
      owningSig: 'sig-ci',
      participatingSigs: ['sig-compute'],
      authors: ['@mara-ci'],
      creationDate: '2025-09-01',
      lastUpdated: '2026-11-28',
      trackingIssue: { repository: 'kubevirt/project-infra', number: 4101, url: 'https://github.com/kubevirt/project-infra/issues/4101' },
      exceptions: [
        { release: 'v1.10', state: 'requested', link: 'https://groups.google.com/g/kubevirt-dev/c/abc', requested: '2026-11-26' },
      ],
      form: 'front-matter',
      summary: 'Run the arm64 lanes on every pull request.',
    });
  });

  it('reads `beta: 1.10` as v1.10, not the YAML number 1.1', () => {
    expect(result.record?.targets).toEqual({ alpha: 'v1.9', beta: 'v1.10' });
    expect(result.record?.targetRelease).toBe('v1.10');
  });

  it('reads the signoff checklist', () => {
    expect(result.record?.checklist).toEqual([
      { text: 'Enhancement issue created', checked: true, required: true },
      { text: 'Target version is explicitly mentioned and approved', checked: false, required: true },
    ]);
  });

  it('takes the tracking issue number from a bare number, a quoted number or a URL in another repository', () => {
    const withNumber = parse(frontMatterCep.replace(/tracking-issue: .*/, 'tracking-issue: 4102'));
    expect(withNumber.record?.trackingIssue.number).toBe(4102);
    const quoted = parse(frontMatterCep.replace(/tracking-issue: .*/, 'tracking-issue: "4103"'));
    expect(quoted.record?.trackingIssue.number).toBe(4103);
    const elsewhere = parse(frontMatterCep.replace(/tracking-issue: .*/, 'tracking-issue: https://github.com/kubevirt/kubevirt/issues/9'));
    expect(elsewhere.record?.trackingIssue).toMatchObject({ repository: 'kubevirt/kubevirt', number: 9 });
  });

  it('says when the front matter and the body disagree on the number, the title and a target', () => {
    const disagreeing = parse(
      frontMatterCep.replace(
        '# CEP #4101: Voting arm64 lanes',
        '# CEP #4111: Voting ARM lanes\n\n- This CEP targets alpha for version: v1.8',
      ),
    );
    const messages = disagreeing.diagnostics.map(formatDiagnostic);
    expect(messages).toContain(
      'content/ceps/4101-arm64-lanes/cep.md:24:1  error  H1 says CEP 4111 but front matter "cep-number" says 4101 (number-mismatch)',
    );
    expect(messages).toContain(
      'content/ceps/4101-arm64-lanes/cep.md:24:1  warning  H1 title "Voting ARM lanes" differs from front matter title "Voting arm64 lanes" (title-mismatch)',
    );
    expect(messages).toContain(
      'content/ceps/4101-arm64-lanes/cep.md:26:1  warning  body targets alpha for v1.8 but front matter milestone.alpha says v1.9 (target-mismatch)',
    );
  });

  it('says when the folder number disagrees', () => {
    const result = parse(frontMatterCep, '4999-arm64-lanes/cep.md');
    expect(result.diagnostics.map(formatDiagnostic)).toContain(
      'content/ceps/4999-arm64-lanes/cep.md:1:1  error  folder name says CEP 4999 but front matter "cep-number" says 4101 (number-mismatch)',
    );
  });
});

describe('template form (no front matter), as the real template is written', () => {
  const templateCep = `# CEP #4233: Shard presubmit lanes

## CEP Status Metadata

### Target releases

- This CEP targets alpha for version: v1.9
- ~This CEP targets beta for version: v1.9~
- This CEP targets beta for version: v1.10.
- This CEP targets GA for version: TBD

## Release Signoff Checklist

- [x] (R) Enhancement issue created
- [X] (R) Target version is explicitly mentioned and approved
- [] (R) Graduation criteria filled
- [ ] Docs written

${filledSections()}
`;
  const result = parse(templateCep, '4233-presubmit-sharding/cep.md');

  it('takes number and title from the H1 and targets from the "targets <stage> for version" lines', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.record).toMatchObject({
      number: 4233,
      title: 'Shard presubmit lanes',
      targets: { alpha: 'v1.9', beta: 'v1.10' },
      targetRelease: 'v1.10',
      form: 'template',
      owningSig: 'sig-ci',
    });
    expect(result.record?.status).toBeUndefined();
  });

  it('ignores struck-through target lines', () => {
    expect(result.record?.targets.beta).toBe('v1.10');
  });

  it('reads checkboxes written [x], [X], [] and [ ]', () => {
    expect(result.record?.checklist.map((item) => [item.checked, item.required])).toEqual([
      [true, true],
      [true, true],
      [false, true],
      [false, false],
    ]);
  });

  it.each([
    ['# CEP 4233: Shard presubmit lanes', 4233, 'Shard presubmit lanes'],
    ['# CEP #04233: Shard presubmit lanes', 4233, 'Shard presubmit lanes'],
    ['# Shard presubmit lanes', 4233, 'Shard presubmit lanes'],
  ])('reads the H1 variant %j', (h1, number, title) => {
    const variant = parse(templateCep.replace('# CEP #4233: Shard presubmit lanes', h1), '4233-presubmit-sharding/cep.md');
    expect(variant.record).toMatchObject({ number, title });
    expect(rules(variant)).toEqual([]);
  });

  it('takes the number from the folder name when the H1 has none', () => {
    const noNumber = parse(templateCep.replace('# CEP #4233: ', '# '), '4421-periodic-job-ownership/cep.md');
    expect(noNumber.record?.number).toBe(4421);
  });

  it('does not take example lines inside code blocks for metadata', () => {
    const fenced = parse(
      templateCep.replace('## Design', '## Design\n\n```markdown\n- This CEP targets alpha for version: v1.2\n```'),
      '4233-presubmit-sharding/cep.md',
    );
    expect(fenced.record?.targets.alpha).toBe('v1.9');
  });
});

describe('the real reference documents', () => {
  it('the CEP template parses and is told which sections still hold only guidance', () => {
    const result = parse(reference('project-infra/cep-template.md'), '0000-cep-template/cep.md');
    expect(result.record?.title).toBe('Your short, descriptive title');
    expect(result.record?.checklist).toHaveLength(3);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.rule === 'section-empty').map((diagnostic) => diagnostic.message)).toEqual([
      'section "## Overview" holds only the template\'s guidance; fill it in',
      'section "## Motivation" holds only the template\'s guidance; fill it in',
      'section "## Goals" holds only the template\'s guidance; fill it in',
      'section "## Design" holds only the template\'s guidance; fill it in',
      'section "## Graduation Requirements" holds only the template\'s guidance; fill it in',
    ]);
  });

  it('VEP 307 front matter (vep-number, "TBD" alpha milestone, empty replaces) reads as a VEP', () => {
    const result = parse(
      reference('enhancements/vep-307-with-front-matter.md'),
      'sig-network/307-vhostuser-binding-plugin/vep.md',
      catalogueKinds.vep,
    );
    expect(result.record).toMatchObject({ number: 307, status: 'deferred', owningSig: 'sig-network', targets: {}, replaces: [] });
    expect(rules(result).filter((rule) => rule.startsWith('front-matter'))).toEqual([]);
  });

  it('VEP 10 prose metadata: "targeted alpha2" history is superseded, "targets beta" and GA "TBD" are read', () => {
    const result = parse(reference('enhancements/vep-10-status-metadata.md'), 'sig-compute/10-dra-devices/vep.md', catalogueKinds.vep);
    expect(result.record).toMatchObject({ number: 10, owningSig: 'sig-compute', targets: { alpha: 'v1.8', beta: 'v1.9' } });
    expect(result.record?.checklist.map((item) => item.checked)).toEqual([true, true, false, false]);
  });
});

describe('bad input gets a clear finding naming file, line and field, never a crash', () => {
  const withFrontMatter = (yaml: string) => `---\n${yaml}\n---\n\n# CEP #4101: Title\n\n${filledSections()}`;

  it('unparsable YAML', () => {
    const result = parse(withFrontMatter('title: Voting\nstatus: [implementable'));
    expect(result.record).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(formatDiagnostic(result.diagnostics[0]!)).toMatch(
      /^content\/ceps\/4101-arm64-lanes\/cep\.md:\d+:\d+  error  front matter is not valid YAML: .+ \(front-matter-yaml\)$/,
    );
  });

  it('front matter that is never closed', () => {
    expect(rules(parse('---\ntitle: x\n\n# CEP #4101: Title\n'))).toEqual(['front-matter-yaml']);
  });

  it('an unknown status, with the allowed values', () => {
    const result = parse(withFrontMatter('title: Title\nstatus: accepted'));
    expect(result.diagnostics.map(formatDiagnostic)).toContain(
      'content/ceps/4101-arm64-lanes/cep.md:3:1  error  status: "accepted" is not one of "provisional", "implementable", "implemented", "deferred", "rejected", "withdrawn", "replaced" (front-matter-schema)',
    );
  });

  it('wrong types, located at the field', () => {
    const result = parse(
      withFrontMatter('title: Title\nstatus: provisional\nauthors: "@mara"\ncreation-date: 12/01/2025\nmilestone:\n  alpha: [v1.9]'),
    );
    const messages = result.diagnostics.map(formatDiagnostic);
    expect(messages).toEqual([
      expect.stringMatching(
        /^content\/ceps\/4101-arm64-lanes\/cep\.md:4:1  error  authors: expected array, received string .*\(front-matter-schema\)$/,
      ),
      expect.stringMatching(/^content\/ceps\/4101-arm64-lanes\/cep\.md:5:1  error  creation-date: .*\(front-matter-schema\)$/),
      expect.stringMatching(/^content\/ceps\/4101-arm64-lanes\/cep\.md:7:3  error  milestone\.alpha: .*\(front-matter-schema\)$/),
    ]);
  });

  it('an empty file', () => {
    expect(parse('').diagnostics.map(formatDiagnostic)).toEqual([
      'content/ceps/4101-arm64-lanes/cep.md:1:1  error  file is empty; start from the template (npm run new) (empty-file)',
    ]);
  });

  it('a binary file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(parse(png).diagnostics.map(formatDiagnostic)).toEqual([
      'content/ceps/4101-arm64-lanes/cep.md:1:1  error  file is not UTF-8 text; a proposal must be a markdown document (binary-file)',
    ]);
  });

  it('a missing H1', () => {
    const result = parse(`Some text\n\n${filledSections()}`);
    expect(result.diagnostics.map(formatDiagnostic)).toContain(
      'content/ceps/4101-arm64-lanes/cep.md:1:1  error  no H1 heading; the document must start with "# CEP #<number>: <title>" (missing-h1)',
    );
    expect(result.record?.number).toBe(4101);
  });

  it('a missing required section', () => {
    const result = parse(`# CEP #4101: Title\n\n## Overview\n\nText.\n`);
    expect(
      result.diagnostics.filter((diagnostic) => diagnostic.rule === 'section-missing').map((diagnostic) => diagnostic.message),
    ).toEqual([
      'required section "## Motivation" is missing',
      'required section "## Goals" is missing',
      'required section "## Design" is missing',
      'required section "## Graduation Requirements" is missing',
    ]);
  });

  it('an unreadable target release is a warning and no target, not a wrong value', () => {
    const result = parse(`# CEP #4101: Title\n\n- This CEP targets beta for version: next spring\n\n${filledSections()}`);
    expect(result.record?.targets).toEqual({});
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'content/ceps/4101-arm64-lanes/cep.md:3:1  warning  cannot read the beta target release "next spring"; write it as vX.Y or TBD (release-unreadable)',
    ]);
  });
});
