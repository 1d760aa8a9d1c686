import { describe, expect, it } from 'vitest';
import type { ScraperHealth } from '../../contract';
import advfn from '../../sources/advfn';
import brapi from '../../sources/brapi';
import { needsLogin } from './login-state';

const health = (over: Partial<ScraperHealth> = {}): ScraperHealth => ({
  id: 'x',
  name: 'x',
  status: 'unknown',
  enabled: true,
  last_success: null,
  last_error: null,
  attempts: 0,
  success_rate: null,
  freshness_seconds: null,
  last_items: null,
  items_total: 0,
  last_via: null,
  missing_credentials: [],
  circuit: { state: 'closed', consecutive_failures: 0, opened_at: null },
  ...over,
});
const err = (code: string, at: string) => ({ at, code, message: 'm' });

describe('needsLogin (the health status "needs login")', () => {
  it('a login source that never succeeded needs a sign-in; a public one never does', () => {
    expect(needsLogin(advfn.info, health())).toBe(true);
    expect(
      needsLogin(
        advfn.info,
        health({ status: 'unhealthy', last_error: err('UNAVAILABLE', '2026-01-01T00:00:00Z') }),
      ),
    ).toBe(true);
    expect(needsLogin(brapi.info, health())).toBe(false);
    expect(
      needsLogin(
        brapi.info,
        health({ status: 'unhealthy', last_error: err('UNAUTHORIZED', '2026-01-01T00:00:00Z') }),
      ),
    ).toBe(false);
  });

  it('after a success, only an UNAUTHORIZED newer than it means the session is gone', () => {
    const ok = '2026-01-02T00:00:00.000Z';
    expect(needsLogin(advfn.info, health({ status: 'healthy', last_success: ok }))).toBe(false);
    expect(
      needsLogin(
        advfn.info,
        health({ last_success: ok, last_error: err('TIMEOUT', '2026-01-03T00:00:00.000Z') }),
      ),
    ).toBe(false);
    expect(
      needsLogin(
        advfn.info,
        health({ last_success: ok, last_error: err('UNAUTHORIZED', '2026-01-03T00:00:00.000Z') }),
      ),
    ).toBe(true);
    expect(
      needsLogin(
        advfn.info,
        health({ last_success: ok, last_error: err('UNAUTHORIZED', '2026-01-01T00:00:00.000Z') }),
      ),
    ).toBe(false);
  });

  it('the cookie status decides when it is known; a disabled source stays disabled', () => {
    expect(needsLogin(advfn.info, health(), 'valid')).toBe(false);
    expect(needsLogin(advfn.info, health({ last_success: '2026-01-02T00:00:00.000Z' }), 'expired')).toBe(
      true,
    );
    expect(needsLogin(advfn.info, health(), 'missing')).toBe(true);
    expect(needsLogin(advfn.info, health({ status: 'disabled', enabled: false }))).toBe(false);
  });
});
