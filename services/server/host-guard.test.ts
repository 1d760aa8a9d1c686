import { describe, expect, it } from 'vitest';
import { hostAllowed } from './host-guard';

describe('hostAllowed', () => {
  it.each([
    'localhost',
    'localhost:4817',
    'LOCALHOST:1',
    '127.0.0.1',
    '127.0.0.1:4817',
    '[::1]',
    '[::1]:4817',
    ' localhost:80 ',
  ])('allows %j', (host) => {
    expect(hostAllowed(host)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'evil.example',
    'evil.example:4817',
    'localhost.evil.example',
    '127.0.0.1.nip.io',
    '127.0.0.2',
    '0.0.0.0:4817',
    '[::1',
    '[::2]:4817',
    '[::ffff:127.0.0.1]',
    'evil@localhost',
    'xlocalhost',
  ])('refuses %j', (host) => {
    expect(hostAllowed(host)).toBe(false);
  });
});
