import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { extraPageLoader, proposalLoader, releaseLoader } from './lib/cep/loader.ts';
import { cepRecordSchema } from './lib/cep/schema.ts';
import { readCatalogueConfig } from './lib/config.ts';
import { releaseSchema } from './lib/releases/schedule.ts';

const config = readCatalogueConfig();

const ceps = defineCollection({ loader: proposalLoader(config), schema: cepRecordSchema });
const cepPages = defineCollection({
  loader: extraPageLoader(config),
  schema: z.looseObject({ title: z.string().optional() }),
});
const releases = defineCollection({ loader: releaseLoader(config), schema: releaseSchema });

export const collections = { ceps, cepPages, releases };
