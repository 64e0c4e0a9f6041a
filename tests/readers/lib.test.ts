// Unit tests of the reader-facing helpers: people, lifecycle groups, link-preview text, schedule
// notes, and the proposal number in an old address.
import { describe, expect, it } from 'vitest';
import { groupByLifecycle, lifecycleOf } from '../../src/lib/lifecycle.ts';
import { proposalDescription } from '../../src/lib/page-meta.ts';
import { loginOf, peopleOf } from '../../src/lib/people.ts';
import { scheduleNoteParts } from '../../src/lib/schedule-notes.ts';
import { personPath, proposalNumberInPath } from '../../src/lib/urls.ts';

describe('people', () => {
  it('gathers every role per login, case-insensitively, each proposal once', () => {
    const people = peopleOf([
      { number: 2, authors: ['@Mara-CI'], reviewers: ['@tk'], approvers: ['@mara-ci'], assignees: ['mara-ci'] },
      { number: 1, authors: ['@mara-ci', '@mara-ci'], reviewers: [], approvers: [' @ '] },
    ]);
    expect([...people.keys()]).toEqual(['mara-ci', 'tk']);
    expect(people.get('mara-ci')).toEqual({
      key: 'mara-ci',
      login: 'Mara-CI',
      roles: { author: [1, 2], reviewer: [], approver: [2], assignee: [2] },
    });
    expect(loginOf('@')).toBeUndefined();
    // Only GitHub logins get a page and a URL: a full name or markup is shown as text, never linked.
    for (const notALogin of ['Jane Doe', "<script>alert('author')</script>", '-lead', 'a--b', 'x'.repeat(40), '../etc'])
      expect(loginOf(notALogin), notALogin).toBeUndefined();
    expect(personPath('/base/', '@Mara-CI')).toBe('/base/people/mara-ci/');
  });
});

describe('lifecycle groups', () => {
  it('groups like PEP 0 and keeps a proposal without a status', () => {
    expect(lifecycleOf('provisional')).toBe('active');
    expect(lifecycleOf('implementable')).toBe('accepted');
    expect(lifecycleOf('implemented')).toBe('finished');
    for (const status of ['deferred', 'withdrawn', 'rejected', 'replaced'] as const) expect(lifecycleOf(status)).toBe('abandoned');
    expect(lifecycleOf(undefined)).toBe('unknown');
    const groups = groupByLifecycle([{ s: 'implemented' as const }, { s: undefined }, { s: 'provisional' as const }], (item) => item.s);
    expect(groups.map(({ group, items }) => [group, items.length])).toEqual([
      ['active', 1],
      ['finished', 1],
      ['unknown', 1],
    ]);
  });
});

describe('link previews', () => {
  it('start with status, stage and targets, then the summary, within 280 characters', () => {
    const text = proposalDescription({
      status: 'implementable',
      stage: 'alpha',
      targets: { alpha: 'v1.9', beta: 'v1.10' },
      owningSig: 'sig-ci',
      summary: 'Run arm64 e2e. '.repeat(40),
    });
    expect(text.startsWith('Implementable · stage Alpha · targets alpha v1.9, beta v1.10 · sig-ci. Run arm64 e2e.')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(280);
    expect(text.endsWith('…')).toBe(true);
    expect(proposalDescription({ targets: {}, owningSig: 'sig-ci', summary: '' })).toBe('Status not stated · no target release · sig-ci.');
  });
});

describe('schedule notes', () => {
  it('keep text and http(s) links, point relative links at sig-release, and drop raw HTML and script links', () => {
    const parts = scheduleNoteParts(
      'See the [checklist](../release-checklist.md), <img src=x onerror=alert(1)> and [this](javascript:alert(1)) `x`',
      'v1.10',
    );
    expect(parts).toContainEqual({
      kind: 'link',
      text: 'checklist',
      href: 'https://github.com/kubevirt/sig-release/blob/main/releases/release-checklist.md',
    });
    expect(parts.filter((part) => part.kind === 'link')).toHaveLength(1);
    expect(parts).toContainEqual({ kind: 'text', text: 'this' });
    expect(parts).toContainEqual({ kind: 'code', text: 'x' });
    // The raw HTML is kept as text (escaped when rendered), never as an element.
    expect(parts.map((part) => part.text).join('')).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('old proposal addresses', () => {
  it('yield the proposal number for the 404 page', () => {
    expect(proposalNumberInPath('/cep-catalogue/', '/cep-catalogue/ceps/4233-old-title/')).toBe(4233);
    expect(proposalNumberInPath('/cep-catalogue/', '/cep-catalogue/ceps/4233/design-details/')).toBe(4233);
    expect(proposalNumberInPath('/', '/ceps/04233-x/')).toBe(4233);
    expect(proposalNumberInPath('/cep-catalogue/', '/cep-catalogue/releases/v1.10/')).toBeUndefined();
    expect(proposalNumberInPath('/cep-catalogue/', '/cep-catalogue/ceps/sharding/')).toBeUndefined();
    // A VEP catalogue's addresses, and only those.
    expect(proposalNumberInPath('/', '/veps/0307-vhostuser/', ['veps', 'vep'])).toBe(307);
    expect(proposalNumberInPath('/', '/ceps/4233-x/', ['veps', 'vep'])).toBeUndefined();
  });
});
