import { describe, expect, it } from 'vitest';
import { badgeMessage, proposalBadge } from '../../src/lib/badge.ts';
import { freezeCalendar, freezeEventUid } from '../../src/lib/releases/calendar.ts';

const site = { kind: { id: 'vep' as const, prefix: 'VEP' }, siteUrl: 'https://kubevirt.github.io', basePath: '/enhancements/' };

describe('status badge', () => {
  it('says what the document does not state instead of guessing', () => {
    expect(badgeMessage({ number: 7 })).toBe('status not stated · no stage · no target release');
    expect(proposalBadge({ prefix: 'VEP' }, { number: 7 })).toContain(
      'aria-label="VEP 7: status not stated · no stage · no target release"',
    );
  });

  it('carries the status, stage and target release', () => {
    expect(badgeMessage({ number: 1, status: 'implemented', stage: 'stable', targetRelease: 'v1.9' })).toBe(
      'implemented · stable (ga) · v1.9',
    );
  });
});

describe('freeze calendar', () => {
  const release = {
    version: 'v1.10',
    events: [],
    sourcePath: 'v1.10/schedule.yaml',
    enhancementFreeze: '2026-10-14',
    releaseCandidates: [],
    generalAvailability: '2027-01-20',
  };

  it('leaves out what the schedule lacks, and writes the same bytes for the same schedule', () => {
    const text = freezeCalendar([release], site, 'test');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text).not.toContain('Code Freeze');
    expect(freezeCalendar([release], site, 'test')).toBe(text);
  });

  it('writes calendar dates, whatever the build machine’s time zone', () => {
    const text = freezeCalendar([release], site, 'test');
    expect(text).toContain('DTSTART;VALUE=DATE:20261014\r\nDTEND;VALUE=DATE:20261015');
    expect(text).toContain('DTSTART;VALUE=DATE:20270120\r\nDTEND;VALUE=DATE:20270121');
  });

  it('names each event by kind, release and key at the site’s host', () => {
    expect(freezeEventUid(site, 'v1.10', 'cf')).toBe('vep-catalogue-v1.10-cf@enhancements.kubevirt.github.io');
  });
});
