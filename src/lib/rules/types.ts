/**
 * The shape of one rule in the registry (see registry.ts). Kept apart so the per-area files and
 * the composed registry share it without importing each other.
 */

/** Where a rule belongs, for grouping on the rules page and in `npm run lint -- --rules`. */
export const ruleAreas = {
  files: 'Files and folders',
  'front-matter': 'Front matter',
  identity: 'Number and title',
  targets: 'Target releases',
  sections: 'Sections',
  replacements: 'Replacements',
  links: 'Links and images',
  security: 'Security',
  schedules: 'Release schedules',
  health: 'Health (tracking data)',
} as const;
export type RuleArea = keyof typeof ruleAreas;

/** A health finding may be informational; lint findings are errors or warnings. */
export type RuleSeverity = 'error' | 'warning' | 'info';

export interface RuleDefinition {
  area: RuleArea;
  /** The default severity. When it depends on the catalogue kind, `description` says how. */
  severity: RuleSeverity;
  /** One line: what the rule finds. */
  summary: string;
  /** What triggers it, in a sentence or three. */
  description: string;
  /** The author's next step. */
  fix: string;
}
