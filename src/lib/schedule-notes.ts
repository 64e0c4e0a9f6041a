/**
 * The `notes` of a sig-release schedule row are markdown, mostly a sentence with a link ("go
 * through the [quarantined tests report](https://…)"). They are read through the markdown parser's
 * tree and reduced to text, emphasis, code and links, so nothing else in them (raw HTML, images,
 * `javascript:` links) reaches the page. Relative links point at the file in kubevirt/sig-release.
 */
import { markdownToMdast, type MdastNode } from 'satteri';

/** Where a schedule's relative links point: its folder in kubevirt/sig-release on GitHub. */
export const sigReleaseBlobUrl = 'https://github.com/kubevirt/sig-release/blob/main/releases/';

export type NotePart =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong' | 'emphasis'; text: string }
  | { kind: 'link'; text: string; href: string };

type Node = { type: string; value?: string; url?: string; children?: Node[] };

const textOf = (node: Node): string => node.value ?? (node.children ?? []).map(textOf).join('');

/** An http(s) address for a link written in the schedule of `version`, or `undefined`. */
export function noteLinkHref(href: string, version: string): string | undefined {
  try {
    const url = new URL(href, `${sigReleaseBlobUrl}${version}/schedule.yaml`);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The parts of one note, in order; a link whose address is not http(s) is kept as its text. */
export function scheduleNoteParts(markdown: string, version: string): NotePart[] {
  const parts: NotePart[] = [];
  const visit = (node: Node) => {
    switch (node.type) {
      case 'text':
        parts.push({ kind: 'text', text: node.value ?? '' });
        return;
      case 'inlineCode':
        parts.push({ kind: 'code', text: node.value ?? '' });
        return;
      case 'strong':
      case 'emphasis':
        parts.push({ kind: node.type, text: textOf(node) });
        return;
      case 'link': {
        const href = noteLinkHref(node.url ?? '', version);
        parts.push(href ? { kind: 'link', text: textOf(node) || href, href } : { kind: 'text', text: textOf(node) });
        return;
      }
      case 'break':
        parts.push({ kind: 'text', text: ' ' });
        return;
      default:
        if (node.children) {
          if (parts.length > 0 && (node.type === 'paragraph' || node.type === 'listItem')) parts.push({ kind: 'text', text: ' ' });
          node.children.forEach(visit);
        } else if (node.value) parts.push({ kind: 'text', text: node.value });
    }
  };
  visit(markdownToMdast(markdown) as MdastNode as unknown as Node);
  return parts;
}
