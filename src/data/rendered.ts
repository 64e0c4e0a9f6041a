/**
 * A proposal's or supporting document's rendered body, for pages: read from the file the loader
 * kept it in (see lib/cep/rendered-html.ts), or rendered by Astro where it was not (MDX, images).
 */
import { render, type CollectionEntry } from 'astro:content';
import { readRenderedHtml } from '../lib/cep/rendered-html.ts';

type Rendered = Awaited<ReturnType<typeof render>>;

/** Either the HTML to insert or Astro's `Content` component, with the headings for the TOC. */
export type RenderedBody = { headings: Rendered['headings'] } & ({ html: string } | { Content: Rendered['Content'] });

export async function renderBody(entry: CollectionEntry<'ceps'> | CollectionEntry<'cepPages'>): Promise<RenderedBody> {
  const kept = readRenderedHtml(entry);
  if (kept) return kept;
  const { Content, headings } = await render(entry);
  return { Content, headings };
}

/** A supporting document's title: its front matter's, else its H1, else its file name. */
export async function supportingPageTitle(page: CollectionEntry<'cepPages'>): Promise<string> {
  const name = page.id.split('/').at(-1) ?? page.id;
  return page.data.title ?? (await renderBody(page)).headings.find((heading) => heading.depth === 1)?.text ?? name;
}
