import { describe, expect, it } from 'vitest';
import { readCookie, sessionCookie, Sessions } from './session';

describe('Sessions', () => {
  it('a code works once and only while fresh; a session lasts while used', () => {
    let now = 1_000;
    const s = new Sessions({ codeTtlMs: 100, idleTtlMs: 1_000, now: () => now });
    const { code, expiresAt } = s.mintCode();
    expect(expiresAt).toBe(1_100);
    const id = s.redeem(code);
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(s.redeem(code)).toBeNull();
    expect(s.valid(id ?? '')).toBe(true);
    now += 900;
    expect(s.valid(id ?? '')).toBe(true);
    now += 900;
    expect(s.valid(id ?? '')).toBe(true);
    now += 1_001;
    expect(s.valid(id ?? '')).toBe(false);
    const late = s.mintCode().code;
    now += 101;
    expect(s.redeem(late)).toBeNull();
  });

  it('refuses unknown codes and ids, and keeps a bounded number of codes', () => {
    const s = new Sessions();
    const first = s.mintCode().code;
    for (let i = 0; i < 40; i++) s.mintCode();
    expect(s.redeem(first)).toBeNull();
    expect(s.redeem('')).toBeNull();
    expect(s.valid(undefined)).toBe(false);
    expect(s.valid('x'.repeat(500))).toBe(false);
    const id = s.redeem(s.mintCode().code);
    s.end(id ?? '');
    expect(s.valid(id ?? '')).toBe(false);
  });
});

describe('cookies', () => {
  it('sets a host-only, HttpOnly, SameSite=Strict cookie named by port and reads it back', () => {
    const c = sessionCookie(4817, 'abc', 60);
    expect(c).toBe('b3ai_session_4817=abc; HttpOnly; SameSite=Strict; Path=/; Max-Age=60');
    expect(readCookie('a=1; b3ai_session_4817=abc; b=2', 'b3ai_session_4817')).toBe('abc');
    expect(readCookie('b3ai_session_4818=abc', 'b3ai_session_4817')).toBeUndefined();
    expect(readCookie(undefined, 'x')).toBeUndefined();
  });
});
