/**
 * What HTML a rendered proposal may contain: GitHub's own sanitation (hast-util-sanitize's
 * `defaultSchema`, which follows github.com), extended only where the catalogue needs it.
 * Rendering (`sanitiseProposalTree`) and lint (`raw-html.ts`) both read this one schema, so what
 * lint says will be dropped is what the page drops.
 */
import { defaultSchema, type Schema } from 'hast-util-sanitize';

/** Elements removed together with everything inside them (their text is never readable prose). */
const STRIPPED_WITH_CONTENT = [
  'script',
  'style',
  'template',
  'iframe',
  'object',
  'embed',
  'noscript',
  'noembed',
  'noframes',
  'textarea',
  'title',
  'xmp',
  'svg',
  'math',
];

const NO_SCHEME = 'cep-no-absolute-url';

export const proposalHtmlSchema: Schema = {
  ...defaultSchema,
  strip: [...new Set([...(defaultSchema.strip ?? []), ...STRIPPED_WITH_CONTENT])],
  // Heading ids are the anchors other proposals and mailing-list posts link to (`#design`), and
  // GFM footnote ids already carry GitHub's `user-content-` prefix: prefixing them again, as
  // GitHub's clobber rule would, breaks both. The site's scripts read no globals an id could shadow.
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    // The accessible name the task-list plugin gives checkboxes ("done" / "not done").
    input: [...(defaultSchema.attributes?.['input'] ?? []), 'ariaLabel'],
  },
  // Relative URLs are always kept; absolute ones only with these schemes. Images load by
  // themselves, so they must come from the site (a proposal's own files): a scheme no URL has
  // rejects every absolute one (an empty list would allow all). Protocol-relative `//host/x`
  // has no scheme; sanitise-tree.ts removes those.
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
    src: [NO_SCHEME],
    srcSet: [NO_SCHEME],
    longDesc: ['http', 'https'],
  },
};

/**
 * Whether an image URL loads from the site itself: relative, and not protocol-relative (`//host`,
 * or `/\host`, which browsers read the same way).
 */
export function isSiteImageUrl(url: string): boolean {
  const value = url.trim();
  return isSafeUrl(value, []) && !/^[\\/]{2}/.test(value);
}

/** URL schemes a link in a proposal may use; anything else (javascript:, data:, vbscript:, file:) is dropped. */
export const SAFE_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

/**
 * Whether a URL written in a proposal is kept: relative URLs and anchors always, absolute ones
 * with a {@link SAFE_LINK_PROTOCOLS} scheme. Mirrors hast-util-sanitize's protocol test (the scheme
 * is what comes before the first `:` that precedes any `/`, `?` or `#`).
 */
export function isSafeUrl(url: string, protocols: readonly string[] = SAFE_LINK_PROTOCOLS): boolean {
  const value = url.trim();
  const colon = value.indexOf(':');
  const firstDelimiter = Math.min(
    ...['/', '?', '#'].map((character) => value.indexOf(character)).map((index) => (index === -1 ? Infinity : index)),
  );
  if (colon === -1 || colon > firstDelimiter) return true;
  return protocols.includes(value.slice(0, colon).toLowerCase());
}
