import { readlinkSync } from 'node:fs';
import { profileUser } from './procs';
import { join } from 'node:path';
import { AppError } from '../../contract/errors';
import type { Source } from '../../sources/define';
import type { SourceRegistry } from '../../sources/registry';
import { resolveSource } from '../sources/scrapers-service';

/** A source that signs in: its login page and the cookies that mean a session. */
export type LoginSource = Source & { info: Source['info'] & { login: NonNullable<Source['info']['login']> } };

/** Ids as the registry spells them; anything else never becomes part of a path. */
const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The registry's source for a name (id or alias) that signs in, or a typed error: NOT_FOUND for an
 * unknown name, INVALID_INPUT for a source that needs no sign-in. Raw input never reaches a path:
 * callers use the returned source's own id.
 */
export function loginSource(registry: SourceRegistry, name: string): LoginSource {
  const s = resolveSource(registry, name);
  if (!s.info.requiresLogin || !s.info.login)
    throw new AppError('INVALID_INPUT', `${s.info.id} needs no sign-in`, { fields: ['scraper'] });
  if (!SAFE_ID.test(s.info.id)) throw new AppError('INTERNAL', 'source id is not a safe path part');
  return s as LoginSource;
}

export function loginSources(registry: SourceRegistry): LoginSource[] {
  return registry
    .list()
    .filter(
      (s): s is LoginSource => s.info.requiresLogin && Boolean(s.info.login) && SAFE_ID.test(s.info.id),
    );
}

export function browserRoot(dataDir: string): string {
  return join(dataDir, 'browser');
}

/** `<data-dir>/browser/<source-id>/`: the source's own browser profile (sign-in window and jobs). */
export function profileDir(dataDir: string, source: LoginSource): string {
  return join(browserRoot(dataDir), source.info.id);
}

/** `<data-dir>/browser/<source-id>.cookies.enc`: the encrypted copy HTTP fetchers reuse. */
export function cookieCopyFile(dataDir: string, source: LoginSource): string {
  return join(browserRoot(dataDir), `${source.info.id}.cookies.enc`);
}

/**
 * The login page for the base URL in force: a configured base URL (a mirror, the tests' local
 * site) moves the login page with it when the login page sits on the default base URL.
 */
export function loginUrl(source: LoginSource, baseUrl: string): string {
  const def = source.info.baseUrl.replace(/\/+$/, '');
  const url = source.info.login.url;
  return url.startsWith(def) && baseUrl !== def ? baseUrl + url.slice(def.length) : url;
}

/** The hosts a session's cookies live on: the login's `cookieHosts`, else the base URL's host. */
export function sessionHosts(source: LoginSource, baseUrl: string): string[] {
  if (source.info.login.cookieHosts?.length) return source.info.login.cookieHosts.map((h) => h.toLowerCase());
  try {
    return [new URL(baseUrl).hostname.toLowerCase()];
  } catch {
    return [];
  }
}

/** Whether a cookie's host_key (`.example.com`, `www.example.com`) is one of the hosts or shares its site. */
export function coversHost(hostKey: string, hosts: readonly string[]): boolean {
  const key = hostKey.toLowerCase();
  const domain = key.startsWith('.') ? key.slice(1) : key;
  return hosts.some((h) => h === domain || h.endsWith(`.${domain}`) || domain.endsWith(`.${h}`));
}

/**
 * The pid of a live browser holding the profile (Chromium's `SingletonLock`, a symlink to
 * `<host>-<pid>`), or null. A sign-in window started on a profile a headless job holds would hand
 * its URL to that browser and exit at once.
 */
export function profileHolder(profile: string): number | null {
  let target: string;
  try {
    target = readlinkSync(join(profile, 'SingletonLock'));
  } catch {
    // No lock: a headful browser would have one; a headless one (a job's) is found by its flags.
    return profileUser(profile);
  }
  const pid = Number(/-(\d+)$/.exec(target)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
