import { readFileSync } from 'node:fs';
import pg from 'pg';
import { AppError } from '../../contract';

/**
 * A connection to a remote PostgreSQL (the sync's remote; node-postgres). TLS follows libpq's
 * `sslmode` (in the URL or the options): disable, prefer/require (encrypted, certificate not checked),
 * verify-ca / verify-full (checked against `caFile`, or the system's CAs). Errors never echo the URL
 * (it may hold a password).
 */
export interface RemotePgOptions {
  url: string;
  sslmode?: 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  /** PEM file of the CA that signed the server's certificate. */
  caFile?: string;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

export type RemoteClient = pg.Client;

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export function remoteClientConfig(opts: RemotePgOptions): pg.ClientConfig {
  let u: URL;
  try {
    u = new URL(opts.url);
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      'the remote database URL is not a URL (expected postgres://user@host:port/db)',
    );
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    throw new AppError(
      'INVALID_INPUT',
      'the remote database URL must start with postgres:// or postgresql://',
    );
  const mode = opts.sslmode ?? (u.searchParams.get('sslmode') as RemotePgOptions['sslmode']) ?? 'prefer';
  // node-postgres reads sslmode itself from the URL; ours decides instead.
  u.searchParams.delete('sslmode');
  u.searchParams.delete('sslrootcert');
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname);
  let ssl: pg.ClientConfig['ssl'];
  if (mode === 'disable' || (mode === 'prefer' && local)) ssl = false;
  else if (mode === 'prefer' || mode === 'require') ssl = { rejectUnauthorized: false };
  else {
    const ca = opts.caFile ? readFileSync(opts.caFile, 'utf8') : undefined;
    ssl = {
      rejectUnauthorized: true,
      ...(ca ? { ca } : {}),
      // verify-ca checks the chain only, not the host name.
      ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
    };
  }
  return {
    connectionString: u.toString(),
    ssl,
    application_name: opts.applicationName ?? 'b3ai',
    connectionTimeoutMillis: 15_000,
  };
}

/** Connect; a failure is an AppError naming the host (never the password). */
export async function connectRemote(opts: RemotePgOptions): Promise<RemoteClient> {
  const client = new pg.Client(remoteClientConfig(opts));
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new AppError('UNAVAILABLE', `cannot connect to ${redactUrl(opts.url)}: ${(e as Error).message}`);
  }
  return client;
}
