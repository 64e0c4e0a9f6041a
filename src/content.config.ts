import { defineCollection, reference } from 'astro:content';
import { z } from 'astro/zod';
import { extraPageLoader, proposalLoader, releaseLoader } from './lib/cep/loader.ts';
import { cepRecordSchema } from './lib/cep/schema.ts';
import { readCatalogueConfig } from './lib/config.ts';
import { trackingLoader } from './lib/github/loader.ts';
import { releaseSchema } from './lib/releases/schedule.ts';
// The build session's one reading of the corpus (src/integrations/catalogue.ts).
import served from 'virtual:cep-catalogue/corpus';

const config = readCatalogueConfig();

/** Tracking state of every CEP's tracking issue, joined to CEPs by `tracking: reference('tracking')`. */
const tracking = defineCollection({
  loader: trackingLoader({
    issueNumbers: async () => served.issueNumbers,
  }),
});

const ceps = defineCollection({
  loader: proposalLoader(config, served),
  schema: cepRecordSchema.extend({ tracking: reference('tracking').describe('Tracking state of the tracking issue.') }),
});
const cepPages = defineCollection({
  loader: extraPageLoader(config, served),
  schema: z.looseObject({ title: z.string().optional() }),
});
const releases = defineCollection({ loader: releaseLoader(served), schema: releaseSchema });

export const collections = { ceps, cepPages, releases, tracking };
