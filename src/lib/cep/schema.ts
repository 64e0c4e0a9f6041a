/**
 * The CEP model, in two schemas:
 * - {@link frontMatterSchema}: what an author writes in YAML front matter (kebab-case, as proposed for
 *   KubeVirt proposals by meta-VEP 282). Published as JSON Schema for editors.
 * - {@link cepRecordSchema}: the normalised record every CEP becomes, whichever form it was written in.
 *   The content collection, the linter, the API and the reports all read this one.
 */
import { z } from 'zod';
import { cepStages, cepStatuses, exceptionStates, isCalendarDate } from './vocabulary.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
// A real calendar day: "2026-02-30" would otherwise become 2 March, and "2026-13-45" no date at all.
const dateField = () =>
  z
    .string({ error: 'must be a date written "YYYY-MM-DD" (quote it in YAML)' })
    .regex(isoDate, { error: 'must be a date written "YYYY-MM-DD"', abort: true })
    .refine(isCalendarDate, { error: 'is not a day of the calendar (check the month and the day)' });
/** A date in the record: always a real calendar day. */
const recordDate = () => z.string().refine(isCalendarDate, { error: 'must be a real calendar day written "YYYY-MM-DD"' });
const handle = z.string().min(1).describe('A GitHub handle, written "@login".');
const writtenRelease = z
  .union([z.string(), z.number()], { error: 'must be a release such as "v1.10", or "TBD"' })
  .nullable()
  .describe('A release such as "v1.10"; "1.10", "v1.10.0" and "v1.10." are read as v1.10, "TBD"/"N/A" as not set.');
const proposalNumber = z.number().int().positive();
const proposalReference = z
  .union([proposalNumber, z.string()], { error: 'must be a proposal number such as 4188' })
  .nullable()
  .describe('A CEP number (e.g. 4188) or folder name (e.g. "4188-test-artifact-retention").');

/**
 * A web address: http or https only, so that no `javascript:`, `data:` or `file:` URL written in
 * front matter becomes a link on the site or in the API (docs/security.md).
 */
const webUrl = () => z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** An exception request as written in front matter. */
export const exceptionSchema = z
  .object({
    release: writtenRelease.describe('The release the exception is for, e.g. "v1.10".'),
    state: z.enum(exceptionStates).describe('Where the request stands: requested, granted or denied.'),
    link: webUrl().optional().describe('Link to the request thread on the kubevirt-dev mailing list.'),
    requested: dateField().optional().describe('Date the exception was asked for (YYYY-MM-DD).'),
    reason: z.string().optional().describe('One line on why the exception was asked for.'),
  })
  .describe('An exception asked for on kubevirt-dev, to continue work past Enhancement or Code Freeze.');

