/**
 * Geometry of a release timeline picture: where the key dates and today fall on a line from the
 * first to the last event of the schedule. Rendered as SVG at build time; no client script.
 */
import type { Release } from './schedule.ts';

export interface TimelineMark {
  label: string;
  short: string;
  date: string;
  /** Horizontal position, 0 to 1. */
  position: number;
  /** Whether the milestone is reached on the day the timeline is drawn for (on or before today). */
  reached: boolean;
}

export interface TimelineLayout {
  start: string;
  end: string;
  marks: TimelineMark[];
  /** Position of today, or undefined when today is outside the cycle. */
  today?: { date: string; position: number };
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Lays out EF, CF, RCs and GA between the schedule's first and last KubeVirt dates. */
export function timelineLayout(release: Release, today: string): TimelineLayout {
  const keyDates = keyMilestones(release);
  const dates = [...release.events.map((event) => event.date), ...keyDates.map((mark) => mark.date)].sort();
  const start = dates[0] ?? today;
  const end = dates.at(-1) ?? today;
  const span = Math.max(dayNumber(end) - dayNumber(start), 1);
  const at = (date: string) => (dayNumber(date) - dayNumber(start)) / span;
  return {
    start,
    end,
    marks: keyDates.map((mark) => ({ ...mark, position: at(mark.date), reached: mark.date <= today })),
    ...(today >= start && today <= end ? { today: { date: today, position: at(today) } } : {}),
  };
}

/** A milestone still ahead, with the days left: "Code Freeze in 15 days". */
export interface Countdown {
  label: string;
  date: string;
  days: number;
  /** "Code Freeze in 15 days", "Code Freeze today", "Code Freeze tomorrow". */
  text: string;
}

/** The next key milestone on or after `today`; undefined once GA is past. */
export function nextMilestone(release: Release, today: string): Countdown | undefined {
  const next = keyMilestones(release).find((mark) => mark.date >= today);
  if (!next) return undefined;
  const days = dayNumber(next.date) - dayNumber(today);
  const text = days === 0 ? `${next.label} today` : days === 1 ? `${next.label} tomorrow` : `${next.label} in ${days} days`;
  return { label: next.label, date: next.date, days, text };
}

/** EF, CF, the RCs after CF and GA, in date order. */
function keyMilestones(release: Release): Omit<TimelineMark, 'position' | 'reached'>[] {
  const keyDates: Omit<TimelineMark, 'position' | 'reached'>[] = [
    ...(release.enhancementFreeze ? [{ label: 'Enhancement Freeze', short: 'EF', date: release.enhancementFreeze }] : []),
    ...(release.codeFreeze ? [{ label: 'Code Freeze', short: 'CF', date: release.codeFreeze }] : []),
    ...release.releaseCandidates
      .filter((date) => date !== release.codeFreeze)
      .map((date, index) => ({ label: `Release candidate ${index + 1}`, short: `RC${index + 1}`, date })),
    ...(release.generalAvailability ? [{ label: 'General availability', short: 'GA', date: release.generalAvailability }] : []),
  ];
  return keyDates.sort((left, right) => left.date.localeCompare(right.date));
}
