import { describe, expect, it } from 'vitest';
import { hostAllowed, originAllowed, originFormTarget } from './host-guard';

const PORT = 4817;

describe('hostAllowed (strict: loopback name and exactly the server port)', () => {
  it.each(['localhost:4817', 'LOCALHOST:4817', '127.0.0.1:4817', '[::1]:4817'])('allows %j', (host) => {
    expect(hostAllowed(host, PORT)).toBe(true);
  });

  it('allows a name without a port only when the server is on 80', () => {
    expect(hostAllowed('localhost', 80)).toBe(true);
    expect(hostAllowed('localhost', PORT)).toBe(false);
  });

  it.each([
    undefined,
    '',
    'evil.example',
    'evil.example:4817',
    'localhost.evil.example:4817',
    '127.0.0.1.nip.io:4817',
    '127.0.0.2:4817',
    '0.0.0.0:4817',
    '[::1:4817',
    '[::2]:4817',
    '[::ffff:127.0.0.1]:4817',
    'evil@localhost:4817',
    'xlocalhost:4817',
    // The bypasses: userinfo, text after the bracket, a second colon.
    '127.0.0.1:4817@evil.com',
    '[::1]evil.com',
    '[::1]evil.com:4817',
    '127.0.0.1:evil.com',
    '127.0.0.1:4817:4817',
    // Other ports on loopback, whitespace, empty port.
    'localhost:4818',
    '127.0.0.1:04817x',
    ' localhost:4817 ',
    'localhost:',
  ])('refuses %j', (host) => {
    expect(hostAllowed(host, PORT)).toBe(false);
  });
});

describe('originAllowed', () => {
  it('allows no Origin and this server as origin', () => {
    expect(originAllowed(undefined, PORT)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4817', PORT)).toBe(true);
    expect(originAllowed('http://localhost:4817', PORT)).toBe(true);
  });

  it.each([
    'null',
    'https://127.0.0.1:4817',
    'http://127.0.0.1:4818',
    'http://evil.example',
    'http://127.0.0.1:4817@evil.example',
    'http://127.0.0.1:4817/',
    '',
  ])('refuses %j', (origin) => {
    expect(originAllowed(origin, PORT)).toBe(false);
  });
});

describe('originFormTarget', () => {
  it('splits a path and its query', () => {
    expect(originFormTarget('/api/x?q=1')).toEqual({ pathname: '/api/x', search: '?q=1' });
    expect(originFormTarget('/')).toEqual({ pathname: '/', search: '' });
  });

  it.each([
    undefined,
    '',
    '*',
    'http://evil.example/api/x',
    'localhost:4817',
    '//evil.example/api',
    '/\\evil',
  ])('refuses %j', (target) => {
    expect(originFormTarget(target)).toBeNull();
  });
});
