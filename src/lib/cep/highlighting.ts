/**
 * Syntax highlighting that does not depend on how busy the machine is.
 *
 * Shiki stops tokenizing a line after 500 ms by default and leaves the rest of it as one plain
 * token, so the same code block could be published with different markup from one build to the
 * next on a loaded CI runner (the text stays the same, the highlighting and the page's digest do
 * not). Astro's `shikiConfig` has no setting for the limit; a transformer's `preprocess` hook
 * receives the options the tokenizer is about to use, and 0 turns the limit off.
 */
import type { ShikiConfig } from 'astro';
import type { ShikiTransformer } from 'shiki';

export const highlightingWithoutTimeLimit: ShikiTransformer = {
  name: 'cep-highlighting-without-time-limit',
  preprocess(_code, options) {
    options.tokenizeTimeLimit = 0;
  },
};

/**
 * The site's Shiki settings, for astro.config.mjs and for tests that render with the real processor.
 * github-dark's comment colour fails WCAG contrast (3:1); github-dark-default passes for every token.
 */
export const shikiConfig: Partial<ShikiConfig> = {
  theme: 'github-dark-default',
  transformers: [highlightingWithoutTimeLimit],
};
