/**
 * Health rules: what the tracking data says about a proposal (emitted by src/lib/health/findings.ts,
 * shown on pages, in the API and reports, and by `npm run lint` as `health/<id>` warnings, which
 * never fail it). One object per rule id; see registry.ts.
 */
import type { RuleDefinition } from './types.ts';

export const healthRules = {
  'tracking-missing': {
    area: 'health',
    severity: 'warning',
    summary: 'The proposal has no tracking issue that GitHub knows of.',
    description: 'The tracking data holds no issue for the proposal: it was not found on GitHub, or has not been synced yet.',
    fix: 'Open the tracking issue (its number is the proposal number), or set `tracking-issue` in the front matter.',
  },
  'tracking-stale': {
    area: 'health',
    severity: 'info',
    summary: 'The tracking state could not be refreshed.',
    description:
      'GitHub could not be reached or did not answer for this issue, so the last known state is shown, with its date. Not listed by lint.',
    fix: 'Nothing in the proposal; the next build with GitHub reachable refreshes it.',
  },
  'sig-label-missing': {
    area: 'health',
    severity: 'warning',
    summary: 'The tracking issue lacks the SIG label.',
    description: 'Every tracking issue should carry the SIG label (sig/ci for CEPs, TRACKING_SIG_LABEL) so the SIG finds it.',
    fix: 'Add the label to the tracking issue.',
  },
  'tracking-target-mismatch': {
    area: 'health',
    severity: 'warning',
    summary: "The proposal's target release disagrees with its tracking issue.",
    description:
      "The issue's target label, milestone, project board release field or tracker body names another release than the proposal targets. For a finished proposal, any stage's release agrees. (Formerly the health rule target-mismatch; the lint rule target-mismatch compares the body with the front matter.)",
    fix: 'Update whichever is out of date: the proposal targets, or the issue label, milestone and board field.',
  },
  'closed-but-active': {
    area: 'health',
    severity: 'error',
    summary: 'The tracking issue is closed but the proposal is not finished.',
    description:
      'The issue is closed while the proposal is not implemented, withdrawn, rejected or replaced. Informational when the proposal states no status (the document may be out of date, not the work).',
    fix: "Record the outcome in the proposal's status, or reopen the issue.",
  },
  'finished-but-open': {
    area: 'health',
    severity: 'warning',
    summary: 'The proposal is finished but its tracking issue is still open.',
    description: 'The status is implemented, withdrawn, rejected or replaced, but the tracking issue is open.',
    fix: 'Close the tracking issue.',
  },
  'no-recent-activity': {
    area: 'health',
    severity: 'warning',
    summary: 'Targeted at the current release, with no recent check-in or activity.',
    description:
      'The proposal targets the release in progress, but its tracking issue has had no check-in, update or merged pull request for more than 7 days.',
    fix: 'Post a check-in comment on the tracking issue.',
  },
  'needs-exception': {
    area: 'health',
    severity: 'error',
    summary: 'Past Code Freeze with unmerged pull requests and no exception.',
    description:
      "The target release's Code Freeze has passed, linked pull requests are still open, and the front matter records no exception requested or granted for that release.",
    fix: 'Ask for an exception on kubevirt-dev and record it under `exceptions`, or re-target the proposal.',
  },
  'tracking-number-mismatch': {
    area: 'health',
    severity: 'info',
    summary: 'The proposal number differs from its tracking issue number.',
    description:
      'By convention a proposal is numbered after its tracking issue; this one is tracked by an issue with another number. (Formerly the health rule number-mismatch; the lint rule number-mismatch compares the front matter, H1 and folder name.)',
    fix: 'Nothing, if the issue is right; else set `tracking-issue` in the front matter.',
  },
  'board-at-risk': {
    area: 'health',
    severity: 'warning',
    summary: 'The project board marks the proposal as at risk.',
    description:
      'A GitHub project item of the tracking issue has the status "At risk"; the proposal counts as at risk whatever else is found.',
    fix: 'Follow up with the owners; the board status changes when the risk is gone.',
  },
  'enhancement-freeze-approaching': {
    area: 'health',
    severity: 'warning',
    summary: 'Targets a release whose Enhancement Freeze is still ahead, but is not implementable yet.',
    description:
      'The process accepts a proposal into a release only if it is `implementable` by the Enhancement Freeze. The freeze of the target release is ahead (or today) and the proposal is still provisional or states no status.',
    fix: 'Authors: get SIG-CI to review and approve the proposal and set `status: implementable` before the freeze, or move the target to a later release.',
  },
  'missed-enhancement-freeze': {
    area: 'health',
    severity: 'error',
    summary: 'Past the Enhancement Freeze of its target release and still not implementable: not in the release.',
    description:
      'The Enhancement Freeze of the target release has passed and the proposal is not `implementable`, with no exception requested or granted. It is a warning while an exception is requested.',
    fix: 'Authors: ask for an exception on the kubevirt-dev mailing list (and record it under `exceptions`), or re-target the proposal to the next release.',
  },
  'code-freeze-at-risk': {
    area: 'health',
    severity: 'error',
    summary: 'Close to Code Freeze with no pull request and no check-in.',
    description:
      'Inside the warning window before Code Freeze (CODE_FREEZE_WARNING_DAYS, default 21) the proposal has no merged or open linked pull request and no check-in since the Enhancement Freeze.',
    fix: 'Owners: link the implementing pull requests to the tracking issue and post a check-in there, or re-target the proposal.',
  },
} as const satisfies Record<string, RuleDefinition>;
