/**
 * Runs a command and measures it: wall time, and the peak memory of its whole process tree
 * (the build and everything it starts, such as Pagefind's binary), read from /proc without any
 * extra tool. Every `pollMs` the tree is walked through `/proc/<pid>/task/<tid>/children` and the
 * resident set sizes (VmRSS) are added up; the peak is the highest such sum, or the highest
 * single-process high-water mark (VmHWM) if that is higher (a spike between two polls).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface MeasuredRun {
  /** Exit code (null when killed by a signal). */
  code: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
  /** Peak resident memory of the process tree in bytes; null where /proc is not available. */
  peakBytes: number | null;
  /** Most processes seen at once in the tree. */
  peakProcesses: number;
  /** stdout and stderr, interleaved. */
  output: string;
}

export interface MeasureOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Poll interval in milliseconds (default 100). */
  pollMs?: number;
  /** Called with each chunk of output (for progress display). */
  onOutput?: (chunk: string) => void;
  /** Called with every memory sample: milliseconds since the start, and the tree's resident bytes by process. */
  onSample?: (elapsedMs: number, residentBytes: ReadonlyMap<number, number>) => void;
}

/** Whether process memory can be read here (Linux /proc). */
export function canMeasureMemory(): boolean {
  return existsSync(`/proc/${process.pid}/status`);
}

/** The pid and every descendant of it that is alive now. */
export function processTree(rootPid: number): number[] {
  const seen: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    if (seen.includes(pid)) continue;
    seen.push(pid);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
        if (children) pending.push(...children.split(/\s+/).map(Number));
      } catch {
        // The task ended while we looked.
      }
    }
  }
  return seen;
}

/** VmRSS and VmHWM of a process in bytes, or undefined when it is gone. */
export function processMemory(pid: number): { rss: number; hwm: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Runs `command args` in `cwd` and measures it. Never rejects for a failing command: see `code`. */
export function runMeasured(command: string, args: readonly string[], options: MeasureOptions): Promise<MeasuredRun> {
  const measure = canMeasureMemory();
  const started = performance.now();
  const child = spawn(command, [...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    chunks.push(text);
    options.onOutput?.(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  let peakSum = 0;
  let peakHwm = 0;
  let peakProcesses = 0;
  const poll = () => {
    if (child.pid === undefined) return;
    const tree = processTree(child.pid);
    const resident = new Map<number, number>();
    let sum = 0;
    for (const pid of tree) {
      const memory = processMemory(pid);
      if (!memory) continue;
      resident.set(pid, memory.rss);
      sum += memory.rss;
      peakHwm = Math.max(peakHwm, memory.hwm);
    }
    peakSum = Math.max(peakSum, sum);
    peakProcesses = Math.max(peakProcesses, resident.size);
    options.onSample?.(performance.now() - started, resident);
  };
  const timer = measure ? setInterval(poll, options.pollMs ?? 100) : undefined;

  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      if (timer) clearInterval(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (timer) clearInterval(timer);
      resolve({
        code,
        signal,
        wallMs: performance.now() - started,
        peakBytes: measure ? Math.max(peakSum, peakHwm) : null,
        peakProcesses,
        output: chunks.join(''),
      });
    });
  });
}

/** Files below a folder: how many, and their total size in bytes (0 and 0 when it does not exist). */
export function folderSize(folder: string, filter: (file: string) => boolean = () => true): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  if (!existsSync(folder)) return { files, bytes };
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (!filter(file)) continue;
    files += 1;
    bytes += statSync(file).size;
  }
  return { files, bytes };
}
