/**
 * Reading one proposal document. The work is split by responsibility under parse/: the text and its
 * front matter (front-matter.ts, yaml.ts), who the proposal is (identity.ts), what it targets
 * (targets.ts), its body's structure (sections.ts, over the one markdown reader) and the record.
 */
export { parseCepSource, type ParsedCep, type ParseOptions } from './parse/record.ts';
export { decodeText } from './parse/front-matter.ts';
export { readFolder, readProposalHeading } from './parse/identity.ts';
export { releasesTargeted } from './parse/targets.ts';
