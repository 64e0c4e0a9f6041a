/** Factories for CEP records and tracking states, for tests of derived views (health, dashboards, reports). */
import type { CepRecord } from '../../src/lib/cep/schema.ts';
import type { TrackingState } from '../../src/lib/github/schema.ts';
import type { HealthContext } from '../../src/lib/health/findings.ts';

export const cep = (overrides: Partial<CepRecord> = {}): CepRecord => ({
  number: 4101,
  slug: '4101-arm64',
  title: 'Arm lanes',
  status: 'implementable',
  stage: 'alpha',
  targets: { alpha: 'v1.10' },
  targetRelease: 'v1.10',
  authors: [],
  owningSig: 'sig-ci',
  participatingSigs: [],
  reviewers: [],
  approvers: [],
  trackingIssue: { repository: 'kubevirt/project-infra', number: 4101, url: 'https://github.com/kubevirt/project-infra/issues/4101' },
  replaces: [],
  exceptions: [],
  checklist: [],
  summary: '',
  form: 'front-matter',
  sourcePath: '4101-arm64/cep.md',
  ...overrides,
});

export const tracking = (overrides: Partial<TrackingState> = {}): TrackingState => ({
  number: 4101,
  url: 'https://github.com/kubevirt/project-infra/issues/4101',
  found: true,
  state: 'open',
  stateReason: null,
  title: 'CEP 4101: Arm lanes',
  labels: [
    { name: 'sig/ci', color: 'ededed' },
    { name: 'target/v1.10', color: null },
  ],
  milestone: null,
  assignees: ['mara-ci'],
  author: 'mara-ci',
  createdAt: '2025-09-01T10:00:00Z',
  updatedAt: '2026-11-28T10:00:00Z',
  closedAt: null,
  commentCount: 4,
  checkIns: [
    {
      author: 'mara-ci',
      createdAt: '2026-11-27T09:00:00Z',
      url: 'https://github.com/kubevirt/project-infra/issues/4101#issuecomment-1',
      excerpt: 'Weekly check-in: lanes green',
    },
  ],
  pullRequests: [],
  projectItems: [],
  targetLabels: ['v1.10'],
  fetchedAt: '2026-11-30T06:00:00Z',
  ...overrides,
});

export const context: HealthContext = {
  today: '2026-12-01',
  currentRelease: 'v1.10',
  sigLabel: 'sig/ci',
  releases: [
    { version: 'v1.9', codeFreeze: '2026-06-24', generalAvailability: '2026-07-22' },
    { version: 'v1.10', codeFreeze: '2026-12-16', generalAvailability: '2027-01-20' },
  ],
};
