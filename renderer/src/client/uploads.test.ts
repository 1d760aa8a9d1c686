import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';
import { withStreamedUpload, withStreamedUploads } from './uploads';

describe('base64ToBytes', () => {
  it('inverts bytesToBase64 across chunk boundaries', () => {
    const bytes = new Uint8Array(200_003).map((_, i) => (i * 7 + 3) % 256);
    const back = base64ToBytes(bytesToBase64(bytes));
    expect(back.length).toBe(bytes.length);
    expect(back.every((b, i) => b === bytes[i])).toBe(true);
    expect(base64ToBytes('TWE=')).toEqual(new TextEncoder().encode('Ma'));
  });
});

describe('withStreamedUploads', () => {
  it('streams each inline file to /api/uploads and names them by upload_ids', async () => {
    const sent: Array<{ url: string; body: Uint8Array; type: string | null }> = [];
    const fake: typeof fetch = (input, init) => {
      sent.push({
        url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        body: init?.body as Uint8Array,
        type: new Headers(init?.headers).get('content-type'),
      });
      return Promise.resolve(new Response(JSON.stringify({ upload_id: `id-${sent.length}`, bytes: 3 })));
    };
    const out = await withStreamedUploads(
      {
        uploads: [
          { name: 'a b.TXT', dataBase64: 'TWFu' },
          { name: 'c.ZIP', dataBase64: 'AA==' },
        ],
      },
      'http://127.0.0.1:4817',
      { 'X-B3AI-Client': 'web' },
      fake,
    );
    expect(out).toEqual({ ok: true, input: { uploads: [], upload_ids: ['id-1', 'id-2'] } });
    expect(sent[0]?.url).toBe('http://127.0.0.1:4817/api/uploads?name=a%20b.TXT');
    expect(new TextDecoder().decode(sent[0]?.body)).toBe('Man');
    expect(sent[0]?.type).toBe('application/octet-stream');
  });

  it('answers the server refusal of an upload (413) as the result', async () => {
    const fake: typeof fetch = () =>
      Promise.resolve(
        new Response(
          JSON.stringify({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'too big' } }),
          {
            status: 413,
          },
        ),
      );
    const out = await withStreamedUploads(
      { uploads: [{ name: 'x', dataBase64: 'AA==' }] },
      'http://h',
      {},
      fake,
    );
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.result).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('leaves inputs without inline files alone', async () => {
    const input = { paths: ['/x'] };
    expect(await withStreamedUploads(input, 'http://h', {})).toEqual({ ok: true, input });
  });
});

describe('withStreamedUpload (sources.ingest)', () => {
  it('streams the inline file and names it by upload_id; a refused upload is the answer', async () => {
    const urls: string[] = [];
    const ok: typeof fetch = (input) => {
      urls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return Promise.resolve(new Response(JSON.stringify({ upload_id: 'u-1', bytes: 3 })));
    };
    const out = await withStreamedUpload(
      {
        source: 'bcb',
        model: 'macro-series',
        query: 'series=433',
        upload: { name: 'ipca.json', dataBase64: 'TWFu' },
      },
      'http://127.0.0.1:4817',
      {},
      ok,
    );
    expect(out).toEqual({
      ok: true,
      input: { source: 'bcb', model: 'macro-series', query: 'series=433', upload_id: 'u-1' },
    });
    expect(urls).toEqual(['http://127.0.0.1:4817/api/uploads?name=ipca.json']);
    const tooLarge: typeof fetch = () =>
      Promise.resolve(
        new Response(
          JSON.stringify({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'too large' } }),
          {
            status: 413,
          },
        ),
      );
    const refused = await withStreamedUpload(
      { source: 'bcb', model: 'macro-series', upload: { name: 'big.json', dataBase64: 'TWFu' } },
      'http://127.0.0.1:4817',
      {},
      tooLarge,
    );
    expect(refused.ok).toBe(false);
    expect(!refused.ok && !refused.result.ok && refused.result.error.code).toBe('PAYLOAD_TOO_LARGE');
    // Nothing inline: the input goes as it came.
    const plain = { source: 'bcb', model: 'macro-series', upload_id: 'x' };
    expect(await withStreamedUpload(plain, 'http://127.0.0.1:4817', {}, ok)).toEqual({
      ok: true,
      input: plain,
    });
  });
});
