/**
 * `npm run lint`: checks every proposal and release schedule with the rules the build uses.
 * Exit 1 on errors, 0 when there are only warnings.
 */
import { readCatalogueState } from '../src/lib/catalogue-state.ts';
import { displayPath } from '../src/lib/cep/corpus.ts';
import type { Diagnostic } from '../src/lib/cep/diagnostics.ts';
import { healthFindings } from '../src/lib/health/findings.ts';
import {
  formatDiagnostic,
  formatGithubAnnotation,
  sortDiagnostics,
  summariseDiagnostics,
  countBySeverity,
} from '../src/lib/cep/diagnostics.ts';
import { readCatalogueKind, type CatalogueKind } from '../src/lib/cep/catalogue-kind.ts';
import { readCatalogueConfig, today } from '../src/lib/config.ts';
import { explainRule, listRules, ruleHelpUrl } from '../src/lib/rules/explain.ts';
import { parseCliArguments, runCli, UsageError } from './cli.ts';

/** The help, in the words of the catalogue's kind (`CATALOGUE_KIND`). */
const usageOf = ({ prefix }: Pick<CatalogueKind, 'prefix'>) => `
Usage: npm run lint -- [options]

Checks every ${prefix} document and release schedule: schema, required sections, numbers,
releases, replacements and relative links. Exit code 1 when there are errors.

Options:
  --format text|json   output format (default text: path:line:column  severity  message (rule))
  --content-dir DIR    folder of ${prefix} folders (default: CEP_CONTENT_DIR or content/ceps)
  --releases-dir DIR   folder of vX.Y/schedule.yaml files (default: CEP_RELEASES_DIR or content/releases)
  --errors-only        do not print warnings
  --no-health          skip the health findings from the tracking data (they are warnings)
  --explain RULE       print what a rule finds and how to fix it (e.g. --explain link-broken)
  --rules              list every rule, by area
  -h, --help           show this help

Every rule is described on the site's rules page (<site>/rules/); JSON output gives each finding's
link there as "help".

Environment: CATALOGUE_KIND=cep|vep, CEP_CONTENT_DIR, CEP_RELEASES_DIR. Under GitHub Actions
(GITHUB_ACTIONS=true) each finding is also printed as an annotation on the file.

Health findings (rule ids "health/…") come from the last tracking state: the build cache, else
content/tracking.snapshot.json. They are warnings: GitHub's state never fails a lint or a build.
`;

runCli('lint', async () => {
  const options = parseCliArguments(
    process.argv.slice(2),
    {
      format: { type: 'string', default: 'text' },
      'content-dir': { type: 'string' },
      'releases-dir': { type: 'string' },
      'errors-only': { type: 'boolean', default: false },
      'no-health': { type: 'boolean', default: false },
      explain: { type: 'string' },
      rules: { type: 'boolean', default: false },
    },
    usageOf(readCatalogueKind()),
  );
  if (options.format !== 'text' && options.format !== 'json')
    throw new UsageError(`--format must be "text" or "json", not "${options.format}"`);
  if (options.explain !== undefined || options.rules) {
    const siteConfig = readCatalogueConfig(process.env);
    const site = { siteUrl: siteConfig.siteUrl, basePath: siteConfig.basePath };
    // An unknown id is a usage error (exit 2), naming the id and how to see the known ones.
    process.stdout.write(`${options.explain !== undefined ? explainRule(options.explain, site) : listRules(site)}\n`);
    return 0;
  }
  const config = readCatalogueConfig({
    ...process.env,
    ...(options['content-dir'] ? { CEP_CONTENT_DIR: options['content-dir'] } : {}),
    ...(options['releases-dir'] ? { CEP_RELEASES_DIR: options['releases-dir'] } : {}),
  });
  const state = await readCatalogueState(config, today());
  const corpus = state.corpus;
  const health: Diagnostic[] = options['no-health']
    ? []
    : corpus.documents.flatMap((document) => {
        const record = document.record;
        if (!record) return [];
        return healthFindings(record, state.tracking.get(record.trackingIssue.number), state.health)
          .filter((finding) => finding.rule !== 'tracking-stale')
          .map((finding) => ({
            file: displayPath(document.filePath),
            line: 1,
            column: 1,
            severity: 'warning' as const,
            message: finding.message,
            rule: `health/${finding.rule}`,
          }));
      });
  const all = [...corpus.diagnostics, ...health];
  const diagnostics = sortDiagnostics(all).filter((diagnostic) => !options['errors-only'] || diagnostic.severity === 'error');
  const { errors } = countBySeverity(all);
  if (options.format === 'json') {
    const site = { siteUrl: config.siteUrl, basePath: config.basePath };
    const withHelp = diagnostics.map((diagnostic) => ({ ...diagnostic, help: ruleHelpUrl(diagnostic.rule, site) }));
    process.stdout.write(
      `${JSON.stringify({ documents: corpus.documents.length, ...countBySeverity(all), diagnostics: withHelp }, null, 2)}\n`,
    );
  } else {
    // A missing content folder is already an error of its own; do not say it twice.
    if (corpus.documents.length === 0 && errors === 0)
      process.stderr.write(`lint: no ${config.kind.prefix} documents found in ${config.contentDir}\n`);
    for (const diagnostic of diagnostics) process.stdout.write(`${formatDiagnostic(diagnostic)}\n`);
    process.stdout.write(`${summariseDiagnostics(all, corpus.documents.length)}\n`);
  }
  if (process.env['GITHUB_ACTIONS'] === 'true') {
    for (const diagnostic of diagnostics) process.stdout.write(`${formatGithubAnnotation(diagnostic)}\n`);
  }
  return errors > 0 || corpus.documents.length === 0 ? 1 : 0;
});
