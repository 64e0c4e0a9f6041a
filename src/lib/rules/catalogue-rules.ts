/**
 * Rules about the catalogue as a whole: which files count (src/lib/corpus/discovery.ts), rules
 * across documents (src/lib/corpus/rules.ts), release schedules (src/lib/releases/schedule.ts) and
 * security (src/lib/security/). One object per rule id; see registry.ts.
 */
import type { RuleDefinition } from './types.ts';

export const catalogueRules = {
  'content-folder-missing': {
    area: 'files',
    severity: 'error',
    summary: 'The content folder does not exist.',
    description:
      'The folder of proposal folders (CEP_CONTENT_DIR or --content-dir, default content/ceps) is missing or is not a folder, so there is nothing to check or build.',
    fix: 'Point CEP_CONTENT_DIR (or --content-dir) at the folder holding the proposal folders.',
  },
  'file-not-regular': {
    area: 'files',
    severity: 'error',
    summary: 'A proposal or page is not a regular file.',
    description: 'A name the catalogue would read (a proposal document or a markdown page) is a device, socket or pipe.',
    fix: 'Replace it with a plain file.',
  },
  'symlink-broken': {
    area: 'files',
    severity: 'error',
    summary: 'A symbolic link in the content folder leads nowhere or loops.',
    description: 'A symbolic link points at nothing, at itself through a loop, or at something that cannot be read; it is not published.',
    fix: 'Remove the link, or point it at a file inside the content folder.',
  },
  'file-outside-content': {
    area: 'files',
    severity: 'error',
    summary: 'A symbolic link points outside the content folder.',
    description: 'Only files inside the content folder are published; a link out of it could publish any file of the build machine.',
    fix: 'Copy the file into the proposal folder instead of linking to it.',
  },
  'document-missing': {
    area: 'files',
    severity: 'warning',
    summary: 'A folder looks like a proposal but has no proposal document.',
    description:
      'A folder named `<number>-<slug>` has no cep.md (vep.md for VEPs), so it is not published. When a near miss is there (README.md, CEP.md), the message names it.',
    fix: 'Rename the document to cep.md (vep.md), or move the folder out of the content folder.',
  },
  'number-duplicate': {
    area: 'identity',
    severity: 'error',
    summary: 'Two proposals use the same number.',
    description:
      'Each number names one proposal (and its tracking issue); the message lists the other documents using it. An error for CEPs; a warning for VEPs (CATALOGUE_KIND=vep).',
    fix: 'Give one of them the number of its own tracking issue, in its folder name, H1 and front matter.',
  },
  'release-unknown': {
    area: 'targets',
    severity: 'warning',
    summary: 'A target release has no schedule.',
    description:
      'A stage targets a release for which the releases folder has no `<release>/schedule.yaml`, so its dates are not known. Only checked when some schedule exists.',
    fix: 'Check the release for a typo, or add its schedule to the releases folder.',
  },
  'superseded-by-missing': {
    area: 'replacements',
    severity: 'error',
    summary: 'Status "replaced" without `superseded-by`.',
    description: 'A replaced proposal must name the proposal that replaces it, so readers can follow it.',
    fix: 'Add `superseded-by: <number>` to the front matter.',
  },
  'superseded-by-unknown': {
    area: 'replacements',
    severity: 'error',
    summary: '`superseded-by` names a proposal that is not in the catalogue.',
    description: 'The number in `superseded-by` matches no proposal, so the link would lead nowhere.',
    fix: 'Correct the number, or add the replacing proposal first.',
  },
  'replaces-unknown': {
    area: 'replacements',
    severity: 'error',
    summary: '`replaces` names a proposal that is not in the catalogue.',
    description: 'A number in `replaces` matches no proposal, so the link would lead nowhere.',
    fix: 'Correct the number, or remove it from `replaces`.',
  },
  'replacement-asymmetric': {
    area: 'replacements',
    severity: 'warning',
    summary: 'A replacement is recorded on one side only.',
    description:
      'A proposal says it is superseded by another that does not list it in `replaces` (or the other way round), or sets `superseded-by` while its status is not "replaced".',
    fix: 'Record the replacement on both documents: `replaces: [<old>]` on the new one, `status: replaced` and `superseded-by: <new>` on the old one.',
  },
  'link-broken': {
    area: 'links',
    severity: 'error',
    summary: 'A relative link or image points at a file that does not exist.',
    description:
      'A relative link (to another proposal, a page beside it or an image) resolves to no file, or is not a valid URL path. An error for CEPs; a warning for VEPs (CATALOGUE_KIND=vep).',
    fix: 'Correct the path (relative to the document), or add the missing file.',
  },
  'image-outside': {
    area: 'links',
    severity: 'error',
    summary: "An image lies outside its proposal's folder.",
    description:
      "The build publishes every image it is pointed at, so images are taken only from the proposal's own folder or the shared `assets/` folder of the content folder.",
    fix: "Move the image into the proposal's folder (or assets/) and link it from there.",
  },
  'link-unsafe': {
    area: 'links',
    severity: 'warning',
    summary: 'A link or image whose URL the page does not keep.',
    description:
      'Only http(s), mailto and relative URLs are kept on links; images must be files of the proposal (the site loads nothing from other servers). The page keeps the text only.',
    fix: 'Use an https link, or add the image to the proposal folder and link it relatively.',
  },
  'html-dropped': {
    area: 'security',
    severity: 'warning',
    summary: 'Raw HTML that the sanitiser removes from the page.',
    description:
      'An HTML element or attribute in the markdown is not allowed in proposals (scripts, styles, event handlers, forms, outside images, …) and is dropped or replaced when the page is built.',
    fix: 'Write it as markdown, or remove it; the message says what is dropped.',
  },
  'mdx-code': {
    area: 'security',
    severity: 'error',
    summary: 'An MDX import, export or {expression} would run code at build time.',
    description:
      'MDX code runs on the build machine, so untrusted proposals may contain markdown only; this stops the build unless CEP_TRUSTED_MDX=1 declares the content trusted.',
    fix: 'Remove the import/export or expression; write a literal brace as `\\{`, or rename the file to .md.',
  },
  'mdx-jsx-dropped': {
    area: 'security',
    severity: 'warning',
    summary: 'A JSX element in untrusted MDX is dropped from the page.',
    description: 'The catalogue provides no components, and in MDX HTML is JSX: the element and its content are left out of the page.',
    fix: 'Use markdown, or a .md file for HTML.',
  },
  'mdx-invalid': {
    area: 'security',
    severity: 'error',
    summary: 'An .mdx file that is not valid MDX.',
    description: "The MDX parser cannot read the file, so the build could not compile it; the message gives the parser's reason.",
    fix: 'Fix the MDX syntax (an unclosed tag or a stray `{` or `<`), or rename the file to .md.',
  },
  'image-svg-unsafe': {
    area: 'security',
    severity: 'error',
    summary: 'An SVG image with active content.',
    description:
      "The SVG holds scripts, event handlers, foreignObject, outside references or a DTD; published on the site's origin, it could run code.",
    fix: 'Remove that content from the drawing, or export it as PNG.',
  },
  'schedule-folder': {
    area: 'schedules',
    severity: 'error',
    summary: 'A schedule lies in a folder that is not a release version.',
    description: 'Schedules live in `<releases>/vX.Y/schedule.yaml`; the folder name gives the release.',
    fix: 'Move the file into a folder named after its release (vX.Y).',
  },
  'schedule-yaml': {
    area: 'schedules',
    severity: 'error',
    summary: 'A schedule is not valid YAML, or not a list of rows.',
    description:
      'The schedule must be a YAML list of rows (`- when: … who: … what: …`); the message names the line of the first YAML error.',
    fix: 'Fix the YAML on the line named, keeping one list item per row.',
  },
  'schedule-row': {
    area: 'schedules',
    severity: 'warning',
    summary: 'A schedule row is skipped.',
    description: 'The row is not a mapping, its `when` is not a date (YYYY-MM-DD or YYYY/MM/DD), or its `what` is empty.',
    fix: 'Give the row a `when` date and a `what`.',
  },
  'schedule-key-date': {
    area: 'schedules',
    severity: 'warning',
    summary: 'A schedule lacks a key date.',
    description:
      'No row reads as the Enhancement Freeze, the Code Freeze or GA, so the release pages and health findings cannot use that date.',
    fix: 'Add the row, or name its milestone the way other schedules do ("Enhancement Freeze", "Code Freeze", "GA").',
  },
  'schedule-duplicate': {
    area: 'schedules',
    severity: 'error',
    summary: 'Two schedules for one release.',
    description:
      'Two files describe the same release (`v1.10/` beside `1.10.0/`, or schedule.yml beside schedule.yaml); neither silently replaces the other.',
    fix: 'Keep one of the two files.',
  },
  'schedule-date': {
    area: 'schedules',
    severity: 'error',
    summary: 'A schedule date is not a day of the calendar.',
    description:
      'A `when` written like a date (`2027/02/30`, `2026-13-45`) that names no real day; it would be shown as a date nobody can keep.',
    fix: 'Correct the month or the day in the schedule (in kubevirt/sig-release).',
  },
  'schedule-cell': {
    area: 'schedules',
    severity: 'error',
    summary: 'A schedule cell is a mapping or a list, not text.',
    description: 'YAML reads `a: b` or `[x]` inside a cell as structure, which the schedule table cannot show as written.',
    fix: 'Write the cell on one line, quoted if it holds ": " or starts with "[" or "{".',
  },
} as const satisfies Record<string, RuleDefinition>;