/** YAML front matter of a CEP, as the author writes it. Unknown keys are allowed and ignored. */
export const frontMatterSchema = z
  .looseObject({
    title: z.string().min(1).optional().describe('Short descriptive title; the H1 gives it when omitted.'),
    'cep-number': proposalNumber
      .optional()
      .describe('The CEP number: by convention the number of its tracking issue in kubevirt/project-infra.'),
    'creation-date': dateField().optional().describe('Date the CEP was first proposed (YYYY-MM-DD).'),
    'last-updated': dateField().optional().describe('Date the CEP was last changed (YYYY-MM-DD).'),
    status: z.enum(cepStatuses).optional().describe('Lifecycle status of the proposal.'),
    stage: z.enum(cepStages).nullable().optional().describe('Maturity stage the feature has reached.'),
    authors: z.array(handle).optional().describe('Authors of the proposal.'),
    'owning-sig': z.string().min(1).optional().describe('The SIG that owns the proposal (default sig-ci).'),
    'participating-sigs': z.array(z.string()).nullable().optional().describe('Other SIGs involved.'),
    reviewers: z.array(handle).nullable().optional().describe('Reviewers assigned by the owning SIG.'),
    approvers: z.array(handle).nullable().optional().describe('Approvers of the proposal.'),
    'tracking-issue': z
      .union([proposalNumber, z.string().regex(/^#?\d+$/), webUrl()], { error: 'must be the tracking issue number or its https:// URL' })
      .optional()
      .describe('The tracking issue: its number in the tracking repository, or its full URL.'),
    milestone: z
      .object({
        alpha: writtenRelease.optional().describe('Release targeted for alpha.'),
        beta: writtenRelease.optional().describe('Release targeted for beta.'),
        stable: writtenRelease.optional().describe('Release targeted for stable (GA).'),
      })
      .nullable()
      .optional()
      .describe('Target release per stage.'),
    replaces: z
      .union([proposalReference, z.array(proposalReference)])
      .optional()
      .describe('The CEP(s) this one replaces.'),
    'superseded-by': proposalReference.optional().describe('The CEP that replaces this one (status "replaced").'),
    exceptions: z.array(exceptionSchema).nullable().optional().describe('Exceptions asked for, per release.'),
  })
  .describe('Front matter of a CI Enhancement Proposal (CEP) in kubevirt/project-infra docs/ci-enhancements.');

export type CepFrontMatter = z.infer<typeof frontMatterSchema>;

const releaseVersion = z.string().regex(/^v\d+\.\d+$/);

/** A checkbox of the release signoff checklist. */
export const checklistItemSchema = z.object({
  text: z.string().describe('The item text, without the "(R)" marker.'),
  checked: z.boolean().describe('Whether the box is ticked.'),
  required: z.boolean().describe('Marked "(R)": required before targeting a release.'),
});

/** The normalised record of one CEP. */
export const cepRecordSchema = z.object({
  number: proposalNumber.describe('CEP number.'),
  slug: z.string().describe('Folder name, "<number>-<slug>"; also the page path under /ceps/.'),
  title: z.string().describe('Title without the "CEP #N:" prefix.'),
  status: z.enum(cepStatuses).optional().describe('Lifecycle status; absent when the document does not say.'),
  stage: z.enum(cepStages).optional().describe('Maturity stage reached.'),
  targets: z
    .object({
      alpha: releaseVersion.optional(),
      beta: releaseVersion.optional(),
      stable: releaseVersion.optional(),
    })
    .describe('Target release per stage, normalised to vX.Y.'),
  ungatedTarget: releaseVersion
    .optional()
    .describe('The release a stage-less line targets ("Ship target version: v1.8"): the feature is not gated by stages.'),
  targetRelease: releaseVersion.optional().describe('The latest release the CEP is targeted at, with or without a stage.'),
  authors: z.array(z.string()).describe('Author handles.'),
  owningSig: z.string().describe('Owning SIG.'),
  participatingSigs: z.array(z.string()).describe('Participating SIGs.'),
  reviewers: z.array(z.string()).describe('Reviewer handles.'),
  approvers: z.array(z.string()).describe('Approver handles.'),
  creationDate: recordDate().optional().describe('YYYY-MM-DD.'),
  lastUpdated: recordDate().optional().describe('YYYY-MM-DD.'),
  trackingIssue: z
    .object({
      repository: z.string().describe('owner/name'),
      number: proposalNumber,
      url: webUrl(),
    })
    .describe('The GitHub issue that tracks the CEP.'),
  replaces: z.array(proposalNumber).describe('Numbers of the CEPs this one replaces.'),
  supersededBy: proposalNumber.optional().describe('Number of the CEP replacing this one.'),
  exceptions: z
    .array(
      z.object({
        release: releaseVersion.optional(),
        state: z.enum(exceptionStates),
        link: webUrl().optional(),
        requested: recordDate().optional(),
        reason: z.string().optional(),
      }),
    )
    .describe('Exceptions asked for.'),
  checklist: z.array(checklistItemSchema).describe('Release signoff checklist.'),
  summary: z.string().describe('First paragraph of the Overview, as plain text.'),
  form: z.enum(['front-matter', 'template']).describe('How the metadata was written.'),
  sourcePath: z.string().describe('Path of the document relative to the content folder.'),
});

export type CepRecord = z.infer<typeof cepRecordSchema>;

/** JSON Schema of the front matter (draft 2020-12), for editors and the site's /schema/ endpoint. */
export function frontMatterJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(frontMatterSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'cep.schema.json',
    title: 'CEP front matter',
  };
}
