/** Hostnames a request may name: anything else is refused (DNS rebinding). */
const ALLOWED = new Set(['localhost', '127.0.0.1', '[::1]']);

export function hostAllowed(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.trim().toLowerCase();
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return ALLOWED.has(name ?? '');
}
