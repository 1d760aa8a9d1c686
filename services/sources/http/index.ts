export { fetchWithin, hostAllowed, hostKey, MAX_REDIRECTS } from './allowed-hosts';
export {
  ACCEPT_LANGUAGE,
  backoffDelay,
  DEFAULT_ACCEPT,
  DEFAULT_LIMITS,
  DEFAULT_USER_AGENT,
  fetchRaw,
  type FetchOptions,
} from './client';
export {
  ANSWERED_CODES,
  CircuitBreaker,
  TRIPPING_CODES,
  type Allowance,
  type CircuitBreakerOptions,
  type CircuitSnapshot,
  type CircuitState,
} from './circuit-breaker';
export { realSleep, type Now, type Sleep } from './clock';
export {
  HostLimiter,
  hostOf,
  startInterval,
  type HostLimiterOptions,
  type HostLimits,
  type Release,
} from './host-limiter';
export { rawOf, redactUrl } from './http-errors';
export { parseRetryAfter } from './retry-after';
