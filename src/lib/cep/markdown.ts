/**
 * The structure of a proposal body. Markdown itself is read by the one reader, src/lib/markdown/;
 * the proposal's reading of it lives in parse/sections.ts and is re-exported here for its callers.
 */
export {
  readBodyStructure,
  type BodyStructure,
  type ChecklistEntry,
  type Heading,
  type RelativeLink,
  type Section,
  type TargetLine,
  type UnreadTargetLine,
} from './parse/sections.ts';
export { readProposalHeading } from './parse/identity.ts';
