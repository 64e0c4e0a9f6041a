/**
 * What every script shares: argument parsing with `--help`, and turning a thrown error into one
 * readable line and exit code 2 instead of a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` against `options`; prints `usage` and exits 0 on `--help`. */
export function parseCliArguments<T extends Options>(argv: readonly string[], options: T, usage: string) {
  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
    if ((parsed.values as { help?: boolean }).help) {
      process.stdout.write(`${usage.trim()}\n`);
      process.exit(0);
    }
    return parsed.values as ReturnType<typeof parseArgs<{ options: T }>>['values'];
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(`${error.message}\n\n${usage.trim()}`);
    }
    throw error;
  }
}

/** Runs a CLI's main function; errors become `<name>: <message>` and exit code 2. */
export function runCli(name: string, main: () => Promise<number | void> | number | void): void {
  Promise.resolve()
    .then(main)
    .then((code) => {
      process.exitCode = code ?? 0;
    })
    .catch((error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
}
