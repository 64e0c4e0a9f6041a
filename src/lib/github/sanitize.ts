/**
 * Helpers that turn untrusted GitHub content (comment bodies, titles, URLs, logins, colours)
 * into values that are safe to store and render.
 *
 * Anyone can comment on a public issue, so everything here assumes hostile input. The site
 * escapes text when rendering; these helpers additionally make sure stored values are plain
 * text and that only links to GitHub survive, so a consumer that forgets to escape, or puts a
 * URL into an href, is still not exploitable.
 */
import { readMarkdown } from '../markdown/reader.ts';
import { visibleText } from '../markdown/visible-text.ts';

/** Default cap for check-in excerpts, in characters. */
export const DEFAULT_EXCERPT_LENGTH = 400;

const ELLIPSIS = '…';

/** Elements whose content is never readable text (in titles and other one-line fields, which are not markdown). */
const NON_TEXT_ELEMENTS = /<(script|style|iframe|object|embed|template|noscript|svg|math|textarea|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
/** URL schemes that run code when followed; invisible characters are already gone, so they cannot split one. */
const SCRIPT_SCHEMES = /\b(?:java|vb)script:/gi;
/**
 * Control characters plus invisible formatting characters (zero-width, bidi overrides) that
 * can disguise text ("Trojan Source"); tab and newline are handled by whitespace collapsing.
 */
const INVISIBLE_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/**
 * Converts markdown/HTML from an untrusted comment into a single line of plain text of at most
 * `max` characters (an ellipsis marks a cut): the text a reader sees of it, read by the one
 * markdown reader with its raw HTML parsed as a browser parses it (src/lib/markdown/visible-text.ts).
 * Links keep only their text, images their alt text, code its text; tags, comments and the content
 * of scripts, styles and the like are gone. Text inside a raw HTML block is shown as written, as
 * GitHub shows it: a `<div>` line runs to the next blank line and its markdown is not read.
 *
 * The result contains no `<` that could start a tag, so it stays inert even if rendered unescaped:
 * text that reads as a tag once entities are decoded (`&lt;script&gt;`) is removed too. A script URL
 * scheme written as text (`[x](javascript:alert('a b'))` is no link for markdown, the space ends the
 * address) is removed, so no stored excerpt carries one for a consumer that turns text into links.
 */
export function toPlainExcerpt(markdown: string, max: number = DEFAULT_EXCERPT_LENGTH): string {
  if (max < 1) return '';
  const text = visibleText(readMarkdown(markdown.replace(/\r\n?/g, '\n')).root);
  return truncate(oneInertLine(text).replace(SCRIPT_SCHEMES, '').replace(/\s+/g, ' ').trim(), max);
}

/**
 * Keeps a URL only if it is an https (or the configured server's) URL on an allowed origin and
 * carries no credentials; anything else (javascript:, data:, other hosts, garbage) becomes null.
 *
 * @param url untrusted value
 * @param allowedOrigins origins such as `https://github.com` (default) or a GitHub Enterprise host
 * @returns the normalised URL, or null
 */
export function safeUrl(url: unknown, allowedOrigins: readonly string[] = ['https://github.com']): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (!allowedOrigins.includes(parsed.origin)) return null;
  return parsed.href;
}

/**
 * Plain-text version of a short untrusted string such as an issue or PR title, label, milestone
 * or board status: one line, no invisible characters, no HTML tags (a `<` that could start one is
 * removed, as in {@link toPlainExcerpt}; "a < b" stays), capped.
 */
export function toPlainLine(text: string, max = 300): string {
  return truncate(oneInertLine(text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(NON_TEXT_ELEMENTS, ' ')), max);
}

/** A GitHub login (`octocat`, `dependabot[bot]`), or null when the value is not one. */
export function safeLogin(login: unknown): string | null {
  if (typeof login !== 'string') return null;
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login) ? login : null;
}

/** A six-digit hex colour without `#` (as GitHub reports label colours), lower-cased, or null. */
export function safeColor(color: unknown): string | null {
  if (typeof color !== 'string') return null;
  return /^[0-9a-fA-F]{6}$/.test(color) ? color.toLowerCase() : null;
}

/**
 * One line of text that no consumer can read as markup. Invisible characters go first, so that
 * `<\u200Bscript>` cannot become a tag once they are removed.
 */
function oneInertLine(text: string): string {
  return stripTags(text.replace(INVISIBLE_CHARACTERS, '')).replace(/\s+/g, ' ').trim();
}

function stripTags(input: string): string {
  // A complete tag, or an unterminated one at the end of the text ("<img src=x onerror=…").
  return input.replace(/<\/?[A-Za-z!?][^>]*(?:>|$)/g, ' ').replace(/<(?=[A-Za-z!?/])/g, '');
}

function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  // Cut on a code-point boundary, preferably at a word boundary not too far back.
  const hard = characters.slice(0, max - 1).join('');
  const lastSpace = hard.lastIndexOf(' ');
  const cut = lastSpace >= hard.length * 0.6 ? hard.slice(0, lastSpace) : hard;
  return cut.trimEnd() + ELLIPSIS;
}
