/**
 * The registry for people at a terminal: `npm run lint -- --explain <rule>` and `--rules`, and the
 * link to a rule's section of the rules page that lint's JSON output gives as `help`.
 */
import { absoluteUrl, rulePath, rulesPath } from '../urls.ts';
import { findRule, ruleAreas, ruleOfDiagnostic, rules, type DiagnosticRuleId, type RegisteredRule } from './registry.ts';

export interface SiteAddress {
  siteUrl: string;
  basePath: string;
}

/** Thrown for an id the registry does not know; CLIs print its message. */
export class UnknownRuleError extends Error {
  override name = 'UnknownRuleError';
}

/** The absolute URL of a rule's section on the rules page. */
export function ruleHelpUrl(rule: DiagnosticRuleId | RegisteredRule['id'], site: SiteAddress): string {
  const id = rule.startsWith('health/') ? ruleOfDiagnostic(rule as DiagnosticRuleId) : rule;
  return absoluteUrl(site.siteUrl, rulePath(site.basePath, id));
}

/** A rule's registry entry as text; throws {@link UnknownRuleError} for an unknown id. */
export function explainRule(id: string, site: SiteAddress): string {
  const rule = findRule(id.trim());
  if (!rule) {
    const near = rules
      .filter((candidate) => candidate.id.includes(id.trim()) || id.includes(candidate.id))
      .map((candidate) => candidate.id);
    const hint = near.length > 0 ? `; did you mean ${near.slice(0, 3).join(', ')}?` : '';
    throw new UnknownRuleError(`no rule "${id}"${hint} (npm run lint -- --rules lists them all)`);
  }
  const lintName = rule.area === 'health' ? `health/${rule.id}` : rule.id;
  return [
    `${lintName}  (${ruleAreas[rule.area]}, ${rule.severity} by default)`,
    '',
    rule.summary,
    '',
    rule.description,
    '',
    `How to fix: ${rule.fix}`,
    '',
    `More: ${ruleHelpUrl(rule.id, site)}`,
  ].join('\n');
}

/** Every rule, one line each, grouped by area. */
export function listRules(site: SiteAddress): string {
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const lines: string[] = [];
  for (const [area, title] of Object.entries(ruleAreas)) {
    const inArea = rules.filter((rule) => rule.area === area);
    if (inArea.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`${title}:`);
    for (const rule of inArea) lines.push(`  ${rule.id.padEnd(width)}  ${rule.severity.padEnd(7)}  ${rule.summary}`);
  }
  lines.push('', `Details: npm run lint -- --explain <rule>, or ${absoluteUrl(site.siteUrl, rulesPath(site.basePath))}`);
  return lines.join('\n');
}
