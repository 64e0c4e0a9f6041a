/**
 * Rules about one proposal document: its file, front matter, number and title, targets and
 * sections (emitted by src/lib/cep/parse.ts). One object per rule id; see registry.ts.
 */
import type { RuleDefinition } from './types.ts';

/** Said of rules whose severity comes from the catalogue kind (src/lib/cep/catalogue-kind.ts). */
const KIND_SEVERITY = 'An error for CEPs; a warning for VEPs (CATALOGUE_KIND=vep), whose older documents are untidy.';

export const documentRules = {
  'binary-file': {
    area: 'files',
    severity: 'error',
    summary: 'The proposal document is not UTF-8 text.',
    description: 'The file holds NUL bytes or bytes that are not valid UTF-8, so it cannot be read as markdown.',
    fix: 'Save the document as UTF-8 markdown; images and other binaries belong beside it, linked from it.',
  },
  'empty-file': {
    area: 'files',
    severity: 'error',
    summary: 'The proposal document is empty.',
    description: 'The file holds nothing but white space, so there is no proposal to publish.',
    fix: 'Start from the template with `npm run new`, or remove the folder.',
  },
  'front-matter-yaml': {
    area: 'front-matter',
    severity: 'error',
    summary: 'The front matter is not valid YAML, or not a mapping.',
    description:
      'A document that starts with `---` must close its front matter with a `---` line, and what lies between must be a YAML mapping of fields (`key: value`). The message names the line of the first YAML error.',
    fix: 'Close the front matter with `---`, and fix the YAML on the line named (quote values holding `:` or `#`).',
  },
  'front-matter-schema': {
    area: 'front-matter',
    severity: 'error',
    summary: 'A front matter field has the wrong type or a value that is not allowed.',
    description:
      'Each field is checked against the front matter schema (served as /schema/cep.schema.json): a status outside the list, a date that is not YYYY-MM-DD, a list written as a string. The message names the field and what was found.',
    fix: 'Write the field as the schema says; the message lists the allowed values when there is a list.',
  },
  'status-missing': {
    area: 'front-matter',
    severity: 'warning',
    summary: 'The front matter has no `status`.',
    description:
      'Front matter is present but does not say where the proposal stands, so the catalogue cannot file it by status. Documents written in the template form (no front matter) are not flagged: the template has no place for a status.',
    fix: 'Add `status: provisional` (or implementable, implemented, …) to the front matter.',
  },
  'missing-h1': {
    area: 'identity',
    severity: 'error',
    summary: 'The document has no H1 heading.',
    description: `The body must start with the proposal's title line, \`# CEP #<number>: <title>\`. ${KIND_SEVERITY}`,
    fix: 'Add the title line at the top of the body: `# CEP #<number>: <title>` (`# VEP #…` for VEPs).',
  },
  'number-mismatch': {
    area: 'identity',
    severity: 'error',
    summary: 'The front matter number, the H1 and the folder name disagree on the proposal number.',
    description: `The number is read from the front matter (\`cep-number\` or \`vep-number\`), the H1 and the folder name (\`<number>-<slug>\`); the first given wins and every other one must agree. ${KIND_SEVERITY} (Not to be confused with the health rule tracking-number-mismatch, about the tracking issue.)`,
    fix: 'Make the folder name, the H1 and the front matter carry the same number.',
  },
  'number-missing': {
    area: 'identity',
    severity: 'error',
    summary: 'No proposal number anywhere.',
    description:
      'Neither the front matter, nor the H1, nor the folder name gives a number, so the proposal has no page and no identity in the catalogue.',
    fix: 'Name the folder `<number>-<slug>` after the tracking issue, and write the number in the H1.',
  },
  'title-mismatch': {
    area: 'identity',
    severity: 'warning',
    summary: 'The H1 title differs from the front matter title.',
    description:
      'Both a front matter `title` and an H1 title are given, and they differ (case and spacing aside). The front matter title is used.',
    fix: 'Make the H1 title and the front matter `title` the same, or drop one of them.',
  },
  'title-placeholder': {
    area: 'identity',
    severity: 'warning',
    summary: "The H1 still holds the template's title.",
    description: 'The H1 reads "Your short, descriptive title" in a numbered proposal folder; the folder name gives the title meanwhile.',
    fix: "Replace the template's title in the H1 with the proposal's title.",
  },
  'title-missing': {
    area: 'identity',
    severity: 'warning',
    summary: 'The H1 is a section name, not a title.',
    description:
      'The document opens with an H1 such as "# Overview", a template section, so it has no title line; the folder name gives the title meanwhile.',
    fix: 'Add the title line `# CEP #<number>: <title>` and make the section an H2.',
  },
  'target-unreadable': {
    area: 'targets',
    severity: 'warning',
    summary: 'A "targets … for version" line names no stage that can be read.',
    description:
      'A line in the body looks like a target line, but which stage (alpha, beta or GA) it targets cannot be told, so it is not used.',
    fix: 'Write it as "This CEP targets <alpha|beta|GA> for version: vX.Y".',
  },
  'release-several': {
    area: 'targets',
    severity: 'warning',
    summary: 'A target line lists several releases.',
    description: 'One stage is targeted at several releases on one line (e.g. "v1.8, v1.9"); the latest is used.',
    fix: 'Keep only the upcoming release; the git history keeps the earlier ones.',
  },
  'release-unreadable': {
    area: 'targets',
    severity: 'warning',
    summary: 'A target release cannot be read.',
    description:
      'A target in the body or in the front matter `milestone` is not a release version (vX.Y) or TBD, so the stage is left without a target.',
    fix: 'Write the release as vX.Y (e.g. v1.10), or TBD while it is not known.',
  },
  'target-mismatch': {
    area: 'targets',
    severity: 'warning',
    summary: 'The body and the front matter target a stage at different releases.',
    description:
      "The body's target line for a stage and the front matter's `milestone.<stage>` name different releases; the front matter's is used. (Not to be confused with the health rule tracking-target-mismatch, about the tracking issue.)",
    fix: 'Make the body line and `milestone.<stage>` name the same release.',
  },
  'target-conflict': {
    area: 'targets',
    severity: 'warning',
    summary: 'Several present-tense lines target one stage at different releases.',
    description:
      'Two or more "targets <stage> for version" lines set different releases; which one is meant cannot be told, so the stage is left unset rather than guessed.',
    fix: 'Keep one target line per stage; write earlier targets as history ("targeted").',
  },
  'section-missing': {
    area: 'sections',
    severity: 'error',
    summary: 'A section the template requires is missing.',
    description: `Every proposal needs the template's required H2 sections (Overview, Motivation, Goals, …; some older names count for VEPs). The message names the missing one. ${KIND_SEVERITY}`,
    fix: 'Add the section as an H2 (`## <name>`) and fill it in.',
  },
  'section-empty': {
    area: 'sections',
    severity: 'error',
    summary: "A required section holds only the template's guidance.",
    description: `The section is there but, once the template's comments and guidance are removed, holds no text of its own. ${KIND_SEVERITY}`,
    fix: "Write the section's content, replacing the template's guidance.",
  },
  'control-character': {
    area: 'files',
    severity: 'error',
    summary: 'A control character (NUL, backspace, escape...) is in the text.',
    description:
      'Control characters other than tab and line breaks are invisible in an editor and can hide text; the finding names their line and column.',
    fix: 'Delete the character (an editor that shows invisible characters helps), or save the file as plain UTF-8 text.',
  },
  'number-too-large': {
    area: 'identity',
    severity: 'error',
    summary: 'The proposal number is too large to be an issue number.',
    description:
      'The number in the folder name or the H1 is above 2147483647, the largest GitHub issue number, so it cannot be the tracking issue.',
    fix: 'Use the number of the tracking issue in the folder name and the H1.',
  },
  'mdx-syntax': {
    area: 'files',
    severity: 'error',
    summary: 'The MDX document does not parse.',
    description: 'The `.mdx` file has a syntax error (an unclosed `{` or `<`, for example), so it cannot be rendered.',
    fix: 'Fix the syntax at the line named, or rename the file to `.md` if it needs no MDX.',
  },
  'image-not-image': {
    area: 'links',
    severity: 'warning',
    summary: 'Image syntax points at a file that is not an image.',
    description: 'An `![...](file)` whose file is not a PNG, JPEG, GIF, WebP, AVIF, SVG or TIFF cannot be shown; it is linked instead.',
    fix: 'Link the file with `[text](file)`, or point the image at an image file.',
  },
} as const satisfies Record<string, RuleDefinition>;
