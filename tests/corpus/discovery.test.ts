// Which files the catalogue reads: symlinks are followed only inside the content folder, folders
// that look like proposals are never skipped without a word, and one release has one schedule.
// Symlinks are made here, at test time, so the fixture's intent is plain.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/lib/cep/corpus.ts';
import { formatDiagnostic } from '../../src/lib/cep/diagnostics.ts';
import { readCatalogueConfig } from '../../src/lib/config.ts';
import { filledSections, writeTree } from '../cep/helpers.ts';

const cep = (number: number, body = '') =>
  `---\ntitle: CEP ${number}\ncep-number: ${number}\nstatus: provisional\n---\n\n# CEP #${number}: CEP ${number}\n\n${filledSections()}\n${body}\n`;

function catalogue(files: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const root = writeTree(files);
  const config = readCatalogueConfig({ CEP_CONTENT_DIR: `${root}/ceps`, CEP_RELEASES_DIR: `${root}/releases`, ...env }, root);
  const read = () => readCorpus(config, root);
  const findings = () => read().diagnostics.map(formatDiagnostic);
  return { root, config, read, findings };
}

describe('files stay inside the content folder', () => {
  it('a symlinked document, folder or extra page leading out is an error naming the file, and is not read', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'cep-outside-'));
    writeFileSync(path.join(outside, 'environ.md'), 'GITHUB_TOKEN=secret\n');
    mkdirSync(path.join(outside, '4300-evil'));
    writeFileSync(path.join(outside, '4300-evil/cep.md'), cep(4300));
    const { root, read, findings } = catalogue({ 'ceps/4101-a/cep.md': cep(4101), 'ceps/4102-b/README.md': 'x' });
    symlinkSync(path.join(outside, 'environ.md'), path.join(root, 'ceps/4101-a/notes.md'));
    symlinkSync(path.join(outside, '4300-evil'), path.join(root, 'ceps/4300-evil'));
    symlinkSync(path.join(outside, '4300-evil/cep.md'), path.join(root, 'ceps/4102-b/cep.md'));

    const corpus = read();
    expect(corpus.ceps.map((record) => record.number)).toEqual([4101]);
    expect(corpus.extraPages).toEqual([]);
    const lines = findings();
    expect(lines).toContain(
      `ceps/4101-a/notes.md:1:1  error  is a symbolic link to ${path.join(outside, 'environ.md')}, outside the content folder; only files inside it are published (file-outside-content)`,
    );
    expect(lines).toContain(
      `ceps/4300-evil:1:1  error  is a symbolic link to ${path.join(outside, '4300-evil')}, outside the content folder; only files inside it are published (file-outside-content)`,
    );
    expect(lines).toContain(
      `ceps/4102-b/cep.md:1:1  error  is a symbolic link to ${path.join(outside, '4300-evil/cep.md')}, outside the content folder; only files inside it are published (file-outside-content)`,
    );
  });

  it('broken and looping symlinks are errors; a symlink to a file inside the folder is read like the file', () => {
    const { root, read, findings } = catalogue({ 'ceps/4101-a/cep.md': cep(4101), 'ceps/shared/design.md': '# Design\n' });
    symlinkSync(path.join(root, 'ceps/4101-a/gone.md'), path.join(root, 'ceps/4101-a/broken.md'));
    symlinkSync(path.join(root, 'ceps/4101-a/loop-b.md'), path.join(root, 'ceps/4101-a/loop-a.md'));
    symlinkSync(path.join(root, 'ceps/4101-a/loop-a.md'), path.join(root, 'ceps/4101-a/loop-b.md'));
    symlinkSync('../shared/design.md', path.join(root, 'ceps/4101-a/design.md'));

    expect(read().extraPages).toEqual(['4101-a/design.md']);
    const lines = findings();
    expect(lines).toContain('ceps/4101-a/broken.md:1:1  error  is a symbolic link to nothing (broken) (symlink-broken)');
    expect(lines).toContain('ceps/4101-a/loop-a.md:1:1  error  is a symbolic link that loops (symlink-broken)');
    expect(lines).toContain('ceps/4101-a/loop-b.md:1:1  error  is a symbolic link that loops (symlink-broken)');
  });

  it('a document that is not a regular file (a named pipe) is an error, not a hang', () => {
    const { root, findings } = catalogue({ 'ceps/4101-a/cep.md': cep(4101), 'ceps/4102-b/.keep': '' });
    execFileSync('mkfifo', [path.join(root, 'ceps/4102-b/cep.md')]);
    expect(findings()).toContain(
      'ceps/4102-b/cep.md:1:1  error  is not a regular file; proposals and pages must be plain files (file-not-regular)',
    );
  });

  it('an image must stay in its proposal folder or the shared assets folder', () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'cep-outside-'));
    writeFileSync(path.join(outside, 'x.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const { root, findings } = catalogue({
      'ceps/4101-a/cep.md': cep(4101, `![own](diagram.png)\n\n![shared](../assets/logo.png)\n\n![other](../4102-b/b.png)\n`),
      'ceps/4101-a/diagram.png': 'png',
      'ceps/assets/logo.png': 'png',
      'ceps/4102-b/cep.md': cep(4102),
      'ceps/4102-b/b.png': 'png',
    });
    // `../../../../tmp/cep-outside-…/x.svg`: as many steps up as it takes to leave the content folder.
    const deep = path.relative(path.join(root, 'ceps/4101-a'), path.join(outside, 'x.svg'));
    writeFileSync(path.join(root, 'ceps/4102-b/cep.md'), cep(4102, `![x](${deep})\n`));
    const lines = findings().filter((line) => line.includes('(image-outside)'));
    expect(lines).toEqual([
      expect.stringMatching(
        /^ceps\/4101-a\/cep\.md:\d+:1  error  image "\.\.\/4102-b\/b\.png" resolves to ceps\/4102-b\/b\.png, outside this proposal's folder and the shared ceps\/assets\/ folder; images are published only from there \(image-outside\)$/,
      ),
      expect.stringMatching(
        new RegExp(
          `^ceps/4102-b/cep\\.md:\\d+:1  error  image "${deep.replace(/[.]/g, '\\.')}" resolves to ${path.join(outside, 'x.svg').replace(/[.]/g, '\\.')}, outside`,
        ),
      ),
    ]);
  });
});

