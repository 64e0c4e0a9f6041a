/** A real git repository holding a CEP whose target release changed, for history tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { filledSections, writeTree } from '../cep/helpers.ts';

export const document = (alpha: string, beta: string) =>
  `---\ntitle: Lanes\ncep-number: 4101\nstatus: implementable\nmilestone:\n  alpha: ${alpha}\n  beta: ${beta}\n---\n\n# CEP #4101: Lanes\n\n${filledSections()}\n`;

function commit(root: string, message: string, date: string) {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync('git', ['add', '-A'], { cwd: root, env });
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', message], { cwd: root, env });
}

/** A git repository whose CEP moved folder and changed target twice. */
export function repositoryWithRetargeting(): { root: string; file: string } {
  const root = writeTree({});
  execFileSync('git', ['init', '-q'], { cwd: root });
  mkdirSync(path.join(root, 'ceps/4101-lanes'), { recursive: true });
  const file = path.join(root, 'ceps/4101-lanes/cep.md');
  writeFileSync(file, document('v1.9', 'TBD'));
  commit(root, 'propose', '2026-03-01T10:00:00Z');
  writeFileSync(file, document('v1.9', 'v1.10'));
  commit(root, 'target beta', '2026-05-01T10:00:00Z');
  writeFileSync(file, document('v1.9', 'v1.10') + '\nMore text.\n');
  commit(root, 'typo', '2026-06-01T10:00:00Z');
  renameSync(path.join(root, 'ceps/4101-lanes'), path.join(root, 'ceps/4101-arm-lanes'));
  const moved = path.join(root, 'ceps/4101-arm-lanes/cep.md');
  writeFileSync(moved, document('v1.9', 'v1.11') + '\nMore text.\n');
  commit(root, 'slip to 1.11', '2026-11-20T10:00:00Z');
  return { root, file: moved };
}
