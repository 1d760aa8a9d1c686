import { describe, expect, it } from 'vitest';
import { LruCache } from './caches';

const sized = (maxEntries: number, maxBytes: number): LruCache<number> =>
  new LruCache<number>({ maxEntries, maxBytes }, (v) => v);

describe('LruCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const c = sized(2, 1000);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1); // a is now the most recent
    c.set('c', 3);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.size).toBe(2);
  });

  it('keeps at most maxBytes, and does not keep an entry larger than the limit on its own', () => {
    const c = sized(100, 10);
    c.set('a', 4);
    c.set('b', 4);
    c.set('c', 4);
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, 4, 4]);
    expect(c.bytes).toBe(8);
    c.set('huge', 11);
    expect(c.get('huge')).toBeUndefined();
    expect(c.bytes).toBe(8);
  });

  it('replacing, deleting and clearing keep the byte count right', () => {
    const c = sized(100, 100);
    c.set('a', 5);
    c.set('a', 7);
    expect(c.bytes).toBe(7);
    c.set('ab', 3);
    c.set('b', 2);
    c.deleteWhere((k) => k.startsWith('a'));
    expect([c.size, c.bytes]).toEqual([1, 2]);
    c.delete('b');
    c.delete('missing');
    expect([c.size, c.bytes]).toEqual([0, 0]);
    c.set('x', 1);
    c.clear();
    expect([c.size, c.bytes, c.get('x')]).toEqual([0, 0, undefined]);
  });
});
