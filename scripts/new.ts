/** `npm run new -- --issue <n> --title "<title>"`: starts a proposal folder from the template. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath, readCorpus } from '../src/lib/cep/corpus.ts';
import { readFolder } from '../src/lib/cep/parse.ts';
import { renderProposalTemplate, slugify } from '../src/lib/cep/template.ts';
import { readCatalogueConfig, today } from '../src/lib/config.ts';
import { parseCliArguments, runCli, UsageError } from './cli.ts';

const usage = `
Usage: npm run new -- --issue <number> --title "<title>" [--author @handle]... [--slug <slug>] [--sig <sig>]

Creates <content>/<number>-<slug>/cep.md from the template: front matter with every field,
the signoff checklist and the template's sections. Refuses to overwrite, and refuses a number
that another proposal already uses. The number is the tracking issue's number. With
CATALOGUE_KIND=vep it creates <content>/<sig>/<number>-<slug>/vep.md and needs --sig.

Options:
  --issue N        tracking issue number (required)
  --title TEXT     short descriptive title (required)
  --author HANDLE  author GitHub handle; repeat for several
  --slug SLUG      folder slug (default: from the title)
  --sig SIG        owning SIG folder, e.g. sig-compute (VEPs only)
  -h, --help       show this help

Environment: CEP_CONTENT_DIR (default content/ceps), CATALOGUE_KIND.
`;

runCli('new', () => {
  const options = parseCliArguments(
    process.argv.slice(2),
    {
      issue: { type: 'string' },
      title: { type: 'string' },
      author: { type: 'string', multiple: true },
      slug: { type: 'string' },
      sig: { type: 'string' },
    },
    usage,
  );
  const config = readCatalogueConfig();
  if (!options.issue || !/^\d+$/.test(options.issue) || Number(options.issue) <= 0) {
    throw new UsageError(
      `--issue must be the tracking issue's number, e.g. --issue 4512${options.issue ? ` (got "${options.issue}")` : ''}`,
    );
  }
  const title = options.title?.trim();
  if (!title) throw new UsageError('--title is required, e.g. --title "Faster presubmit lanes"');
  const number = Number(options.issue);
  const slug = slugify(options.slug ?? title);
  if (!slug) throw new UsageError(`cannot make a folder name from "${options.slug ?? title}"; pass --slug`);
  const authors = (options.author ?? []).map((author) => (author.startsWith('@') ? author : `@${author}`));
  const nested = config.kind.documentPattern.split('/').length > 2;
  if (nested && !options.sig) throw new UsageError(`--sig is required for ${config.kind.prefix}s, e.g. --sig sig-compute`);
  if (options.sig && !/^[a-z0-9][a-z0-9-]*$/i.test(options.sig))
    throw new UsageError(`--sig must be a folder name such as sig-compute (got "${options.sig}")`);
  const folder = `${number}-${slug}`;
  // Any proposal already using the number, wherever it sits, blocks the new one.
  const existing = readCorpus(config).documents.filter(
    (document) => document.record?.number === number || readFolder(document.relativePath).number === number,
  );
  if (existing.length > 0) {
    throw new Error(
      `${config.kind.prefix} ${number} already exists: ${existing.map((document) => displayPath(path.dirname(document.filePath))).join(', ')}; nothing written`,
    );
  }
  const directory = path.join(config.contentDir, ...(nested && options.sig ? [options.sig] : []), folder);
  const file = path.join(directory, config.kind.documentNames[0] ?? 'cep.md');
  if (existsSync(file)) throw new Error(`${displayPath(file)} already exists; nothing written`);
  mkdirSync(directory, { recursive: true });
  writeFileSync(file, renderProposalTemplate(config.kind, { number, title, authors, today: today(), owningSig: options.sig }), {
    flag: 'wx',
  });
  process.stdout.write(`created ${displayPath(file)}\nnext: fill in every section, then run npm run lint\n`);
});
