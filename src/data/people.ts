/** Everyone named on a proposal or assigned its tracking issue (see lib/people.ts), for pages. */
import { peopleOf, type Person } from '../lib/people.ts';
import { allCeps } from './catalogue.ts';
import { rowsById } from './tracking.ts';

let cached: Promise<Map<string, Person>> | undefined;
export function allPeople(): Promise<Map<string, Person>> {
  cached ??= (async () => {
    const [ceps, rows] = await Promise.all([allCeps(), rowsById()]);
    return peopleOf(ceps.map((cep) => ({ ...cep.data, assignees: rows.get(cep.id)?.tracking?.assignees })));
  })();
  return cached;
}
