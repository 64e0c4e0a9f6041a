/**
 * The words of health and tracking states, free of any import: the search page's script (which
 * runs in the reader's browser) uses them, and must not pull in the parsers behind the findings.
 */

/** What the findings of an active proposal add up to, for badges and the "health" search facet. */
export type HealthStatus = 'on-track' | 'needs-attention' | 'at-risk' | 'out-of-release';
export const healthStatusInfo: Record<HealthStatus, { label: string; tone: 'ok' | 'warn' | 'bad' }> = {
  'on-track': { label: 'On track', tone: 'ok' },
  'needs-attention': { label: 'Needs attention', tone: 'warn' },
  'at-risk': { label: 'At risk', tone: 'bad' },
  'out-of-release': { label: 'Not in the release', tone: 'bad' },
};

/** The tracking state as one word, for badges and the "tracking" search facet. */
export type TrackingSummary = 'open' | 'closed' | 'missing';
export const trackingSummaryInfo: Record<TrackingSummary, { label: string }> = {
  open: { label: 'Issue open' },
  closed: { label: 'Issue closed' },
  missing: { label: 'No tracking issue' },
};
