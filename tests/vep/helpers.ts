import { fileURLToPath } from 'node:url';
import { readCorpus } from '../../src/lib/cep/corpus.ts';
import { catalogueKinds } from '../../src/lib/cep/catalogue-kind.ts';
import { parseCepSource } from '../../src/lib/cep/parse.ts';
import { readCatalogueConfig } from '../../src/lib/config.ts';

/** The VEP-shaped test corpus: `<sig>/<number>-<slug>/vep.md`, one variant of the real VEPs per folder. */
export const fixturesDir = fileURLToPath(new URL('../fixtures/veps', import.meta.url));

/** Reads a folder as a VEP catalogue configured from the environment alone; paths are shown relative to it. */
export function readVepCorpus(contentDir = fixturesDir, releasesDir = `${contentDir}/no-releases`) {
  const config = readCatalogueConfig({ CATALOGUE_KIND: 'vep', CEP_CONTENT_DIR: contentDir, CEP_RELEASES_DIR: releasesDir }, contentDir);
  return { config, corpus: readCorpus(config, contentDir) };
}

/** Parses `source` as if it were `<relativePath>` in a VEP catalogue. */
export function parseVep(source: string | Uint8Array, relativePath = 'sig-compute/120-example/vep.md') {
  return parseCepSource(source, { kind: catalogueKinds.vep, relativePath, displayPath: relativePath });
}
