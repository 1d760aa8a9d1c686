import { readdirSync, readFileSync } from 'node:fs';

/*
 * The browser's process, found through /proc (Linux): Playwright does not expose the pid of a
 * persistent context. Used to kill a hung browser and by tests/bench to watch it go. Elsewhere: null.
 */

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/** The parent pid from /proc/<pid>/stat (the field after the parenthesised command). */
export function parentPid(pid: number): number | null {
  const stat = readProc(pid, 'stat');
  if (!stat) return null;
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(rest[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
}

/** The browser process this process started on the profile `dir`, or null. */
export function browserPid(dir: string): number | null {
  const flag = `--user-data-dir=${dir}`;
  for (const pid of allPids()) {
    if (parentPid(pid) !== process.pid) continue;
    const args = (readProc(pid, 'cmdline') ?? '').split('\0');
    if (args.includes(flag)) return pid;
  }
  return null;
}

/**
 * Any live process, started by anyone, whose command line opens the profile `dir` (Linux: /proc;
 * elsewhere nothing is found). A headless browser takes no `SingletonLock`, so this is how a
 * sign-in window knows a job's browser holds the profile.
 */
export function profileUser(dir: string): number | null {
  const flag = `--user-data-dir=${dir}`;
  for (const pid of allPids()) {
    if (pid === process.pid) continue;
    if ((readProc(pid, 'cmdline') ?? '').split('\0').includes(flag)) return pid;
  }
  return null;
}

/** Every descendant of `root`, itself included. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const ppid = parentPid(pid);
    if (ppid !== null) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** VmRSS of a process, MB (0 when gone). */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readProc(pid, 'status') ?? '')?.[1];
  return kb ? Number(kb) / 1024 : 0;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
