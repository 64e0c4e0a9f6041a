// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { readCatalogueConfig } from './src/lib/config.ts';
import { catalogueIntegration } from './src/integrations/catalogue.ts';
import { astroFolders } from './src/lib/cache/published-output.ts';
import { pagefindIntegration } from './src/integrations/pagefind.ts';
import { proposalPagesGlob } from './src/lib/urls.ts';
import { proposalHastPlugins, proposalMarkdownPlugins } from './src/lib/cep/markdown-plugins.ts';
import { shikiConfig } from './src/lib/cep/highlighting.ts';

const catalogue = readCatalogueConfig();

export default defineConfig({
  site: catalogue.siteUrl,
  base: catalogue.basePath,
  trailingSlash: 'always',
  // OUT_DIR and ASTRO_CACHE_DIR; scripts/build.ts checks the output in the same folders.
  // Separate caches let test builds run side by side without sharing a data store.
  ...astroFolders(process.env),
  markdown: {
    processor: satteri({ mdastPlugins: proposalMarkdownPlugins(catalogue), hastPlugins: proposalHastPlugins(catalogue) }),
    shikiConfig,
  },
  integrations: [catalogueIntegration(catalogue), mdx(), sitemap(), pagefindIntegration({ glob: proposalPagesGlob(catalogue) })],
  // Pages are written while the next ones render (Astro's default renders and writes one at a time).
  build: { concurrency: 4 },
  // A rebuild renders again only the pages whose cacheKey (src/data/page-cache.ts) or code changed.
  experimental: { incrementalBuild: true },
  // Every bundled script and asset is a file of its own, never inlined into the page, so pages stay
  // the same from build to build. (Two small inline scripts are written as such: the permalink
  // redirect and OpenOnWideScreens.astro.)
  vite: { build: { assetsInlineLimit: 0 } },
});
