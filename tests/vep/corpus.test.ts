import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/lib/cep/diagnostics.ts';
import { fixturesDir, readVepCorpus } from './helpers.ts';

const { config, corpus } = readVepCorpus();
const record = (number: number) => corpus.ceps.find((candidate) => candidate.number === number);

describe('the VEP test corpus, read with CATALOGUE_KIND=vep', () => {
  it('finds every vep.md two folders down, and a sub-proposal nested in its parent folder', () => {
    expect(corpus.documents.map((document) => document.relativePath)).toEqual([
      'meta-VEPs/108-review-rotation/vep.md',
      'sig-compute/101-guest-clock-drift-report/vep.md',
      'sig-compute/104_serial-console-logging/vep.md',
      'sig-compute/105-vcpu-hotplug-limits/vep.md',
      'sig-compute/109-pci-topology-hints/vep.md',
      'sig-network/102-bridge-mtu-hints/vep.md',
      'sig-network/106-egress-shaping/vep.md',
      'sig-network/110-interface-aliases/vep.md',
      'sig-observability/guest-load-metrics/vep.md',
      'sig-storage/0103-snapshot-retention-windows/113-retention-dry-run/vep.md',
      'sig-storage/0103-snapshot-retention-windows/vep.md',
      'sig-storage/107-volume-label-sync/vep.md',
    ]);
    expect(corpus.ceps.map((cep) => cep.number)).toEqual([101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 112, 113]);
  });

  it('lists the markdown files beside a vep.md as extra pages, not as proposals', () => {
    expect(corpus.extraPages).toEqual([
      'sig-compute/109-pci-topology-hints/benchmarks.md',
      'sig-compute/109-pci-topology-hints/design-details.md',
    ]);
  });

  it('reports only what cannot be read, as warnings, at the line that says it', () => {
    expect(corpus.diagnostics.map(formatDiagnostic)).toEqual([
      'meta-VEPs/108-review-rotation/vep.md:11:1  warning  required section "## Design" is missing (section-missing)',
      'meta-VEPs/108-review-rotation/vep.md:11:1  warning  required section "## Graduation Requirements" is missing (section-missing)',
      'sig-network/106-egress-shaping/vep.md:15:1  warning  stable is targeted at v1.11 (line 9), v1.12 (line 15); keep one line per stage (target-conflict)',
      'sig-storage/107-volume-label-sync/vep.md:8:1  warning  cannot read the beta target release "after the storage rework lands"; write it as vX.Y or TBD (release-unreadable)',
    ]);
  });

  it('reads the template form completely: number and title from the H1, v1.10.0 as v1.10, a blank GA as unset', () => {
    expect(record(101)).toEqual({
      number: 101,
      slug: '101-guest-clock-drift-report',
      title: 'Report guest clock drift',
      targets: { alpha: 'v1.9', beta: 'v1.10' },
      targetRelease: 'v1.10',
      authors: [],
      owningSig: 'sig-compute',
      participatingSigs: [],
      reviewers: [],
      approvers: [],
      trackingIssue: { repository: 'kubevirt/enhancements', number: 101, url: 'https://github.com/kubevirt/enhancements/issues/101' },
      replaces: [],
      exceptions: [],
      checklist: [
        {
          text: 'Enhancement issue created, which links to VEP dir in [kubevirt/enhancements] (not the initial VEP PR)',
          checked: true,
          required: true,
        },
        { text: 'Alpha target version is explicitly mentioned and approved', checked: true, required: true },
        { text: 'Beta target version is explicitly mentioned and approved', checked: false, required: true },
        { text: 'GA target version is explicitly mentioned and approved', checked: false, required: true },
      ],
      summary: "Expose how far a guest's clock has drifted from the host, so that operators can spot broken time sync.",
      form: 'template',
      sourcePath: 'sig-compute/101-guest-clock-drift-report/vep.md',
    });
  });

  it('takes the owning SIG from the top folder, and "meta" for meta-VEPs', () => {
    expect(Object.fromEntries(corpus.ceps.map((cep) => [cep.number, cep.owningSig]))).toEqual({
      101: 'sig-compute',
      102: 'sig-network',
      103: 'sig-storage',
      104: 'sig-compute',
      105: 'sig-compute',
      106: 'sig-network',
      107: 'sig-storage',
      108: 'meta',
      109: 'sig-compute',
      110: 'sig-network',
      112: 'sig-observability',
      113: 'sig-storage',
    });
  });

  it('reads every way a version is written, and leaves unset what says no version', () => {
    expect(Object.fromEntries(corpus.ceps.map((cep) => [cep.number, cep.targets]))).toEqual({
      // 1.8 / v1.9. / TBD
      102: { alpha: 'v1.8', beta: 'v1.9' },
      // N/A (...) / blank / v1.11
      103: { stable: 'v1.11' },
      // **alpha** ... **v1.9**, _beta_ ... `v1.10`
      104: { alpha: 'v1.9', beta: 'v1.10' },
      // struck-through lines and values are ignored; "targeted alpha2" is history; "TBD (maybe v1.12)" is TBD
      105: { alpha: 'v1.8', beta: 'v1.10' },
      // two blocks: a blank line does not undo the other block's release; two releases for GA are a conflict
      106: { alpha: 'v1.8', beta: 'v1.10' },
      // "- Alpha: v1.9"; a version inside an HTML comment is not a target
      107: { alpha: 'v1.9' },
      101: { alpha: 'v1.9', beta: 'v1.10' },
      108: {},
      109: { alpha: 'v1.10' },
      110: { alpha: 'v1.9' },
      112: { alpha: 'v1.10' },
      113: { alpha: 'v1.10' },
    });
    // "Ship target version: v1.10" is a stage-less target: the release, not gated by a stage.
    const volumeLabelSync = corpus.ceps.find((cep) => cep.number === 107);
    expect(volumeLabelSync?.ungatedTarget).toBe('v1.10');
    expect(volumeLabelSync?.targetRelease).toBe('v1.10');
  });

  it('takes the number from the folder when the H1 has none (also after an underscore), and from the H1 when the folder has none', () => {
    expect(record(104)).toMatchObject({ number: 104, slug: '104_serial-console-logging', title: 'Serial console logging for guests' });
    expect(record(112)).toMatchObject({ number: 112, slug: 'guest-load-metrics', title: 'Guest load metrics' });
    expect(record(103)).toMatchObject({ number: 103, slug: '0103-snapshot-retention-windows', title: 'Snapshot retention windows' });
    expect(record(108)?.title).toBe('Review rotation for proposals');
  });

  it('reads signoff checklists at H2 or H3, including items grouped under deeper headings', () => {
    expect(record(102)?.checklist.map((item) => [item.text, item.checked])).toEqual([
      ['Enhancement issue created', true],
      ['Alpha target version is explicitly mentioned and approved', true],
      ['Beta target version is explicitly mentioned and approved', false],
    ]);
    expect(record(109)?.checklist.map((item) => item.checked)).toEqual([true, false]);
    // The graduation checkboxes further down are not signoff items.
    expect(record(105)?.checklist).toEqual([]);
  });

  it('reads the front matter form with vep-number, a quoted "1.9", "TBD" and empty replaces', () => {
    expect(record(110)).toMatchObject({
      number: 110,
      title: 'Interface aliases',
      status: 'implementable',
      owningSig: 'sig-network',
      participatingSigs: ['sig-compute'],
      authors: ['@example-author'],
      creationDate: '2025-11-03',
      targets: { alpha: 'v1.9' },
      replaces: [],
      form: 'front-matter',
    });
    expect(record(110)?.supersededBy).toBeUndefined();
  });

  it('is configured by CATALOGUE_KIND=vep alone', () => {
    expect(config.contentDir).toBe(fixturesDir);
    expect(config.kind).toMatchObject({
      id: 'vep',
      prefix: 'VEP',
      documentNames: ['vep.md', 'vep.mdx'],
      trackingRepository: 'kubevirt/enhancements',
      siteTitle: 'KubeVirt Enhancement Proposals',
    });
    expect(config.sourceUrl).toBe('https://github.com/kubevirt/enhancements/blob/main/veps');
  });
});
