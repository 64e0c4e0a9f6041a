/**
 * The issue body as a further source of state: a tracker written in the VEP tracker template is
 * read into `tracker`, and its targets count in the health findings.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fetchTracking } from '../../src/lib/github/fetch.ts';
import { healthFindings } from '../../src/lib/health/findings.ts';
import { startFakeGitHub, type FakeGitHub } from '../../tools/github/fake-github.ts';
import { cep, context, tracking } from '../support/records.ts';
import { FAST_CLIENT, configFor, makeIssue } from './helpers.ts';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const trackerBody = `<!-- Please refer to the feature lifecycle -->
**Primary contact (assignee)**:
/assign @gpu-lead

**Current Feature Stage**: Alpha

**Feature Gate**: GPUDevicesWithDRA

**Responsible SIGs**:
Primary SIG:
/sig compute

**Timeline**:
* Alpha release target (x.y): 1.9
* Beta release target (x.y): 1.11
* Stable release target (x.y):

* [x] Alpha
  * [x] VEP PRs: https://github.com/kubevirt/enhancements/pull/11
`;

describe('tracker issue body', () => {
  it('is read into the tracking state, sanitised, and only when it says something', async () => {
    fake = await startFakeGitHub({
      repository: 'kubevirt/enhancements',
      issues: [makeIssue(10, { body: trackerBody }), makeIssue(11, { body: 'Just a discussion, <b>no</b> template.' })],
      pullRequests: [],
    });
    const result = await fetchTracking({
      numbers: [10, 11],
      config: configFor(fake, { TRACKING_REPO: 'kubevirt/enhancements' }),
      now: new Date('2026-11-30T06:00:00Z'),
      clientOptions: FAST_CLIENT,
    });
    expect(result.problems).toEqual([]);
    expect(result.snapshot.issues['10']?.tracker).toEqual({
      primaryContact: '@gpu-lead',
      stage: 'alpha',
      featureGate: 'GPUDevicesWithDRA',
      sigs: ['sig-compute'],
      targets: { alpha: 'v1.9', beta: 'v1.11' },
    });
    expect(result.snapshot.issues['11']?.tracker).toBeUndefined();
  });

  it('its target release counts in the tracking-target-mismatch finding', () => {
    const state = tracking({ targetLabels: [], tracker: { sigs: [], targets: { alpha: 'v1.9', beta: 'v1.11' } } });
    expect(healthFindings(cep(), state, context).map((finding) => finding.message)).toEqual([
      'CEP targets v1.10 but the issue says v1.11 (issue body)',
    ]);
  });
});
