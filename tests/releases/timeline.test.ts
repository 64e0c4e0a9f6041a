import { describe, expect, it } from 'vitest';
import { timelineLayout } from '../../src/lib/releases/timeline.ts';
import { release } from '../reports/fixture.ts';

describe('release timeline layout', () => {
  const withEdges = {
    ...release,
    events: [
      { date: '2026-09-30', who: 'KubeVirt', what: 'start' },
      { date: '2027-01-27', who: 'CDI', what: 'end' },
    ],
  };

  it('places EF, CF, the RCs after CF and GA between the first and last dates, and today', () => {
    const layout = timelineLayout(withEdges, '2026-12-01');
    expect(layout.start).toBe('2026-09-30');
    expect(layout.end).toBe('2027-01-27');
    expect(layout.marks.map((mark) => [mark.short, mark.date])).toEqual([
      ['EF', '2026-10-14'],
      ['CF', '2026-12-16'],
      ['RC1', '2027-01-06'],
      ['GA', '2027-01-20'],
    ]);
    const positions = layout.marks.map((mark) => mark.position);
    expect(positions).toEqual([...positions].sort());
    expect(positions[0]).toBeCloseTo(14 / 119, 5);
    expect(layout.today?.position).toBeCloseTo(62 / 119, 5);
  });

  it('has no "today" marker outside the cycle', () => {
    expect(timelineLayout(withEdges, '2027-03-01').today).toBeUndefined();
  });
});
