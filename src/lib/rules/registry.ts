/**
 * Every lint and health rule, in one place: the ids diagnostics and findings carry (typed by
 * {@link RuleId}, so an unregistered id is a type error), and what the rules page (/rules/) and
 * `npm run lint -- --explain <id>` say about each.
 *
 * To add a rule: add one object under its id to the file of its area (document-rules.ts for one
 * proposal document, catalogue-rules.ts for files, links, schedules and security across the
 * catalogue, health-rules.ts for tracking data), with area, default severity, summary, description
 * and fix; then emit the id. Ids are kebab-case and unique across all files (the tests check);
 * never reuse an id for another meaning: rename instead, and say so in the description.
 */
import { catalogueRules } from './catalogue-rules.ts';
import { documentRules } from './document-rules.ts';
import { healthRules } from './health-rules.ts';
import { ruleAreas, type RuleArea, type RuleDefinition } from './types.ts';

export { ruleAreas, type RuleArea, type RuleDefinition, type RuleSeverity } from './types.ts';

const lintRules = { ...documentRules, ...catalogueRules };

/** Ids of the rules `npm run lint` (and the build) checks documents and schedules with. */
export type LintRuleId = keyof typeof lintRules;
/** Ids of the health findings, from the tracking data. */
export type HealthRuleId = keyof typeof healthRules;
export type RuleId = LintRuleId | HealthRuleId;
/** The rule of a lint diagnostic: health findings are listed by lint as `health/<id>`. */
export type DiagnosticRuleId = LintRuleId | `health/${HealthRuleId}`;

export interface RegisteredRule extends RuleDefinition {
  id: RuleId;
}

const allRules: Record<RuleId, RuleDefinition> = { ...lintRules, ...healthRules };

/** Every rule, grouped by area in the order of {@link ruleAreas}, then by id. */
export const rules: readonly RegisteredRule[] = Object.entries(allRules)
  .map(([id, definition]) => ({ id: id as RuleId, ...definition }))
  .sort((left, right) => areaOrder(left.area) - areaOrder(right.area) || left.id.localeCompare(right.id));

function areaOrder(area: RuleArea): number {
  return Object.keys(ruleAreas).indexOf(area);
}

/** Every rule id a diagnostic may carry, for checking stored diagnostics (the parse cache) on read. */
export const diagnosticRuleIds = [...Object.keys(lintRules), ...Object.keys(healthRules).map((id) => `health/${id}`)] as [
  DiagnosticRuleId,
  ...DiagnosticRuleId[],
];

/** Whether `id` is a registered rule (bare, or a diagnostic's `health/<id>`). */
export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(allRules, id);
}

/** The registered rule a diagnostic's rule names: `health/<id>` is the health rule `<id>`. */
export function ruleOfDiagnostic(rule: DiagnosticRuleId): RuleId {
  return rule.startsWith('health/') ? (rule.slice('health/'.length) as HealthRuleId) : (rule as LintRuleId);
}

/** The entry of a rule id as a user writes it (bare, or `health/<id>`); undefined when unknown. */
export function findRule(id: string): RegisteredRule | undefined {
  const bare = id.startsWith('health/') ? id.slice('health/'.length) : id;
  return rules.find((rule) => rule.id === bare);
}
