import { readdirSync, readFileSync } from 'node:fs';

/** Nearest-rank percentile (p in 0..1) of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export interface Rss {
  /** VmRSS of the process, MB. */
  rssMb: number;
  /** VmHWM (peak RSS) of the process, MB. */
  hwmMb: number;
  /** Its descendants (the job worker processes) and their VmRSS sum, MB. */
  children: number;
  childrenRssMb: number;
}

function statusKb(pid: number, key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function descendants(pid: number): number[] {
  let direct: number[];
  try {
    direct = readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
  return direct.flatMap((c) => [c, ...descendants(c)]);
}

/** RSS of a running process from /proc (Linux), with its descendants'. */
export function rssOf(pid: number): Rss {
  const kids = descendants(pid);
  const kidsKb = kids.reduce((sum, c) => {
    try {
      return sum + statusKb(c, 'VmRSS');
    } catch {
      return sum; // exited meanwhile
    }
  }, 0);
  return {
    rssMb: statusKb(pid, 'VmRSS') / 1024,
    hwmMb: statusKb(pid, 'VmHWM') / 1024,
    children: kids.length,
    childrenRssMb: kidsKb / 1024,
  };
}

/** CPU time (user + system) a process has used so far, ms, from /proc/<pid>/stat (Linux, 100 ticks/s). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14 and 15)
}
