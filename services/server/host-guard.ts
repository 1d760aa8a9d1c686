/** Loopback names a request may use: anything else is refused (DNS rebinding). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A Host header parsed strictly: `name[:port]` with nothing else, the name exactly one of the
 * loopback names (case-insensitive) and the port exactly the server's. Userinfo (`a@b`), trailing
 * text after `]`, a second colon, spaces, or a missing port (unless the server is on 80) are refused.
 */
export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const m = /^(localhost|127\.0\.0\.1|\[::1\])(?::([0-9]{1,5}))?$/i.exec(hostHeader);
  if (!m?.[1] || !LOOPBACK.has(m[1].toLowerCase())) return false;
  const given = m[2] === undefined ? 80 : Number(m[2]);
  return given === port;
}

/**
 * An Origin header, when a browser sends one, must be this server's own: `http://` + a loopback
 * name + the server's port. `null`, other schemes, other ports and other hosts are refused.
 */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const m = /^http:\/\/([^/?#]+)$/i.exec(origin);
  return m?.[1] !== undefined && hostAllowed(m[1], port);
}

/**
 * The request target in origin form only (`/path?query`): absolute-form (`http://host/…`),
 * authority-form, `*` and scheme-relative (`//host/…`) targets are refused (null).
 */
export function originFormTarget(target: string | undefined): { pathname: string; search: string } | null {
  if (!target || target[0] !== '/' || target[1] === '/' || target[1] === '\\') return null;
  if (/[\s#]/.test(target)) return null;
  const q = target.indexOf('?');
  return q < 0 ? { pathname: target, search: '' } : { pathname: target.slice(0, q), search: target.slice(q) };
}
