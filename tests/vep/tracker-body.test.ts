import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrackerBody } from '../../src/lib/github/tracker-body.ts';

const template = readFileSync(new URL('../fixtures/reference/enhancements/vep-tracker-issue-template.md', import.meta.url), 'utf8');
// The issue form's YAML header is not part of an issue body.
const templateBody = template.replace(/^---[\s\S]*?\n---\n/, '');

// A tracking issue as an owner fills it in, written for these tests.
const filled = `<!--
Please refer to the feature lifecycle document.
-->

**Primary contact (assignee)**:
<!-- Handle of the current contact for the feature. -->

/assign @clock-keeper

**Current Feature Stage**: Beta

**Feature Gate**:

\`GuestClockDriftReport\`

**Responsible SIGs**:

Primary SIG:
/sig compute

Additional SIGs (optional):
/sig observability
/sig $SIG

**Enhancement link**: https://github.com/kubevirt/enhancements/blob/main/veps/sig-compute/101-guest-clock-drift-report/vep.md

**Timeline**:

* Alpha release target (x.y): 1.9
* Beta release target (x.y): v1.10.0
* Stable release target (x.y): TBD

* [x] Alpha
  * [X] VEP PRs: https://github.com/kubevirt/enhancements/pull/101
  * [x] Code PRs: kubevirt/kubevirt#15001, [the handler part](https://github.com/kubevirt/kubevirt/pull/15002)
  * [] Docs PRs:
    * https://github.com/kubevirt/user-guide/pull/900
    * https://github.com/kubevirt/user-guide/pull/900#issuecomment-1
* [ ] Beta
  * [ ] VEP PRs: #140
  * [ ] Code PRs:
  * [ ] Docs PRs:

<!-- Uncomment these as you prepare the enhancement for the next stage
* [ ] GA
  * [ ] VEP PRs: https://github.com/kubevirt/enhancements/pull/999
-->

> [!IMPORTANT]
> Please keep this description up to date.
`;

describe('parseTrackerBody', () => {
  it('reads nothing from the template as it is: guidance, placeholders and empty checklists say nothing', () => {
    expect(parseTrackerBody(templateBody)).toEqual({ sigs: [], targets: {}, stages: [] });
    expect(parseTrackerBody(template)).toEqual({ sigs: [], targets: {}, stages: [] });
  });

  it('reads every field of a filled-in body', () => {
    expect(parseTrackerBody(filled)).toEqual({
      primaryContact: '@clock-keeper',
      stage: 'beta',
      featureGate: 'GuestClockDriftReport',
      sigs: ['sig-compute', 'sig-observability'],
      targets: { alpha: 'v1.9', beta: 'v1.10' },
      stages: [
        {
          stage: 'alpha',
          done: true,
          prs: [
            {
              kind: 'vep',
              done: true,
              links: [{ repository: 'kubevirt/enhancements', number: 101, url: 'https://github.com/kubevirt/enhancements/pull/101' }],
            },
            {
              kind: 'code',
              done: true,
              links: [
                // in the order they are written
                { repository: 'kubevirt/kubevirt', number: 15001, url: 'https://github.com/kubevirt/kubevirt/pull/15001' },
                { repository: 'kubevirt/kubevirt', number: 15002, url: 'https://github.com/kubevirt/kubevirt/pull/15002' },
              ],
            },
            {
              kind: 'docs',
              done: false,
              links: [{ repository: 'kubevirt/user-guide', number: 900, url: 'https://github.com/kubevirt/user-guide/pull/900' }],
            },
          ],
        },
        {
          stage: 'beta',
          done: false,
          prs: [
            {
              kind: 'vep',
              done: false,
              links: [{ repository: 'kubevirt/enhancements', number: 140, url: 'https://github.com/kubevirt/enhancements/pull/140' }],
            },
          ],
        },
      ],
    });
  });

  it('resolves a bare #123 in the repository the issue lives in', () => {
    const body = '* [ ] Alpha\n  * [ ] Code PRs: #7\n';
    expect(parseTrackerBody(body, { repository: 'kubevirt/kubevirt' }).stages[0]?.prs[0]?.links).toEqual([
      { repository: 'kubevirt/kubevirt', number: 7, url: 'https://github.com/kubevirt/kubevirt/pull/7' },
    ]);
  });

  it.each([
    ['GA', 'stable'],
    ['**Alpha** (since v1.8)', 'alpha'],
    ['New', 'new'],
    ['Deprecated', 'deprecated'],
    ['not sure yet', undefined],
  ])('reads the current stage %j as %j', (written, stage) => {
    expect(parseTrackerBody(`**Current Feature Stage**:\n\n${written}\n`).stage).toBe(stage);
  });

  it('reads a contact written without /assign, and a gate written on the field line', () => {
    const body = '**Primary contact (assignee)**: @someone-else\n\n**Feature Gate:** `FirstGate`, `SecondGate`\n';
    expect(parseTrackerBody(body)).toMatchObject({ primaryContact: '@someone-else', featureGate: 'FirstGate' });
    expect(parseTrackerBody('**Feature Gate**: N/A\n').featureGate).toBeUndefined();
  });

  it('leaves out release targets it cannot read', () => {
    expect(parseTrackerBody('* Alpha release target (x.y): next one\n* GA release target: 1.12\n').targets).toEqual({ stable: 'v1.12' });
  });

  it('keeps a ticked stage with no PR lines, and ignores PR lines outside any stage', () => {
    expect(parseTrackerBody('* [ ] Code PRs: #5\n* [x] GA\n').stages).toEqual([{ stage: 'stable', done: true, prs: [] }]);
  });

  it.each([
    ['empty', ''],
    ['not a string', 42 as unknown as string],
    ['an unclosed comment', '**Feature Gate**: <!-- Gate'],
    ['an unclosed fence', '```\n/sig compute\n'],
    ['only markup', '** **\n* [\n* []\n/sig\n/assign\n#\n'],
    ['huge numbers', '* [x] Alpha\n  * [x] Code PRs: #99999999999999999999\n'],
  ])('never throws on %s', (_name, body) => {
    expect(() => parseTrackerBody(body)).not.toThrow();
  });

  it('takes no link from a number too long to be a pull request', () => {
    expect(parseTrackerBody('* [x] Alpha\n  * [x] Code PRs: #99999999999999999999\n').stages).toEqual([
      { stage: 'alpha', done: true, prs: [{ kind: 'code', done: true, links: [] }] },
    ]);
  });

  it('reads nothing from commands inside a code block or a comment', () => {
    expect(parseTrackerBody('```\n/sig compute\n```\n<!-- /sig network -->\n').sigs).toEqual([]);
  });

  it('a field or link written in code or an HTML comment is not read', () => {
    const body = parseTrackerBody(
      '**Feature Gate**: `RealGate`\n\n```\n**Primary contact (assignee)**: /assign @in-code\n```\n\n<!-- **Current Feature Stage**: GA -->\n\n* [x] Alpha\n  * [x] Code PRs: `kubevirt/kubevirt#999` and kubevirt/kubevirt#1000\n',
    );
    expect(body.primaryContact).toBeUndefined();
    expect(body.stage).toBeUndefined();
    expect(body.featureGate).toBe('RealGate');
    expect(body.stages[0]?.prs[0]?.links.map((link) => link.number)).toEqual([1000]);
  });
});
