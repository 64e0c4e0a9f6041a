/**
 * True to the document: what the parser reads is what a reader of the rendered page sees, and what
 * it cannot read is a finding on its line, never a crash, a guess or a silent drop.
 */
import { describe, expect, it } from 'vitest';
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import { formatDiagnostic } from '../../src/lib/cep/diagnostics.ts';
import { readBodyStructure } from '../../src/lib/cep/markdown.ts';
import { linksOf, markdownLine, readMarkdown } from '../../src/lib/markdown/reader.ts';
import { filledSections, parse, rules } from './helpers.ts';

const file = 'content/ceps/4101-arm64-lanes/cep.md';
const messages = (result: { diagnostics: Parameters<typeof formatDiagnostic>[0][] }) => result.diagnostics.map(formatDiagnostic);
const withFrontMatter = (yaml: string, body = filledSections()) => `---\n${yaml}\n---\n\n# CEP #4101: Title\n\n${body}`;

describe('links are read from the syntax tree', () => {
  it('a link in inline code, an indented or fenced code block or an HTML comment is no link', () => {
    const body = [
      'See `[not a link](../missing/cep.md)` here.',
      '',
      '    [indented code](../missing/cep.md)',
      '',
      '```md',
      '[fenced](../missing/cep.md)',
      '```',
      '',
      '<!-- [commented](../missing/cep.md) -->',
      '',
      'A [real one](../4102-other/cep.md).',
    ].join('\n');
    expect(readBodyStructure(body).links).toEqual([{ target: '../4102-other/cep.md', line: 11, column: 3, image: false }]);
  });

  it("a reference-style link is checked at its definition, with the definition's position", () => {
    const body = 'Read [the design][design] and ![the diagram](diagram.png).\n\n[design]: ../4102-other/cep.md\n';
    expect(readBodyStructure(body, 10).links).toEqual([
      { target: 'diagram.png', line: 10, column: 31, image: true },
      { target: '../4102-other/cep.md', line: 12, column: 1, image: false },
    ]);
  });

  it("positions are the parser's: line and column of the node, after wide characters too", () => {
    const tree = readMarkdown('Café 😀 [x](y.md)', { firstLine: 5 });
    expect(linksOf(tree).map(({ url, line, column }) => ({ url, line, column }))).toEqual([{ url: 'y.md', line: 5, column: 9 }]);
  });
});

describe('plain text as the reader sees it', () => {
  it('an MDX summary has no raw {expressions} and no JSX', () => {
    const source = `# CEP #4101: Title\n\n## Overview\n\nRuns {props.count} lanes <Badge kind="x" /> on arm64.\n\n${filledSections().replace('## Overview\n\nRun the arm64 lanes on every pull request.\n\n', '')}`;
    const result = parse(source, '4101-arm64-lanes/cep.mdx');
    expect(result.record?.summary).toBe('Runs lanes on arm64.');
  });

  it('an MDX body that does not parse is an error on its line, not a crash of the build', () => {
    const result = parse(`# CEP #4101: Title\n\n${filledSections()}\n\nAn {unclosed expression\n`, '4101-arm64-lanes/cep.mdx');
    expect(rules(result)).toContain('mdx-syntax');
  });

  it('the signoff checklist text is plain text: links keep their text', () => {
    const result = parse(
      `# CEP #4101: Title\n\n## Release Signoff Checklist\n\n- [x] (R) Issue in [kubevirt/project-infra](https://github.com/kubevirt/project-infra) created\n\n${filledSections()}`,
    );
    expect(result.record?.checklist).toEqual([{ text: 'Issue in kubevirt/project-infra created', checked: true, required: true }]);
  });

  it('a cell of markdown reads as its text', () => {
    expect(markdownLine('**KubeVirt** `v1.9` [GA](https://example.org)')).toBe('KubeVirt v1.9 GA');
  });
});

