import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a running `b3ai serve` says it listens, so other commands on the same data dir can use it. */
export interface ServerFile {
  pid: number;
  url: string;
}

const fileOf = (dataDir: string): string => join(dataDir, 'server.json');

export function writeServerFile(dataDir: string, info: ServerFile): () => void {
  writeFileSync(fileOf(dataDir), JSON.stringify(info), { mode: 0o600 });
  return () => rmSync(fileOf(dataDir), { force: true });
}

/** The server running on this data dir, if its process is alive. */
export function readServerFile(dataDir: string): ServerFile | null {
  try {
    const info = JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as ServerFile;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}
