import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';

function reference(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

describe('bytesToBase64', () => {
  it('encodes small inputs like btoa', () => {
    expect(bytesToBase64(new Uint8Array([]))).toBe('');
    expect(bytesToBase64(new TextEncoder().encode('Man'))).toBe('TWFu');
    expect(bytesToBase64(new TextEncoder().encode('Ma'))).toBe('TWE=');
    expect(bytesToBase64(new Uint8Array([0, 255, 128]))).toBe('AP+A');
  });

  it('encodes multi-megabyte inputs across chunk boundaries without overflowing the stack', () => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 256;
    expect(bytesToBase64(bytes)).toBe(reference(bytes));
  });
});
