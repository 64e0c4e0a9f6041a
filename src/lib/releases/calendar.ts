/**
 * The freeze calendar: a release's Enhancement Freeze, Code Freeze, release candidates and GA as
 * all-day iCalendar (RFC 5545) events, so release managers subscribe instead of copying dates.
 *
 * The text is written by ical-generator; this module only decides which events there are and what
 * they say. Every value is derived from the schedule, so rebuilding an unchanged schedule gives the
 * same bytes (stable UIDs, DTSTAMP from the schedule rather than the clock): calendar clients keep
 * their copies, and the build-inputs digest is not disturbed by the calendar.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { CatalogueKind } from '../cep/catalogue-kind.ts';
import { absoluteUrl, releasePath } from '../urls.ts';
import type { Release } from './schedule.ts';

/** One key date of a release, as it goes into the calendar. */
export interface FreezeEvent {
  /** Stable within a release: `ef`, `cf`, `rc-0`, `rc-1` …, `ga`. Part of the event's UID. */
  key: string;
  /** YYYY-MM-DD. */
  date: string;
  summary: string;
}

export interface CalendarSite {
  kind: Pick<CatalogueKind, 'id' | 'prefix'>;
  siteUrl: string;
  basePath: string;
}

/** The key dates of a release that go into the calendar, in date order; dates the schedule lacks are left out. */
export function freezeEvents(
  release: Pick<Release, 'version' | 'enhancementFreeze' | 'codeFreeze' | 'releaseCandidates' | 'generalAvailability'>,
): FreezeEvent[] {
  const { version } = release;
  const events: FreezeEvent[] = [];
  if (release.enhancementFreeze)
    events.push({ key: 'ef', date: release.enhancementFreeze, summary: `KubeVirt ${version} Enhancement Freeze` });
  if (release.codeFreeze) events.push({ key: 'cf', date: release.codeFreeze, summary: `KubeVirt ${version} Code Freeze` });
  release.releaseCandidates.forEach((date, index) =>
    events.push({ key: `rc-${index}`, date, summary: `KubeVirt ${version} release candidate ${index}` }),
  );
  if (release.generalAvailability) events.push({ key: 'ga', date: release.generalAvailability, summary: `KubeVirt ${version} GA` });
  return events.sort((left, right) => left.date.localeCompare(right.date));
}

/**
 * A UID that stays the same across rebuilds and sites: kind, release and key, at the site's host
 * (RFC 5545 §3.8.4.7 recommends a domain on the right-hand side).
 */
export function freezeEventUid(site: CalendarSite, version: string, key: string): string {
  const host = new URL(site.siteUrl).host;
  const base = site.basePath.replace(/^\/|\/$/g, '').replace(/\//g, '.');
  return `${site.kind.id}-catalogue-${version}-${key}@${base ? `${base}.` : ''}${host}`;
}

/** The day after an ISO date: an all-day event's DTEND is exclusive. */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** A calendar-date Date at UTC midnight; with `floating` events ical-generator writes it as a plain DATE. */
const utcDay = (date: string) => new Date(`${date}T00:00:00Z`);

/** Writes the calendar of the given releases (one release for `/releases/vX.Y.ics`, all for `/releases.ics`). */
export function freezeCalendar(releases: readonly Release[], site: CalendarSite, name: string): string {
  const calendar = ical({
    name,
    prodId: { company: 'KubeVirt', product: `${site.kind.id}-catalogue`, language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Hint for subscribed clients: schedules change a few times per release, daily is plenty.
    ttl: 60 * 60 * 24,
  });
  for (const release of releases) {
    const page = absoluteUrl(site.siteUrl, releasePath(site.basePath, release.version));
    for (const event of freezeEvents(release)) {
      calendar.createEvent({
        id: freezeEventUid(site, release.version, event.key),
        start: utcDay(event.date),
        end: utcDay(nextDay(event.date)),
        allDay: true,
        // Derived from the schedule, not the clock, so unchanged schedules give unchanged files.
        stamp: utcDay(event.date),
        summary: event.summary,
        description: `Release schedule and the ${site.kind.prefix}s targeting ${release.version}: ${page}`,
        url: page,
      });
    }
  }
  return calendar.toString();
}
