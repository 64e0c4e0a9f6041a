/** `npm run new -- --issue <n> --title "<title>"`: starts a proposal folder from the template. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { displayPath } from '../src/lib/cep/corpus.ts';
import { readFolder } from '../src/lib/cep/parse.ts';
import { renderProposalTemplate, slugify } from '../src/lib/cep/template.ts';
import { readCatalogueConfig } from '../src/lib/config.ts';
import { parseCliArguments, runCli, UsageError } from './cli.ts';

const usage = `
Usage: npm run new -- --issue <number> --title "<title>" [--author @handle]... [--slug <slug>]

Creates <content>/<number>-<slug>/cep.md from the CEP template: front matter with every field,
the signoff checklist and the template's sections. Refuses to overwrite, and refuses a number
that another proposal already uses. The number is the tracking issue's number.

Options:
  --issue N        tracking issue number in kubevirt/project-infra (required)
  --title TEXT     short descriptive title (required)
  --author HANDLE  author GitHub handle; repeat for several
  --slug SLUG      folder slug (default: from the title)
  -h, --help       show this help

Environment: CEP_CONTENT_DIR (default content/ceps), CATALOGUE_KIND.
`;

runCli('new', () => {
  const options = parseCliArguments(process.argv.slice(2), {
    issue: { type: 'string' },
    title: { type: 'string' },
    author: { type: 'string', multiple: true },
    slug: { type: 'string' },
  }, usage);
  const config = readCatalogueConfig();
  if (!options.issue || !/^\d+$/.test(options.issue) || Number(options.issue) <= 0) {
    throw new UsageError(`--issue must be the tracking issue's number, e.g. --issue 4512${options.issue ? ` (got "${options.issue}")` : ''}`);
  }
  const title = options.title?.trim();
  if (!title) throw new UsageError('--title is required, e.g. --title "Faster presubmit lanes"');
  const number = Number(options.issue);
  const slug = slugify(options.slug ?? title);
  if (!slug) throw new UsageError(`cannot make a folder name from "${options.slug ?? title}"; pass --slug`);
  const authors = (options.author ?? []).map((author) => (author.startsWith('@') ? author : `@${author}`));
  const folder = `${number}-${slug}`;
  const existing = existsSync(config.contentDir)
    ? readdirSync(config.contentDir).filter((name) => readFolder(`${name}/x`).number === number)
    : [];
  if (existing.length > 0) {
    throw new Error(`${config.kind.prefix} ${number} already exists: ${existing.map((name) => displayPath(path.join(config.contentDir, name))).join(', ')}; nothing written`);
  }
  const directory = path.join(config.contentDir, folder);
  const file = path.join(directory, config.kind.documentNames[0] ?? 'cep.md');
  if (existsSync(file)) throw new Error(`${displayPath(file)} already exists; nothing written`);
  mkdirSync(directory, { recursive: true });
  const today = process.env['CATALOGUE_TODAY'] ?? new Date().toISOString().slice(0, 10);
  writeFileSync(file, renderProposalTemplate(config.kind, { number, title, authors, today }), { flag: 'wx' });
  process.stdout.write(`created ${displayPath(file)}\nnext: fill in every section, then run npm run lint\n`);
});
