/**
 * Site and content configuration, from the environment only, so that the same code builds this
 * repository's sample content, a checkout of kubevirt/project-infra, or one of kubevirt/enhancements.
 */
import path from 'node:path';
import { catalogueKinds, type CatalogueKind } from './cep/catalogue-kind.ts';
import { readEnvironment } from './config/environment.ts';

export interface CatalogueConfig {
  kind: CatalogueKind;
  /** Absolute folder holding one folder per proposal (`CEP_CONTENT_DIR`). */
  contentDir: string;
  /** Absolute folder holding `vX.Y/schedule.yaml` files (`CEP_RELEASES_DIR`). */
  releasesDir: string;
  /** Origin the site is served from (`SITE_URL`), e.g. `https://kubevirt.github.io`. */
  siteUrl: string;
  /** Path prefix (`BASE_PATH`), always starting and ending with `/`. */
  basePath: string;
  /** Web address of the folder the proposals are published from, for "view source" links (`CEP_SOURCE_URL`). */
  sourceUrl: string;
  /**
   * Whether `.mdx` proposals may run code (`CEP_TRUSTED_MDX=1`): only when every author of the content
   * folder is trusted with the build machine. Otherwise MDX is markdown only (see docs/security.md).
   */
  trustedMdx: boolean;
}

/** Normalises a base path to `/x/y/` form (`/` for root). */
export function normaliseBasePath(written: string | undefined): string {
  const trimmed = (written ?? '/').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** Reads the configuration; relative folders are resolved against `cwd`. */
export function readCatalogueConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): CatalogueConfig {
  const variables = readEnvironment(env);
  const kind = catalogueKinds[variables.CATALOGUE_KIND];
  return {
    kind,
    contentDir: path.resolve(cwd, variables.CEP_CONTENT_DIR ?? 'content/ceps'),
    releasesDir: path.resolve(cwd, variables.CEP_RELEASES_DIR ?? 'content/releases'),
    siteUrl: (variables.SITE_URL ?? 'http://localhost:4321').replace(/\/+$/, ''),
    basePath: normaliseBasePath(variables.BASE_PATH),
    sourceUrl: (variables.CEP_SOURCE_URL ?? `https://github.com/${kind.sourceRepository}/blob/main/${kind.sourceFolder}`).replace(
      /\/+$/,
      '',
    ),
    trustedMdx: variables.CEP_TRUSTED_MDX,
  };
}

/** Today as YYYY-MM-DD (UTC); `CATALOGUE_TODAY` pins it for reproducible reports and tests. The one reader of "today". */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  return readEnvironment(env).CATALOGUE_TODAY ?? new Date().toISOString().slice(0, 10);
}

/** Link to a proposal file on GitHub, and the matching "edit" link. */
export function sourceLinks(config: Pick<CatalogueConfig, 'sourceUrl'>, sourcePath: string): { view: string; edit: string } {
  const view = `${config.sourceUrl}/${sourcePath}`;
  return { view, edit: view.replace('/blob/', '/edit/') };
}
