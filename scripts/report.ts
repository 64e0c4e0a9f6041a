/** `npm run report -- --release vX.Y --kind <kind>`: reports for kubevirt-dev mails and tracking issues. */
import { readCatalogueState } from '../src/lib/catalogue-state.ts';
import { normaliseRelease } from '../src/lib/cep/release-version.ts';
import { readCatalogueKind, type CatalogueKind } from '../src/lib/cep/catalogue-kind.ts';
import { readCatalogueConfig, today as todayOf } from '../src/lib/config.ts';
import { releaseDashboard } from '../src/lib/releases/dashboard.ts';
import { renderReport, reportFormats, reportKinds, type ReportFormat, type ReportKind } from '../src/lib/reports/reports.ts';
import { parseCliArguments, runCli, UsageError } from './cli.ts';

/** The help, in the words of the catalogue's kind (`CATALOGUE_KIND`). */
const usageOf = ({ prefix }: Pick<CatalogueKind, 'prefix'>) => `
Usage: npm run report -- --release vX.Y --kind <kind> [--format text|markdown] [--today YYYY-MM-DD]

Writes a report to standard output, ready to paste into a mail to kubevirt-dev or a comment on a
tracking issue. Links are absolute, from SITE_URL and BASE_PATH.

Kinds:
  ef-announcement   the ${prefix}s accepted for the release, with owners and links (at Enhancement Freeze)
  weekly            every tracked ${prefix}: new check-ins, stale ones (> 7 days), PRs merged, findings
  post-cf           SIG-CI's post-Code-Freeze checklist per ${prefix}, each item with what the data says

Options:
  --release vX.Y        release (required), e.g. v1.10
  --kind KIND           report kind (required)
  --format FORMAT       text (default) or markdown
  --today YYYY-MM-DD    the day to report for (default: CATALOGUE_TODAY or today)
  -h, --help            show this help

Tracking state comes from the last build's cache, else content/tracking.snapshot.json
(run npm run sync first for fresh data).
`;

runCli('report', async () => {
  const options = parseCliArguments(
    process.argv.slice(2),
    {
      release: { type: 'string' },
      kind: { type: 'string' },
      format: { type: 'string', default: 'text' },
      today: { type: 'string' },
    },
    usageOf(readCatalogueKind()),
  );
  const kind = options.kind as ReportKind | undefined;
  if (!kind || !reportKinds.includes(kind))
    throw new UsageError(`--kind must be one of ${reportKinds.join(', ')}${options.kind ? ` (got "${options.kind}")` : ''}`);
  const format = options.format as ReportFormat;
  if (!reportFormats.includes(format)) throw new UsageError(`--format must be text or markdown (got "${options.format}")`);
  const version = normaliseRelease(options.release);
  if (!version) throw new UsageError(`--release must be a release such as v1.10${options.release ? ` (got "${options.release}")` : ''}`);
  const config = readCatalogueConfig();
  const today = todayOf(options.today ? { CATALOGUE_TODAY: options.today } : process.env);
  const state = await readCatalogueState(config, today);
  const release = state.corpus.releases.find((candidate) => candidate.version === version);
  if (!release) {
    const known = state.corpus.releases.map((candidate) => candidate.version).join(', ') || 'none';
    throw new Error(`no schedule for ${version} in ${config.releasesDir} (known: ${known})`);
  }
  const dashboard = releaseDashboard(release, state.corpus.ceps, state.tracking, state.health);
  process.stdout.write(
    renderReport(kind, dashboard, { kind: config.kind, format, siteUrl: config.siteUrl, basePath: config.basePath, today }),
  );
  if (state.trackingSource)
    process.stderr.write(`report: tracking state as of ${state.trackingSource.generatedAt} (${state.trackingSource.kind})\n`);
  else process.stderr.write('report: no tracking state found; run npm run sync\n');
});
