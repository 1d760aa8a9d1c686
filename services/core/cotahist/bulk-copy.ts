import type { Transaction } from '@electric-sql/pglite';

/**
 * Heap bytes per `daily_bars` row, on the low side (COTAHIST rows measure ~132), so the estimate
 * of the rows a table holds errs high and a doubtful case keeps its indexes.
 */
const ROW_BYTES = 120;
/** COPY text held back while deciding, at most (then the rows go into the indexed table). */
const MAX_HELD_BYTES = 32 << 20;

/**
 * A Blob over bytes already in memory. PGlite reads a COPY source only through `arrayBuffer()`;
 * Node's own Blob would copy the bytes in, then stream them back out in pieces and join them.
 */
export class BufferBlob extends Blob {
  constructor(private readonly data: Buffer) {
    super([]);
    Object.defineProperty(this, 'size', { value: data.length });
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    const d = this.data;
    return Promise.resolve(d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) as ArrayBuffer);
  }
}

interface IndexDef {
  drop: string;
  create: string;
}

interface TableFacts {
  bytes: number;
  referenced: boolean;
  indexes: Array<{ idx: string; con: string | null; condef: string | null; def: string }>;
}

/**
 * In one query: the table's size on disk, whether a foreign key points at it, and its indexes
 * (with the constraints they back) as PostgreSQL would write them.
 */
async function tableFacts(tx: Transaction, table: string): Promise<TableFacts> {
  const { rows } = await tx.query<TableFacts>(
    `SELECT pg_relation_size($1::regclass)::float8 AS bytes,
       EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND confrelid = $1::regclass) AS referenced,
       coalesce((SELECT json_agg(json_build_object('idx', i.indexrelid::regclass::text, 'con', c.conname,
           'condef', pg_get_constraintdef(c.oid), 'def', pg_get_indexdef(i.indexrelid)) ORDER BY i.indexrelid)
         FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid
         WHERE i.indrelid = $1::regclass), '[]'::json) AS indexes`,
    [table],
  );
  return rows[0]!;
}

/**
 * The table's indexes as statements that drop and re-create them exactly (constraints through
 * ALTER TABLE, under their own names); null when a foreign key depends on one of them.
 */
function indexDefs(table: string, facts: TableFacts): IndexDef[] | null {
  if (facts.referenced) return null;
  return facts.indexes.map((r) =>
    r.con
      ? {
          drop: `ALTER TABLE ${table} DROP CONSTRAINT "${r.con}"`,
          create: `ALTER TABLE ${table} ADD CONSTRAINT "${r.con}" ${r.condef}`,
        }
      : { drop: `DROP INDEX ${r.idx}`, create: r.def },
  );
}

/**
 * COPY blocks of rows into a table, building its indexes once at the end instead of inserting every
 * row into them when the rows coming in are at least as many as the table already holds (a first
 * import, an annual file into a young database): one sorted build of the B-tree costs less than a
 * descent per row. The decision is made as rows arrive: blocks are held back until the rows seen
 * reach the table's estimated size (then the indexes are dropped and everything is copied), or
 * until the stream ends short of it, or too much is held (then the rows go into the indexed table).
 * Everything happens in the caller's transaction, so the indexes come back or the whole file rolls
 * back; a duplicate key is reported by the index build with the same unique-violation code a COPY
 * into the indexed table would raise.
 */
export class BulkCopy {
  private mode: 'deciding' | 'rebuild' | 'indexed' = 'deciding';
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** How the indexes were kept: rebuilt after the load, or maintained row by row. */
  indexes: 'rebuilt' | 'maintained' = 'maintained';

  private constructor(
    private readonly tx: Transaction,
    private readonly copySql: string,
    private readonly existing: number,
    private readonly defs: IndexDef[] | null,
  ) {
    if (!defs || defs.length === 0) this.mode = 'indexed';
  }

  static async open(
    tx: Transaction,
    table: string,
    columns: string,
    format: 'text' | 'binary' = 'text',
  ): Promise<BulkCopy> {
    const facts = await tableFacts(tx, table);
    // An empty table (no page on disk: a first import) gets a new file in this transaction, so with
    // wal_level=minimal (PG_SETTINGS) PostgreSQL writes its rows straight to the table, without
    // writing each of them to the WAL first; a rollback drops the new file and keeps the old one.
    if (facts.bytes === 0 && !facts.referenced) await tx.exec(`TRUNCATE ${table}`);
    return new BulkCopy(
      tx,
      `COPY ${table} (${columns}) FROM '/dev/blob'${format === 'binary' ? ' WITH (FORMAT binary)' : ''}`,
      Math.ceil(facts.bytes / ROW_BYTES),
      indexDefs(table, facts),
    );
  }

  /** A block of COPY rows; `rowsSoFar` counts every row produced up to now (this block's included). */
  async write(block: Buffer, rowsSoFar: number): Promise<void> {
    if (this.mode === 'deciding') {
      this.held.push(block);
      this.heldBytes += block.length;
      if (rowsSoFar >= this.existing) await this.decide('rebuild');
      else if (this.heldBytes > MAX_HELD_BYTES) await this.decide('indexed');
      return;
    }
    await this.copy([block]);
  }

  /** After the last block: copy what is still held, then build the indexes if they were dropped. */
  async finish(rows: number): Promise<void> {
    if (this.mode === 'deciding')
      await this.decide(rows > 0 && rows >= this.existing ? 'rebuild' : 'indexed');
    if (this.mode === 'rebuild') for (const d of this.defs!) await this.tx.exec(d.create);
  }

  private async decide(mode: 'rebuild' | 'indexed'): Promise<void> {
    this.mode = mode;
    if (mode === 'rebuild') {
      this.indexes = 'rebuilt';
      for (const d of this.defs!) await this.tx.exec(d.drop);
    }
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    if (held.length > 0) await this.copy(held);
  }

  /** One COPY per block: a binary block is a whole COPY stream (header, rows, trailer). */
  private async copy(blocks: Buffer[]): Promise<void> {
    for (const block of blocks) await this.tx.query(this.copySql, [], { blob: new BufferBlob(block) });
  }
}
