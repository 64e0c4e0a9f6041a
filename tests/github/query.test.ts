/**
 * Every GraphQL document the project sends must be valid against GitHub's published schema.
 * Checked twice: statically for every document shape, and on the documents actually sent during
 * a cold fetch, a warm fetch and a paginated change search.
 */
import { validate as validateWithPackage } from '@octokit/graphql-schema';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTracking } from '../../src/lib/github/fetch.ts';
import {
  CHANGES_QUERY,
  MAX_ISSUES_PER_QUERY,
  allQueryDocuments,
  buildIssuesQuery,
  changeSearchQueries,
  chunkIssueNumbers,
} from '../../src/lib/github/query.ts';
import type { FakeGitHub } from '../../tools/github/fake-github.ts';
import { githubGraphQLSchema, startFakeGitHub } from '../../tools/github/fake-github.ts';
import { FAST_CLIENT, configFor, manyIssues } from './helpers.ts';

function schemaErrors(document: string): string[] {
  return validate(githubGraphQLSchema(), parse(document)).map((error) => error.message);
}

describe('query documents', () => {
  it.each(allQueryDocuments().map((document) => [document.split('\n')[0], document]))(
    '%s is valid against GitHub’s schema',
    (_name, document) => {
      expect(schemaErrors(document)).toEqual([]);
      // The package's own validator uses the introspection JSON rather than the SDL.
      expect(validateWithPackage(document).map((error) => error.message)).toEqual([]);
    },
  );

  it('a document that GitHub would reject is caught', () => {
    expect(schemaErrors('query { repository(owner: "a", name: "b") { issue(number: 1) { noSuchField } } }')).toEqual([
      'Cannot query field "noSuchField" on type "Issue".',
    ]);
  });

  it('batches issues as aliases inside one repository field, with the rate limit', () => {
    const document = buildIssuesQuery([4101, 4233]);
    expect(document).toContain('repository(owner: $owner, name: $name) {');
    expect(document).toContain('issue4101: issue(number: 4101) { ...TrackingIssueFields }');
    expect(document).toContain('issue4233: issue(number: 4233) { ...TrackingIssueFields }');
    expect(document).toContain('rateLimit { cost remaining resetAt }');
    expect(CHANGES_QUERY).toContain('rateLimit { cost remaining resetAt }');
  });

  it('refuses more than 50 issues per query and invalid numbers', () => {
    expect(() => buildIssuesQuery(Array.from({ length: MAX_ISSUES_PER_QUERY + 1 }, (_, index) => index + 1))).toThrow(RangeError);
    expect(() => buildIssuesQuery([])).toThrow(RangeError);
    expect(() => buildIssuesQuery([-1])).toThrow(/positive integers/);
    expect(() => buildIssuesQuery([Number.NaN])).toThrow(/positive integers/);
  });

  it('chunks numbers by 50', () => {
    const numbers = Array.from({ length: 120 }, (_, index) => index + 1);
    expect(chunkIssueNumbers(numbers).map((chunk) => chunk.length)).toEqual([50, 50, 20]);
    expect(chunkIssueNumbers([])).toEqual([]);
  });

  it('builds search strings for issues and pull requests updated since a time', () => {
    expect(changeSearchQueries({ owner: 'kubevirt', name: 'project-infra' }, new Date('2026-11-29T05:50:00.123Z'))).toEqual({
      issueQuery: 'repo:kubevirt/project-infra is:issue updated:>=2026-11-29T05:50:00Z',
      pullRequestQuery: 'repo:kubevirt/project-infra is:pr updated:>=2026-11-29T05:50:00Z',
    });
  });
});

describe('documents actually sent', () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub(manyIssues(130));
  });
  afterAll(async () => {
    await fake.close();
  });

  it('are all valid, across cold, warm and paginated runs', async () => {
    const numbers = fake.data.issues.map((issue) => issue.number);
    const config = configFor(fake);
    const cold = await fetchTracking({ numbers, config, now: new Date('2026-11-29T06:00:00Z'), clientOptions: FAST_CLIENT });
    for (const issue of fake.data.issues.slice(0, 110)) issue.updatedAt = '2026-11-29T12:00:00Z';
    const warm = await fetchTracking({
      numbers,
      previous: cold.snapshot,
      config,
      now: new Date('2026-11-30T06:00:00Z'),
      clientOptions: FAST_CLIENT,
    });
    expect(cold.problems).toEqual([]);
    expect(warm.problems).toEqual([]);
    // 3 cold batches; 2 search pages; 3 warm batches (110 issues).
    expect(fake.graphqlRequests).toHaveLength(8);
    const pages = fake.graphqlRequests.filter((request) => request.query.includes('query TrackingChanges'));
    expect(pages.map((request) => request.variables['skipPullRequests'])).toEqual([false, true]);
    for (const request of fake.graphqlRequests) {
      expect(schemaErrors(request.query)).toEqual([]);
    }
  });
});