describe('real calendar dates', () => {
  it.each([
    ['2026-02-30', 4],
    ['2026-13-45', 4],
  ])('creation-date %s is an error on its line', (date, line) => {
    const result = parse(withFrontMatter(`title: Title\nstatus: provisional\ncreation-date: "${date}"`));
    expect(messages(result)).toContain(
      `${file}:${line}:1  error  creation-date: is not a day of the calendar (check the month and the day) (got "${date}") (front-matter-schema)`,
    );
    expect(result.record?.creationDate).toBeUndefined();
  });

  it('an exception requested on an impossible day is an error at the field', () => {
    const result = parse(
      withFrontMatter(
        'title: Title\nstatus: provisional\nexceptions:\n  - release: v1.10\n    state: requested\n    requested: "2026-02-29"',
      ),
    );
    expect(messages(result)).toContain(
      `${file}:7:5  error  exceptions.0.requested: is not a day of the calendar (check the month and the day) (got "2026-02-29") (front-matter-schema)`,
    );
  });

  it('a leap day is a day', () => {
    const result = parse(withFrontMatter('title: Title\nstatus: provisional\ncreation-date: "2028-02-29"'));
    expect(result.record?.creationDate).toBe('2028-02-29');
  });
});

describe('findings, not crashes', () => {
  it('a __proto__ key is an error on its line', () => {
    const result = parse(withFrontMatter('title: Title\n__proto__:\n  polluted: true'));
    expect(messages(result)).toEqual([
      `${file}:3:1  error  front matter is not valid YAML: the key "__proto__" is not allowed (it would reach the object prototype) (front-matter-yaml)`,
    ]);
  });

  it('an alias bomb is refused, and the message names the limit', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let index = 1; index < 8; index += 1) {
      const name = String.fromCharCode(97 + index);
      const previous = String.fromCharCode(96 + index);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const result = parse(withFrontMatter(`title: Title\n${levels.join('\n')}`));
    expect(messages(result)).toEqual([
      `${file}:4:8  error  front matter is not valid YAML: its aliases expand to more than 100 nodes (the limit against alias bombs); write the values out instead of using * aliases (front-matter-yaml)`,
    ]);
  });

  it('a custom tag such as !!js/function is an error on its line (no parser may run it)', () => {
    const result = parse(withFrontMatter('title: !!js/function "function () { return 1 }"\nstatus: provisional'));
    expect(messages(result)).toEqual([
      `${file}:2:8  error  front matter is not valid YAML: Unresolved tag: tag:yaml.org,2002:js/function (front-matter-yaml)`,
    ]);
  });

  it('a 20-digit number in the folder name and the H1 is an error, never published', () => {
    const result = parse(`# CEP #12345678901234567890: Huge\n\n${filledSections()}`, '12345678901234567890-huge/cep.md');
    expect(result.record).toBeUndefined();
    expect(messages(result)).toEqual([
      'content/ceps/12345678901234567890-huge/cep.md:1:1  error  the folder name gives the number 12345678901234567890, larger than any CEP or issue number (at most 2147483647) (number-too-large)',
      'content/ceps/12345678901234567890-huge/cep.md:1:1  error  the H1 gives the number 12345678901234567890, larger than any CEP or issue number (at most 2147483647) (number-too-large)',
      'content/ceps/12345678901234567890-huge/cep.md:1:1  error  no CEP number in the front matter, the H1 or the folder name ("<number>-<slug>") (number-missing)',
    ]);
  });

  it('a NUL past the first 8 KB is an error naming its line and column', () => {
    const padding = 'Padding text for the overview.\n'.repeat(400);
    const source = `# CEP #4101: Title\n\n${filledSections()}\n\n${padding}Here\u0000there.\n`;
    const result = parse(new TextEncoder().encode(source));
    const line = source.slice(0, source.indexOf('\u0000')).split('\n').length;
    expect(messages(result)).toContain(
      `${file}:${line}:5  error  control character U+0000 in the text; remove it (a document holds printable text, tabs and line breaks only) (control-character)`,
    );
  });
});

describe('no date can crash the feed', () => {
  it('a record with an impossible date gets no feed date rather than an invalid Date', async () => {
    const { feedItems } = await import('../../src/lib/api/feed.ts');
    const record = parse(`# CEP #4101: Title\n\n${filledSections()}`).record;
    if (!record) throw new Error('the document has a record');
    const [item] = feedItems(
      [{ ...record, lastUpdated: '2026-13-45', creationDate: '2026-02-01' }],
      { siteUrl: 'https://example.test', basePath: '/', kind: catalogueKinds.cep },
      'CEP',
    );
    expect(item?.pubDate?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(item?.guid).toBe('https://example.test/ceps/4101-arm64-lanes/#updated-2026-02-01');
  });
});
