import { describe, expect, it } from 'vitest';
import { defineSource } from './define';
import { MODEL_NAMES } from './models';
import { ALL_SOURCES, createRegistry } from './registry';

describe('source registry', () => {
  it('refuses two sources with one id at start', () => {
    const [first] = ALL_SOURCES;
    const twin = defineSource({ info: { ...first!.info }, fetchers: {} });
    expect(() => createRegistry([first!, twin])).toThrow(`duplicate source id "${first!.info.id}"`);
  });

  it('every source declares what the contract needs, and its canary runs one of its fetchers', () => {
    const ids = ALL_SOURCES.map((s) => s.info.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of ALL_SOURCES) {
      if (s.info.category === 'ai') {
        // A chat site (browser-chat models): only the sign-in flow, no fetcher to run.
        expect(Object.keys(s.fetchers), s.info.id).toEqual([]);
        expect(s.info.requiresLogin && s.info.login?.url.startsWith(s.info.baseUrl), s.info.id).toBe(true);
        continue;
      }
      const models = Object.keys(s.fetchers);
      expect(models.length, s.info.id).toBeGreaterThan(0);
      for (const m of models) expect(MODEL_NAMES).toContain(m);
      expect(models, s.info.id).toContain(s.info.canary.model);
      expect(s.info.url).toMatch(/^https:\/\//);
      expect(s.info.baseUrl).toMatch(/^https:\/\//);
      expect(s.info.ratePerMinute).toBeGreaterThan(0);
      for (const f of Object.values(s.fetchers)) expect(f.parserVersion).toBeGreaterThanOrEqual(1);
    }
  });

  it('aliases (the original platform names) are unique across sources', () => {
    const all = ALL_SOURCES.flatMap((s) => [
      ...new Set([s.info.id, ...s.info.aliases].map((a) => a.toLowerCase())),
    ]);
    expect(new Set(all).size).toBe(all.length);
  });
});
