import { connect } from 'node:net';

/** Whether a TCP connection (name lookup included) to `host:port` opens within `timeoutMs`. */
function reaches(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The offline detector's probe: a connection to the host of each base URL (the sources that failed),
 * a few at once; true as soon as one opens. Nothing is sent: it only asks "is anything reachable?".
 */
export async function probeBaseUrls(urls: readonly string[], timeoutMs = 3_000): Promise<boolean> {
  const targets = new Map<string, { host: string; port: number }>();
  for (const u of urls) {
    try {
      const url = new URL(u);
      const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      targets.set(`${host}:${port}`, { host, port });
    } catch {
      // Not a URL: nothing to probe there.
    }
  }
  const list = [...targets.values()].slice(0, 8);
  if (list.length === 0) return false;
  const results = await Promise.all(list.map((t) => reaches(t.host, t.port, timeoutMs)));
  return results.some(Boolean);
}
