import yazl from 'yazl';
import { makeRaw, type RawPayload } from './raw';

/** The error code `run` throws (sync or async), or NO_ERROR when it returns. Tests only. */
export async function errorCode(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (e) {
    return (e as { code?: string }).code ?? 'UNTYPED';
  }
  return 'NO_ERROR';
}

/** A payload as the runtime hands it to a transform, from text. Tests only. */
export function rawText(body: string, contentType: string, status = 200): RawPayload {
  return makeRaw({ url: 'x', status, contentType, fetchedAt: '', body: Buffer.from(body) });
}

/** A ZIP archive of the given files, as B3 and CVM serve theirs. Tests only. */
export function makeZip(files: [name: string, data: Buffer][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of files) zip.addBuffer(data, name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
