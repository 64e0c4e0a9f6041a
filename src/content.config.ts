import { defineCollection, reference } from 'astro:content';
import { z } from 'astro/zod';
import { readCorpus } from './lib/cep/corpus.ts';
import { extraPageLoader, proposalLoader, releaseLoader } from './lib/cep/loader.ts';
import { cepRecordSchema } from './lib/cep/schema.ts';
import { readCatalogueConfig } from './lib/config.ts';
import { trackingLoader } from './lib/github/loader.ts';
import { releaseSchema } from './lib/releases/schedule.ts';

const config = readCatalogueConfig();

/** Tracking state of every CEP's tracking issue, joined to CEPs by `tracking: reference('tracking')`. */
const tracking = defineCollection({
  loader: trackingLoader({
    issueNumbers: async () => [...new Set(readCorpus(config).ceps.map((cep) => cep.trackingIssue.number))],
  }),
});

const ceps = defineCollection({
  loader: proposalLoader(config),
  schema: cepRecordSchema.extend({ tracking: reference('tracking').describe('Tracking state of the tracking issue.') }),
});
const cepPages = defineCollection({
  loader: extraPageLoader(config),
  schema: z.looseObject({ title: z.string().optional() }),
});
const releases = defineCollection({ loader: releaseLoader(config), schema: releaseSchema });

export const collections = { ceps, cepPages, releases, tracking };
