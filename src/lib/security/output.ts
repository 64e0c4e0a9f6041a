/**
 * Escaping for what the catalogue prints: text from documents and GitHub (titles, labels, board
 * status, check-in excerpts) inserted into a plain-text line or a markdown document must show as
 * written and do nothing else: no workflow command, no HTML, no link, no emphasis.
 */
import { toOutputLine } from '../cep/diagnostics.ts';

export { toOutputLine } from '../cep/diagnostics.ts';

// CommonMark lets a backslash escape any ASCII punctuation; these are the ones that can start
// markup inline (emphasis, code, links, images, HTML, entities, tables, strikethrough, autolinks).
const MARKDOWN_SYNTAX = /[\\`*_{}[\]()<>#!|~&]/g;

/** Untrusted text as one markdown line that renders as exactly that text. */
export function escapeMarkdownText(text: string): string {
  return toOutputLine(text).replace(MARKDOWN_SYNTAX, (character) => `\\${character}`);
}

/** A URL as a markdown link destination: characters that would end or break it percent-encoded. */
export function escapeMarkdownUrl(url: string): string {
  return url.replace(/[\s()<>\\]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
