import yauzl from 'yauzl';
import { SourceError } from '../errors';

export interface ZipEntryData {
  name: string;
  data: Buffer;
}

export interface ZipLimits {
  /** Refuse an entry larger than this (uncompressed bytes). Default 512 MiB (a latin-1 string's limit). */
  maxEntryBytes?: number;
}

const DEFAULT_MAX_ENTRY_BYTES = 512 * 1024 * 1024;

function zipError(message: string): SourceError {
  return new SourceError('LAYOUT_CHANGED', message);
}

/**
 * The entries of an in-memory ZIP whose names `accept` takes, read fully (directories skipped).
 * A buffer that is not a ZIP, a damaged entry or an entry over `maxEntryBytes` is LAYOUT_CHANGED:
 * the site answered something other than the archive we know.
 */
export function readZipEntries(
  zip: Buffer,
  accept: (name: string) => boolean,
  limits: ZipLimits = {},
): Promise<ZipEntryData[]> {
  const maxBytes = limits.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (openError, file) => {
      if (openError || !file) {
        reject(zipError(`not a ZIP archive (${openError?.message ?? 'unreadable'}; ${zip.length} bytes)`));
        return;
      }
      const out: ZipEntryData[] = [];
      let failed = false;
      const fail = (error: SourceError): void => {
        if (failed) return;
        failed = true;
        file.close();
        reject(error);
      };
      file.on('error', (e: Error) => fail(zipError(`damaged ZIP archive: ${e.message}`)));
      file.on('end', () => {
        if (!failed) resolve(out);
      });
      file.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/') || !accept(name)) {
          file.readEntry();
          return;
        }
        if (entry.uncompressedSize > maxBytes) {
          fail(
            zipError(`ZIP entry ${name} is ${entry.uncompressedSize} bytes, over the ${maxBytes}-byte limit`),
          );
          return;
        }
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            fail(zipError(`damaged ZIP entry ${name}: ${streamError?.message ?? 'no stream'}`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              stream.destroy();
              fail(zipError(`ZIP entry ${name} is over the ${maxBytes}-byte limit`));
              return;
            }
            chunks.push(chunk);
          });
          stream.on('error', (e: Error) => fail(zipError(`damaged ZIP entry ${name}: ${e.message}`)));
          stream.on('end', () => {
            if (failed) return;
            out.push({ name, data: Buffer.concat(chunks, size) });
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}
