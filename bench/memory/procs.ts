/** Memory of a process tree from /proc (Linux): every process of `b3ai serve`, each on its own line. */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcMem {
  pid: number;
  /** `server`, `worker`, `esbuild`, or the command's base name. */
  role: string;
  /** VmRSS, VmHWM (peak RSS), RssAnon and RssFile, MB. */
  rss: number;
  hwm: number;
  anon: number;
  file: number;
}

const MB = 1024;

function statusOf(pid: number): Record<string, number> | null {
  try {
    const out: Record<string, number> = {};
    for (const m of readFileSync(`/proc/${pid}/status`, 'utf8').matchAll(/^(\w+):\s+(\d+) kB$/gm))
      out[m[1]!] = Number(m[2]) / MB;
    return out;
  } catch {
    return null; // exited meanwhile
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function roleOf(pid: number, root: number): string {
  if (pid === root) return 'server';
  let cmd: string;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '?';
  }
  if (/worker(-main)?\.(js|ts)\b/.test(cmd)) return 'worker';
  if (/esbuild/.test(cmd)) return 'esbuild';
  return (cmd.split(' ')[0] ?? '?').split('/').pop() ?? '?';
}

/** The process and all its descendants, the root first. */
export function treeMem(root: number): ProcMem[] {
  const pids: number[] = [];
  const walk = (p: number): void => {
    pids.push(p);
    for (const c of childrenOf(p)) walk(c);
  };
  walk(root);
  return pids.flatMap((pid) => {
    const s = statusOf(pid);
    if (!s) return [];
    return [
      {
        pid,
        role: roleOf(pid, root),
        rss: s.VmRSS ?? NaN,
        hwm: s.VmHWM ?? NaN,
        anon: s.RssAnon ?? NaN,
        file: s.RssFile ?? NaN,
      },
    ];
  });
}

export const totalRss = (procs: readonly ProcMem[]): number => procs.reduce((n, p) => n + p.rss, 0);

/** One line per process plus the total, indented under a heading. */
export function formatTree(title: string, procs: readonly ProcMem[], target?: number): string {
  const f = (n: number): string => n.toFixed(0).padStart(5);
  const lines = procs.map(
    (p) =>
      `    ${p.role.padEnd(8)} pid ${String(p.pid).padStart(7)}  RSS ${f(p.rss)} MB  (peak ${f(p.hwm)}, anon ${f(p.anon)}, file ${f(p.file)})`,
  );
  const total = totalRss(procs);
  const verdict =
    target === undefined ? '' : `  (target <= ${target} MB: ${total <= target ? 'meets' : 'MISSES'} target)`;
  return [
    `  ${title}: ${total.toFixed(0)} MB in ${procs.length} process${procs.length === 1 ? '' : 'es'}${verdict}`,
    ...lines,
  ].join('\n');
}
