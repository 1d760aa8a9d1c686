import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './helpers';
import { startTestServer, type TestServer } from './server-harness';

describe('GET /redoc beside /docs', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('serves the page and the pinned standalone bundle, with no inline script and nothing from the network', async () => {
    const page = await send(t.port, { path: '/redoc' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';.*worker-src 'self' blob:/);
    expect(page.text).toContain('<redoc spec-url="/openapi.json">');
    expect(page.text).toContain('<script src="/redoc/redoc.standalone.js"></script>');
    expect(page.text).not.toMatch(/<script>/);
    const js = await send(t.port, { path: '/redoc/redoc.standalone.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.text.length).toBeGreaterThan(500_000);
    expect(js.text).not.toContain('cdn.redoc.ly');
    expect((await send(t.port, { path: '/docs' })).text).toContain('href="/redoc"');
    expect((await send(t.port, { path: '/redoc/other.js' })).status).not.toBe(200);
  });
});