describe('nothing dropped silently', () => {
  it('a proposal folder without its document is a warning naming the folder and the file it expected, with a hint', () => {
    const { findings, read } = catalogue({
      'ceps/4101-a/cep.md': cep(4101),
      'ceps/4200-upper/CEP.md': cep(4200),
      'ceps/4201-readme/README.md': cep(4201),
      'ceps/4202-vep/vep.md': cep(4202),
      'ceps/4203-empty/diagram.png': 'png',
      'ceps/assets/logo.png': 'png',
    });
    expect(read().ceps.map((record) => record.number)).toEqual([4101]);
    expect(findings()).toEqual([
      'ceps/4200-upper:1:1  warning  folder 4200-upper/ looks like a proposal but has no cep.md or cep.mdx, so it is not published; found CEP.md: rename it to cep.md if it is the proposal (document-missing)',
      'ceps/4201-readme:1:1  warning  folder 4201-readme/ looks like a proposal but has no cep.md or cep.mdx, so it is not published; found README.md: rename it to cep.md if it is the proposal (document-missing)',
      'ceps/4202-vep:1:1  warning  folder 4202-vep/ looks like a proposal but has no cep.md or cep.mdx, so it is not published; found vep.md: rename it to cep.md if it is the proposal (document-missing)',
      'ceps/4203-empty:1:1  warning  folder 4203-empty/ looks like a proposal but has no cep.md or cep.mdx, so it is not published (document-missing)',
    ]);
  });

  it('in VEP mode, proposal folders sit below a SIG folder', () => {
    const vep = (number: number) => cep(number).replace(/CEP/g, 'VEP').replace('cep-number', 'vep-number');
    const { findings } = catalogue(
      {
        'ceps/sig-compute/25-backup/vep.md': vep(25),
        'ceps/sig-compute/26-typo/VEP.md': vep(26),
        'ceps/sig-compute/README.md': '# SIG compute\n',
      },
      { CATALOGUE_KIND: 'vep' },
    );
    expect(findings().filter((line) => line.includes('document-missing'))).toEqual([
      'ceps/sig-compute/26-typo:1:1  warning  folder sig-compute/26-typo/ looks like a proposal but has no vep.md or vep.mdx, so it is not published; found VEP.md: rename it to vep.md if it is the proposal (document-missing)',
    ]);
  });

  it('two schedules for one release are an error naming both files', () => {
    const row = '- when: 2026/10/14\n  milestone: KubeVirt Alpha 0\n  who: KubeVirt\n  what: Tag v1.10.0-alpha.0\n';
    const { findings, read } = catalogue({
      'ceps/4101-a/cep.md': cep(4101),
      'releases/v1.10/schedule.yaml': row,
      'releases/1.10.0/schedule.yaml': row,
      'releases/v1.11/schedule.yaml': row,
      'releases/v1.11/schedule.yml': row,
    });
    expect(findings().filter((line) => line.includes('(schedule-duplicate)'))).toEqual([
      'releases/1.10.0/schedule.yaml:1:1  error  two schedules for v1.10: releases/1.10.0/schedule.yaml and releases/v1.10/schedule.yaml; keep one of them (schedule-duplicate)',
      'releases/v1.10/schedule.yaml:1:1  error  two schedules for v1.10: releases/1.10.0/schedule.yaml and releases/v1.10/schedule.yaml; keep one of them (schedule-duplicate)',
      'releases/v1.11/schedule.yaml:1:1  error  two schedules for v1.11: releases/v1.11/schedule.yaml and releases/v1.11/schedule.yml; keep one of them (schedule-duplicate)',
      'releases/v1.11/schedule.yml:1:1  error  two schedules for v1.11: releases/v1.11/schedule.yaml and releases/v1.11/schedule.yml; keep one of them (schedule-duplicate)',
    ]);
    expect(read().releases.map((release) => release.version)).toEqual(['v1.10', 'v1.11']);
  });

  it('a content folder that does not exist is one error', () => {
    const { findings } = catalogue({}, {});
    expect(findings()).toEqual([
      'ceps:1:1  error  the content folder ceps does not exist or is not a folder (set CEP_CONTENT_DIR or --content-dir) (content-folder-missing)',
    ]);
  });
});
