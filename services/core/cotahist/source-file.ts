import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import yauzl from 'yauzl';
import { AppError } from '../../contract';

/** The text of one COTAHIST file, whether it came as .TXT or inside B3's .ZIP. */
export interface CotahistSource {
  /** What to call it in messages: `file.zip` or `file.zip!COTAHIST_D25062021.TXT`. */
  name: string;
  /** Uncompressed size, for progress. */
  totalBytes: number;
  /** Size of the file on disk. */
  fileBytes: number;
  /**
   * The bytes in order. A chunk is only valid until the next one is requested (plain files reuse two
   * read buffers, so reading overlaps processing and allocates nothing per chunk).
   */
  chunks: AsyncIterable<Buffer>;
  close(): void;
}

const ZIP_MAGIC = 0x04034b50;
const READ_CHUNK = 1 << 20;

async function isZip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === ZIP_MAGIC;
  } finally {
    await fh.close();
  }
}

export async function openCotahistSource(path: string): Promise<CotahistSource> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new AppError('FILE_NOT_FOUND', `${path} is not a file`, { file: path });
    size = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', `cannot read ${path}: ${(e as Error).message}`, { file: path });
  }
  if (await isZip(path)) return { ...(await openZipEntry(path)), fileBytes: size };
  const fh = await open(path, 'r');
  let closed = false;
  return {
    name: basename(path),
    totalBytes: size,
    fileBytes: size,
    chunks: readDoubleBuffered(fh),
    close: () => {
      if (closed) return;
      closed = true;
      void fh.close();
    },
  };
}

/** Read a file with two alternating buffers: the next read is in flight while the caller works. */
async function* readDoubleBuffered(fh: FileHandle): AsyncGenerator<Buffer> {
  const buffers: [Buffer, Buffer] = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
  let turn = 0;
  let pending = fh.read(buffers[0], 0, READ_CHUNK, null);
  for (;;) {
    const { bytesRead } = await pending;
    if (bytesRead === 0) return;
    const filled = buffers[turn]!;
    turn ^= 1;
    pending = fh.read(buffers[turn]!, 0, READ_CHUNK, null);
    yield filled.subarray(0, bytesRead);
  }
}

function openZipEntry(path: string): Promise<Omit<CotahistSource, 'fileBytes'>> {
  const zipName = basename(path);
  const bad = (reason: string): AppError =>
    new AppError('UNSUPPORTED_FILE', `${zipName}: ${reason}`, { file: path });
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err) return reject(bad(`not a readable ZIP archive (${err.message})`));
      const texts: yauzl.Entry[] = [];
      zip.on('error', (e: Error) => reject(bad(e.message)));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/') && /\.txt$/i.test(entry.fileName)) texts.push(entry);
        zip.readEntry();
      });
      zip.on('end', () => {
        const [entry] = texts;
        if (texts.length !== 1 || !entry) {
          zip.close();
          return reject(bad(`expected exactly one .TXT file inside, found ${texts.length}`));
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e) {
            zip.close();
            return reject(bad(e.message));
          }
          resolve({
            name: `${zipName}!${entry.fileName}`,
            totalBytes: entry.uncompressedSize,
            chunks: stream,
            close: () => {
              stream.destroy();
              zip.close();
            },
          });
        });
      });
      zip.readEntry();
    });
  });
}
