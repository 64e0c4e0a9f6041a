/**
 * Helpers that turn untrusted GitHub content (comment bodies, titles, URLs, logins, colours)
 * into values that are safe to store and render.
 *
 * Anyone can comment on a public issue, so everything here assumes hostile input. The site
 * escapes text when rendering; these helpers additionally make sure stored values are plain
 * text and that only links to GitHub survive, so a consumer that forgets to escape, or puts a
 * URL into an href, is still not exploitable.
 */

/** Default cap for check-in excerpts, in characters. */
export const DEFAULT_EXCERPT_LENGTH = 400;

const ELLIPSIS = '…';

/** Elements whose content is never readable text. */
const NON_TEXT_ELEMENTS = /<(script|style|iframe|object|embed|template|noscript|svg|math|textarea|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
/**
 * Control characters plus invisible formatting characters (zero-width, bidi overrides) that
 * can disguise text ("Trojan Source"); tab and newline are handled by whitespace collapsing.
 */
const INVISIBLE_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

/**
 * Converts markdown/HTML from an untrusted comment into a single line of plain text of at most
 * `max` characters (an ellipsis marks a cut). Tags and their attributes are removed entirely
 * (script/style contents too), links keep only their text, images their alt text, markdown
 * syntax is dropped and entities are decoded once.
 *
 * The result contains no `<` that could start a tag, so it stays inert even if rendered unescaped.
 */
export function toPlainExcerpt(markdown: string, max: number = DEFAULT_EXCERPT_LENGTH): string {
  if (max < 1) return '';
  let text = markdown.replace(/\r\n?/g, '\n');
  text = text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ');
  text = text.replace(NON_TEXT_ELEMENTS, ' ');
  text = stripMarkdown(text);
  text = stripTags(text);
  text = decodeEntities(text);
  // Decoding can produce new markup from "&lt;script&gt;"; remove it rather than loop on decode.
  text = stripTags(text);
  text = text.replace(INVISIBLE_CHARACTERS, '');
  text = text.replace(/\s+/g, ' ').trim();
  return truncate(text, max);
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
  const withoutMarkup = stripTags(text.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(NON_TEXT_ELEMENTS, ' '));
  return truncate(withoutMarkup.replace(INVISIBLE_CHARACTERS, '').replace(/\s+/g, ' ').trim(), max);
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

function stripMarkdown(input: string): string {
  let text = input;
  // Fenced code: keep the code as text, drop the fences and info string.
  text = text.replace(/^[ \t]*(```+|~~~+)[^\n]*$/gm, ' ');
  // Images keep their alt text, links their text; the URL (possibly javascript:) is dropped.
  // One level of nested parentheses is allowed in the destination, as in "(javascript:alert(1))".
  const destination = String.raw`\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)`;
  text = text.replace(new RegExp(String.raw`!\[([^\]]*)\]` + destination, 'g'), '$1');
  text = text.replace(new RegExp(String.raw`\[([^\]]*)\]` + destination, 'g'), '$1');
  // Reference-style links and their definitions.
  text = text.replace(/^[ \t]*\[[^\]]+\]:[ \t]*\S+.*$/gm, ' ');
  text = text.replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
  // Autolinks <https://…> would otherwise be removed as tags.
  text = text.replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1');
  // Block syntax at line starts: headings, quotes, list bullets, task boxes, rules, table pipes.
  text = text.replace(/^[ \t]*#{1,6}[ \t]+/gm, '');
  text = text.replace(/^[ \t]*(?:>[ \t]?)+/gm, '');
  text = text.replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, '');
  text = text.replace(/^[ \t]*(?:[-*_][ \t]*){3,}$/gm, ' ');
  text = text.replace(/^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$/gm, ' ');
  text = text.replace(/\|/g, ' ');
  // Inline emphasis and code markers.
  text = text.replace(/(\*\*|__|~~)(?=\S)([\s\S]*?\S)\1/g, '$2');
  text = text.replace(/(^|[^\w*])[*_](?=\S)([^*_\n]*?\S)[*_](?=[^\w*]|$)/gm, '$1$2');
  text = text.replace(/`+/g, '');
  return text;
}

function stripTags(input: string): string {
  // A complete tag, or an unterminated one at the end of the text ("<img src=x onerror=…").
  return input.replace(/<\/?[A-Za-z!?][^>]*(?:>|$)/g, ' ').replace(/<(?=[A-Za-z!?/])/g, '');
}

function decodeEntities(input: string): string {
  return input.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,8});/g, (entity, body: string) => {
    if (body.startsWith('#')) {
      const codePoint = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!Number.isInteger(codePoint) || codePoint <= 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
        return ' ';
      }
      return String.fromCodePoint(codePoint);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
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
