/**
 * The rules that need more than one document: unique numbers, replacements both ways, targets
 * with a schedule, relative links that resolve, and images that stay inside their proposal's
 * folder (or the shared assets folder), since the build copies every image it is pointed at.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../cep/diagnostics.ts';
import { imagePlace, pathInContent, readLink, realpathOrSelf } from '../cep/links.ts';
import type { RelativeLink } from '../cep/markdown.ts';
import { targetStages } from '../cep/vocabulary.ts';
import type { CatalogueConfig } from '../config.ts';
import type { Release } from '../releases/schedule.ts';
import type { LintRuleId } from '../rules/registry.ts';
import { displayPath, toPosix } from './discovery.ts';
import type { ParsedDocument } from './parse-cache.ts';

export interface CorpusDocument extends ParsedDocument {
  /** Absolute path. */
  filePath: string;
  /** Path relative to the content folder, `/`-separated. */
  relativePath: string;
}

/** A file whose relative links are checked: a proposal, or an extra page beside one. */
export interface LinkSource {
  filePath: string;
  relativePath: string;
  links: readonly RelativeLink[];
}

export function checkCorpus(
  documents: readonly CorpusDocument[],
  releases: readonly Release[],
  config: CatalogueConfig,
  extraPages: readonly LinkSource[],
  cwd: string,
): Diagnostic[] {
  return [...checkNumbersAndReplacements(documents, releases, config, cwd), ...checkLinks([...documents, ...extraPages], config, cwd)];
}

function checkNumbersAndReplacements(
  documents: readonly CorpusDocument[],
  releases: readonly Release[],
  config: CatalogueConfig,
  cwd: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const prefix = config.kind.prefix;
  const at = (
    document: CorpusDocument,
    where: { line: number; column: number },
    severity: Diagnostic['severity'],
    rule: LintRuleId,
    message: string,
  ) => diagnostics.push({ file: displayPath(document.filePath, cwd), ...where, severity, rule, message });

  const byNumber = new Map<number, CorpusDocument[]>();
  for (const document of documents) {
    if (!document.record) continue;
    byNumber.set(document.record.number, [...(byNumber.get(document.record.number) ?? []), document]);
  }
  for (const [number, owners] of byNumber) {
    if (owners.length < 2) continue;
    for (const document of owners) {
      const others = owners.filter((other) => other !== document).map((other) => other.relativePath);
      at(
        document,
        document.locate(['cep-number']),
        config.kind.inconsistencySeverity,
        'number-duplicate',
        `${prefix} ${number} is also used by ${others.join(', ')}`,
      );
    }
  }

  const knownReleases = new Set(releases.map((release) => release.version));
  for (const document of documents) {
    const record = document.record;
    if (!record) continue;
    if (knownReleases.size > 0) {
      for (const stage of targetStages) {
        const release = record.targets[stage];
        if (release && !knownReleases.has(release)) {
          at(
            document,
            document.locate(['milestone', stage]),
            'warning',
            'release-unknown',
            `${stage} target ${release} has no schedule in ${displayPath(config.releasesDir, cwd)}/${release}/schedule.yaml`,
          );
        }
      }
    }
    const single = (number: number) => byNumber.get(number)?.[0]?.record;
    if (record.status === 'replaced' && record.supersededBy === undefined) {
      at(
        document,
        document.locate(['status']),
        'error',
        'superseded-by-missing',
        `status is "replaced" but "superseded-by" does not name the replacing ${prefix}`,
      );
    }
    if (record.supersededBy !== undefined) {
      const successor = single(record.supersededBy);
      if (!successor) {
        at(
          document,
          document.locate(['superseded-by']),
          'error',
          'superseded-by-unknown',
          `superseded-by: no ${prefix} ${record.supersededBy} in the catalogue`,
        );
      } else if (!successor.replaces.includes(record.number)) {
        at(
          document,
          document.locate(['superseded-by']),
          'warning',
          'replacement-asymmetric',
          `superseded-by ${prefix} ${successor.number}, but ${prefix} ${successor.number} does not list ${record.number} in "replaces"`,
        );
      }
      if (record.status !== 'replaced') {
        at(
          document,
          document.locate(['status']),
          'warning',
          'replacement-asymmetric',
          `"superseded-by" is set but status is "${record.status ?? 'unset'}", not "replaced"`,
        );
      }
    }
    for (const replaced of record.replaces) {
      const predecessor = single(replaced);
      if (!predecessor) {
        at(document, document.locate(['replaces']), 'error', 'replaces-unknown', `replaces: no ${prefix} ${replaced} in the catalogue`);
      } else if (predecessor.supersededBy !== record.number) {
        at(
          document,
          document.locate(['replaces']),
          'warning',
          'replacement-asymmetric',
          `replaces ${prefix} ${replaced}, but ${prefix} ${replaced} is not marked "superseded-by: ${record.number}"`,
        );
      }
    }
  }
  return diagnostics;
}

function checkLinks(sources: readonly LinkSource[], config: CatalogueConfig, cwd: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // Links between proposals point at the same few files again and again.
  const existing = new Map<string, boolean>();
  const exists = (file: string) => {
    let found = existing.get(file);
    if (found === undefined) existing.set(file, (found = existsSync(file)));
    return found;
  };
  for (const source of sources) {
    for (const written of source.links) {
      const report = (severity: Diagnostic['severity'], rule: LintRuleId, message: string) =>
        diagnostics.push({ file: displayPath(source.filePath, cwd), line: written.line, column: written.column, severity, rule, message });
      const what = `${written.image ? 'image' : 'link'} "${written.target}"`;
      const link = readLink(source.filePath, written.target);
      if (link.kind === 'invalid') report(config.kind.linkSeverity, 'link-broken', `${written.image ? 'image' : 'link'} ${link.problem}`);
      if (link.kind !== 'file') continue;
      if (!exists(link.file)) {
        const shown = pathInContent(config, link) ?? toPosix(path.relative(config.contentDir, link.file));
        report(config.kind.linkSeverity, 'link-broken', `${what} points at ${shown}, which does not exist`);
        continue;
      }
      // The build copies an image wherever it is: it must not be able to reach outside.
      const place = written.image ? imagePlace(config, source.filePath, link, realpathOrSelf, exists) : undefined;
      if (place?.kind === 'outside') {
        report(
          'error',
          'image-outside',
          `${what} resolves to ${displayPath(place.realFile, cwd)}, outside this proposal's folder and the shared ${displayPath(place.sharedAssets, cwd)}/ folder; images are published only from there`,
        );
      }
    }
  }
  return diagnostics;
}
