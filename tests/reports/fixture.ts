/** A small release with four CEPs in different states, for dashboard and report tests. */
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import type { LinkedPullRequest } from '../../src/lib/github/schema.ts';
import { releaseDashboard } from '../../src/lib/releases/dashboard.ts';
import type { Release } from '../../src/lib/releases/schedule.ts';
import type { ReportOptions } from '../../src/lib/reports/reports.ts';
import { cep, context, tracking } from '../support/records.ts';

export const release: Release = {
  version: 'v1.10',
  events: [],
  enhancementFreeze: '2026-10-14',
  codeFreeze: '2026-12-16',
  releaseCandidates: ['2026-12-16', '2027-01-06'],
  generalAvailability: '2027-01-20',
  sourcePath: 'v1.10/schedule.yaml',
};

const pullRequest = (number: number, state: LinkedPullRequest['state'], extra: Partial<LinkedPullRequest> = {}): LinkedPullRequest => ({
  repository: 'kubevirt/project-infra',
  number,
  title: `Change ${number}`,
  url: `https://github.com/kubevirt/project-infra/pull/${number}`,
  state,
  draft: false,
  mergedAt: state === 'merged' ? '2026-11-26T12:00:00Z' : null,
  closing: true,
  ...extra,
});
const issueUrl = (number: number) => `https://github.com/kubevirt/project-infra/issues/${number}`;
const trackedBy = (number: number) => ({ repository: 'kubevirt/project-infra', number, url: issueUrl(number) });

export const ceps = [
  cep({
    number: 4101,
    title: 'Voting arm64 lanes',
    slug: '4101-arm64',
    authors: ['@mara-ci'],
    stage: 'alpha',
    targets: { alpha: 'v1.9', beta: 'v1.10' },
    exceptions: [{ release: 'v1.10', state: 'requested', link: 'https://groups.google.com/g/kubevirt-dev/c/arm' }],
  }),
  cep({
    number: 4315,
    title: 'GPU lane',
    slug: '4315-gpu',
    status: 'provisional',
    stage: undefined,
    trackingIssue: trackedBy(4315),
    authors: [],
  }),
  cep({
    number: 4402,
    title: 'Artifacts on object storage',
    slug: '4402-artifacts',
    authors: ['@tkowalski', '@sofia-mtz'],
    trackingIssue: trackedBy(4402),
  }),
  cep({
    number: 4377,
    title: 'Provider auto-bump',
    slug: '4377-bump',
    status: 'implemented',
    stage: 'stable',
    targets: { stable: 'v1.9' },
    targetRelease: 'v1.9',
    trackingIssue: trackedBy(4377),
  }),
];

export const trackingByIssue = new Map([
  [4101, tracking({ pullRequests: [pullRequest(4501, 'merged'), pullRequest(4502, 'open')] })],
  [
    4315,
    tracking({
      number: 4315,
      url: issueUrl(4315),
      assignees: ['gpu-owner'],
      checkIns: [],
      updatedAt: '2026-10-01T00:00:00Z',
      pullRequests: [],
    }),
  ],
  [
    4402,
    tracking({
      number: 4402,
      url: issueUrl(4402),
      checkIns: [
        {
          author: 'tkowalski',
          createdAt: '2026-11-18T09:00:00Z',
          url: `${issueUrl(4402)}#issuecomment-2`,
          excerpt: 'Check-in: bucket lifecycle rules merged',
        },
      ],
      updatedAt: '2026-11-18T09:00:00Z',
      pullRequests: [
        pullRequest(4601, 'merged', { mergedAt: '2026-11-02T10:00:00Z' }),
        pullRequest(120, 'open', {
          repository: 'kubevirt/user-guide',
          title: 'Document artifact storage',
          url: 'https://github.com/kubevirt/user-guide/pull/120',
        }),
      ],
    }),
  ],
]);

export const dashboardOn = (today: string) =>
  releaseDashboard(release, ceps, trackingByIssue, { ...context, today, releases: [release], currentRelease: 'v1.10' });

export const reportOptions = (today: string, format: ReportOptions['format'] = 'text'): ReportOptions => ({
  kind: catalogueKinds.cep,
  format,
  siteUrl: 'https://kubevirt.github.io',
  basePath: '/cep-catalogue/',
  today,
});
