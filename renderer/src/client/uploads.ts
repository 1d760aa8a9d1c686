import type { Result } from '../../../services/contract';
import { base64ToBytes } from './base64';
import { parseResultBody, unavailable } from './http-request';

interface InlineFile {
  name: string;
  dataBase64: string;
}

/**
 * `import.cotahist` over HTTP: files the UI holds inline are streamed to `POST /api/uploads` one
 * by one (JSON bodies are capped at 1 MB), and the import names them by `upload_ids`.
 */
export async function withStreamedUploads(
  input: unknown,
  origin: string,
  headers: Record<string, string>,
  doFetch: typeof fetch = (i, init) => fetch(i, init),
): Promise<{ ok: true; input: unknown } | { ok: false; result: Result<unknown> }> {
  const given = (input ?? {}) as { uploads?: InlineFile[]; upload_ids?: string[] };
  if (!Array.isArray(given.uploads) || given.uploads.length === 0) return { ok: true, input };
  const ids = [...(given.upload_ids ?? [])];
  for (const file of given.uploads) {
    const url = new URL(`/api/uploads?name=${encodeURIComponent(file.name)}`, origin).toString();
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/octet-stream' },
        credentials: 'same-origin',
        body: base64ToBytes(file.dataBase64) as Uint8Array<ArrayBuffer>,
      });
    } catch (e) {
      return {
        ok: false,
        result: unavailable(
          `The upload of ${file.name} failed (${e instanceof Error ? e.message : String(e)}).`,
        ),
      };
    }
    const answer = parseResultBody(res.status, await res.text());
    if (!answer.ok) return { ok: false, result: answer };
    ids.push((answer.data as { upload_id: string }).upload_id);
  }
  return { ok: true, input: { ...given, uploads: [], upload_ids: ids } };
}

/**
 * `sources.ingest` over HTTP: a file the UI holds inline (`upload`) is streamed to
 * `POST /api/uploads` first, and the ingest names it by `upload_id` (the server's size cap applies).
 */
export async function withStreamedUpload(
  input: unknown,
  origin: string,
  headers: Record<string, string>,
  doFetch: typeof fetch = (i, init) => fetch(i, init),
): Promise<{ ok: true; input: unknown } | { ok: false; result: Result<unknown> }> {
  const { upload, ...rest } = (input ?? {}) as { upload?: InlineFile };
  if (!upload) return { ok: true, input };
  const streamed = await withStreamedUploads({ uploads: [upload] }, origin, headers, doFetch);
  if (!streamed.ok) return streamed;
  const [id] = (streamed.input as { upload_ids: string[] }).upload_ids;
  return { ok: true, input: { ...rest, upload_id: id } };
}
