/**
 * What another team adopts from the built sample site: the freeze calendars a release manager
 * subscribes to, and the status badge a tracking issue embeds.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ical, { type VEvent } from 'node-ical';
import { ELEMENT_NODE, TEXT_NODE, parse, walkSync, type ElementNode } from 'ultrahtml';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { sampleSite } from '../support/sample-site.ts';
import { readBuilt } from '../support/build.ts';

const site = await sampleSite();
const base = '/cep-catalogue/';
const releasesDir = path.resolve(import.meta.dirname, '../../content/releases');
const versions = readdirSync(releasesDir).filter((name) => /^v\d+\.\d+$/.test(name));

function eventsOf(file: string): VEvent[] {
  return Object.values(ical.sync.parseICS(readBuilt(site, file))).filter((component): component is VEvent => component?.type === 'VEVENT');
}
/** A DATE value as written: node-ical gives an all-day start as local midnight, flagged dateOnly. */
function day(date: Date): string {
  return [date.getFullYear(), String(date.getMonth() + 1).padStart(2, '0'), String(date.getDate()).padStart(2, '0')].join('-');
}
/** The schedule's rows, read straight from the YAML (not through the catalogue's parser). */
function rows(version: string): { when: string; milestone: string; who: string; what: string }[] {
  const written = parseYaml(readFileSync(path.join(releasesDir, version, 'schedule.yaml'), 'utf8')) as Record<string, unknown>[];
  return written.map((row) => ({
    when: String(row['when']).replace(/\//g, '-'),
    milestone: String(row['milestone'] ?? ''),
    who: String(row['who'] ?? ''),
    what: String(row['what'] ?? ''),
  }));
}
function links(file: string): ElementNode[] {
  const found: ElementNode[] = [];
  walkSync(parse(readBuilt(site, file)), (node) => {
    if (node.type === ELEMENT_NODE && node.name === 'a') found.push(node as ElementNode);
  });
  return found;
}
function textOf(node: ElementNode): string {
  let text = '';
  walkSync(node, (child) => {
    if (child.type === TEXT_NODE) text += child.value;
  });
  return text;
}
const builtFileOf = (href: string) => path.join(site, href.slice(base.length));

describe('freeze calendars', () => {
  it.each(versions)('%s.ics holds the release’s EF, CF, every RC and GA, each on its schedule row’s date', (version) => {
    const events = eventsOf(`releases/${version}.ics`);
    const schedule = rows(version).filter((row) => /^kubevirt$/i.test(row.who));
    const kinds: Record<string, (row: (typeof schedule)[number]) => boolean> = {
      'Enhancement Freeze': (row) => /enhancement proposal.*freeze/i.test(row.what),
      'Code Freeze': (row) => /code freeze/i.test(row.milestone),
      'release candidate': (row) => /-rc\.\d+/.test(row.what),
      GA: (row) => /\bGA\b/.test(row.milestone),
    };
    for (const [name, matches] of Object.entries(kinds)) {
      const expected = schedule.filter(matches).map((row) => row.when);
      const actual = events.filter((event) => String(event.summary).includes(name)).map((event) => day(event.start));
      expect(actual, `${version} ${name}`).toEqual(expected);
      expect(expected.length, `${version} ${name} in the sample schedule`).toBeGreaterThan(0);
    }
    expect(events).toHaveLength(5);
    for (const event of events) {
      expect(event.datetype, 'all-day').toBe('date');
      // One day long: DTEND is the (exclusive) next day.
      expect(((event.end?.getTime() ?? NaN) - event.start.getTime()) / 86_400_000).toBeCloseTo(1, 1);
      const page = `https://catalogue.example.test${base}releases/${version}/`;
      // node-ical keeps the URL property's VALUE=URI parameter beside its value.
      expect((event.url as unknown as { val: string }).val).toBe(page);
      expect(existsSync(path.join(builtFileOf(new URL(page).pathname), 'index.html'))).toBe(true);
    }
  });

  it('gives v1.10 the dates its schedule names', () => {
    const byKey = Object.fromEntries(eventsOf('releases/v1.10.ics').map((event) => [event.uid.split('@')[0], day(event.start)]));
    expect(byKey).toEqual({
      'cep-catalogue-v1.10-ef': '2026-10-14',
      'cep-catalogue-v1.10-cf': '2026-12-16',
      'cep-catalogue-v1.10-rc-0': '2026-12-16',
      'cep-catalogue-v1.10-rc-1': '2027-01-06',
      'cep-catalogue-v1.10-ga': '2027-01-20',
    });
  });

  it('/releases.ics is every release’s events, with the same UIDs as the per-release files', () => {
    const all = eventsOf('releases.ics')
      .map((event) => `${event.uid} ${day(event.start)}`)
      .sort();
    const perRelease = versions
      .flatMap((version) => eventsOf(`releases/${version}.ics`).map((event) => `${event.uid} ${day(event.start)}`))
      .sort();
    expect(all).toEqual(perRelease);
    expect(new Set(all.map((line) => line.split(' ')[0])).size).toBe(all.length);
  });

  it('is RFC 5545 text: CRLF lines of at most 75 octets, VERSION and PRODID, UID, DTSTAMP and DATE-valued DTSTART on every event', () => {
    const text = readBuilt(site, 'releases.ics');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines.every((line) => !line.includes('\n') && Buffer.byteLength(line) <= 75)).toBe(true);
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((line) => line.startsWith('PRODID:'))).toBe(true);
    const blocks = text.split('BEGIN:VEVENT').slice(1);
    expect(blocks).toHaveLength(versions.length * 5);
    for (const block of blocks) {
      expect(block).toMatch(/\r\nUID:[^\r\n]+\r\n/);
      expect(block).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
      expect(block).toMatch(/\r\nDTSTART;VALUE=DATE:\d{8}\r\n/);
    }
  });

  it('is linked as “Subscribe” from the releases page and each release page, to files that exist', () => {
    const subscribe = (file: string) => links(file).filter((link) => /subscribe/i.test(textOf(link)));
    const index = subscribe('releases/index.html').map((link) => String(link.attributes['href']));
    expect(index).toContain(`${base}releases.ics`);
    for (const version of versions) {
      expect(index).toContain(`${base}releases/${version}.ics`);
      expect(subscribe(`releases/${version}/index.html`).map((link) => link.attributes['href'])).toEqual([
        `${base}releases/${version}.ics`,
      ]);
    }
    for (const href of index) expect(existsSync(builtFileOf(href)), href).toBe(true);
  });
});

describe('status badges', () => {
  const badge = (number: number) =>
    new XMLParser({ ignoreAttributes: false }).parse(readBuilt(site, `cep/${number}/badge.svg`)) as { svg: Record<string, unknown> };

  it('shows number, status, stage and target release, as the CEP page does', () => {
    const svg = badge(4101).svg;
    expect(svg['@_aria-label']).toBe('CEP 4101: implementable · alpha · v1.10');
    expect(svg['title']).toBe('CEP 4101: implementable · alpha · v1.10');
  });

  it('exists for every CEP beside its short permalink, which still redirects', () => {
    const numbers = readdirSync(path.join(site, 'cep'));
    expect(numbers.length).toBe(14);
    for (const number of numbers) {
      expect(existsSync(path.join(site, 'cep', number, 'badge.svg')), number).toBe(true);
      expect(readBuilt(site, `cep/${number}/index.html`)).toContain('http-equiv="refresh"');
    }
  });
});
