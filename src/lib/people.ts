/**
 * People of the catalogue: everyone named on a proposal (authors, reviewers, approvers in the
 * document; assignees of its tracking issue on GitHub), with what each did on which proposal.
 * Person pages, the catalogue's authors column and the search index read it, so a login is
 * spelled and matched one way (GitHub logins are case-insensitive; `@` is dropped).
 */

/** What a person did on a proposal, in the order a person page lists them. */
export const personRoles = ['author', 'reviewer', 'approver', 'assignee'] as const;
export type PersonRole = (typeof personRoles)[number];

export const personRoleInfo: Record<PersonRole, { heading: string; field: string }> = {
  author: { heading: 'Authored', field: 'authors' },
  reviewer: { heading: 'Reviewed', field: 'reviewers' },
  approver: { heading: 'Approved', field: 'approvers' },
  assignee: { heading: 'Owns (assigned the tracking issue)', field: 'tracking issue assignees' },
};

/** The facts of a proposal this module reads. */
export interface PeopleSource {
  number: number;
  authors: readonly string[];
  reviewers: readonly string[];
  approvers: readonly string[];
  /** Logins assigned to the tracking issue, when the tracking data has it. */
  assignees?: readonly string[] | undefined;
}

/** GitHub's rule for user names: letters, digits and single inner hyphens, at most 39 characters. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/**
 * A login as written (`@Mara-CI`) without the `@`; `undefined` when what is written is not a
 * GitHub login (a full name, or anything else an author typed), which then gets no person page,
 * no profile link and no place in a URL.
 */
export function loginOf(handle: string): string | undefined {
  const login = handle.trim().replace(/^@/, '');
  return GITHUB_LOGIN.test(login) ? login : undefined;
}

/** The key a login is matched by: lower case. */
export const personKey = (handle: string) => loginOf(handle)?.toLowerCase();

export interface Person {
  /** Lower-case login: the page's address and the search filter value. */
  key: string;
  /** The login as first written. */
  login: string;
  /** Proposal numbers per role, ascending, each once. */
  roles: Record<PersonRole, number[]>;
}

/** Every person named on any proposal, by key, sorted by login. */
export function peopleOf(sources: readonly PeopleSource[]): Map<string, Person> {
  const people = new Map<string, Person>();
  const add = (handle: string, role: PersonRole, number: number) => {
    const login = loginOf(handle);
    if (!login) return;
    const key = login.toLowerCase();
    let person = people.get(key);
    if (!person) {
      person = { key, login, roles: { author: [], reviewer: [], approver: [], assignee: [] } };
      people.set(key, person);
    }
    if (!person.roles[role].includes(number)) person.roles[role].push(number);
  };
  for (const source of sources) {
    for (const handle of source.authors) add(handle, 'author', source.number);
    for (const handle of source.reviewers) add(handle, 'reviewer', source.number);
    for (const handle of source.approvers) add(handle, 'approver', source.number);
    for (const handle of source.assignees ?? []) add(handle, 'assignee', source.number);
  }
  for (const person of people.values()) for (const role of personRoles) person.roles[role].sort((a, b) => a - b);
  return new Map([...people].sort(([a], [b]) => a.localeCompare(b)));
}

/** Logins (lower case, each once) of everyone named on one proposal, for the search filter. */
export function loginsOn(source: PeopleSource): string[] {
  return [...peopleOf([source]).keys()];
}
