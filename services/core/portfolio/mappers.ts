import { createHash } from 'node:crypto';
import { AppError } from '../../contract/errors';
import { TransactionInput, type Transaction } from '../../contract/portfolio';
import { round2 } from '../../analysis/portfolio/tax';
import { normHeader, parseDate, parseNumber, type Cell, type Table } from './table-reader';

export type Format = 'b3-movimentacao' | 'b3-negociacao' | 'generic-csv';

/** The exact header rows of B3's Área do Investidor exports (docs/B3_EXPORTS.md). */
export const HEADERS: Record<
  Format,
  { sheet: string | null; headers: readonly string[]; required: readonly string[] }
> = {
  'b3-movimentacao': {
    sheet: 'Movimentação',
    headers: [
      'Entrada/Saída',
      'Data',
      'Movimentação',
      'Produto',
      'Instituição',
      'Quantidade',
      'Preço unitário',
      'Valor da Operação',
    ],
    required: ['Entrada/Saída', 'Data', 'Movimentação', 'Produto', 'Quantidade'],
  },
  'b3-negociacao': {
    sheet: 'Negociação',
    headers: [
      'Data do Negócio',
      'Tipo de Movimentação',
      'Mercado',
      'Prazo/Vencimento',
      'Instituição',
      'Código de Negociação',
      'Quantidade',
      'Preço',
      'Valor',
    ],
    required: ['Data do Negócio', 'Tipo de Movimentação', 'Código de Negociação', 'Quantidade', 'Preço'],
  },
  'generic-csv': {
    sheet: null,
    headers: [
      'date',
      'kind',
      'ticker',
      'quantity',
      'price',
      'amount',
      'fees',
      'withheld',
      'ratio',
      'asset_class',
      'broker',
      'note',
    ],
    required: ['date', 'kind', 'ticker'],
  },
};

export interface Mapped {
  format: Format;
  rows: number;
  transactions: (Transaction & { line: number; product_name?: string; row_key: string })[];
  ignored: { line: number; reason: string }[];
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** Which export a table is, by its header row; a header no format knows is an error naming it. */
export function detectFormat(t: Table, file: string): Format {
  const h = new Set(t.headers.filter((x) => x !== ''));
  const format: Format | undefined = h.has('Entrada/Saída')
    ? 'b3-movimentacao'
    : h.has('Data do Negócio')
      ? 'b3-negociacao'
      : h.has('date') && h.has('kind')
        ? 'generic-csv'
        : undefined;
  if (!format)
    throw new AppError(
      'UNSUPPORTED_FILE',
      `${file}: not a B3 movimentação or negociação export, nor the generic CSV template (no 'Entrada/Saída', 'Data do Negócio' or 'date'+'kind' column)`,
      { file },
    );
  const spec = HEADERS[format];
  for (const x of h)
    if (!spec.headers.includes(x))
      throw new AppError(
        'UNSUPPORTED_FILE',
        `${file}: unknown column '${clip(x)}' for a ${format} file (expected: ${spec.headers.join(' | ')})`,
        { file, header: clip(x), format },
      );
  for (const r of spec.required)
    if (!h.has(r))
      throw new AppError('UNSUPPORTED_FILE', `${file}: column '${r}' is missing for a ${format} file`, {
        file,
        header: r,
        format,
      });
  return format;
}

const str = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c)).trim();

function num(c: Cell | undefined, file: string, line: number, col: string): number | null {
  const n = parseNumber(c ?? null);
  if (Number.isNaN(n))
    throw new AppError('MALFORMED_RECORD', `${file}: line ${line}: column '${col}' is not a number`, {
      file,
      line,
      column: col,
    });
  return n;
}

/** "PETR4 - PETROBRAS" → PETR4 and the name (padded with spaces in B3's file). */
function product(c: Cell | undefined): { ticker: string; name: string } {
  const s = str(c);
  const i = s.indexOf(' - ');
  return i < 0
    ? { ticker: s.toUpperCase(), name: '' }
    : { ticker: s.slice(0, i).trim().toUpperCase(), name: s.slice(i + 3).trim() };
}

const MOVEMENT_IGNORED =
  /^(Direito de Subscrição|Direitos de Subscrição|Recibo de Subscrição|Solicitação de Subscrição|Cessão de Direitos|Cancelamento de Subscrição)/;

export function mapTable(t: Table, file: string, format = detectFormat(t, file)): Mapped {
  const out: Mapped = { format, rows: t.rows.length, transactions: [], ignored: [] };
  const seen = new Map<string, number>();
  const add = (line: number, tx: Record<string, unknown>, product_name?: string) => {
    const parsed = TransactionInput.safeParse(tx);
    if (!parsed.success) {
      out.ignored.push({
        line,
        reason: `not a valid row: ${parsed.error.issues.map((i) => i.path.join('.') || 'row').join(', ')}`,
      });
      return;
    }
    const p = parsed.data;
    const natural = [
      format,
      p.date,
      p.kind,
      p.ticker,
      p.quantity,
      p.price,
      p.amount,
      p.fees,
      p.ratio ?? '',
      p.broker ?? '',
    ].join('|');
    const n = (seen.get(natural) ?? 0) + 1;
    seen.set(natural, n);
    const row_key = createHash('sha256').update(`${natural}|${n}`).digest('hex').slice(0, 32);
    out.transactions.push({ ...p, line, row_key, ...(product_name ? { product_name } : {}) });
  };
  for (const { line, cells } of t.rows) {
    if (format === 'b3-movimentacao') mapMovement(cells, line);
    else if (format === 'b3-negociacao') mapTrade(cells, line);
    else mapGeneric(cells, line);
  }
  return out;

  function mapMovement(c: Record<string, Cell>, line: number): void {
    const date = parseDate(c['Data'] ?? null);
    if (!date)
      throw new AppError(
        'MALFORMED_RECORD',
        `${file}: line ${line}: column 'Data' is not a date (dd/mm/yyyy)`,
        { file, line, column: 'Data' },
      );
    const credit = str(c['Entrada/Saída']).toLowerCase().startsWith('cred');
    const type = normHeader(str(c['Movimentação']));
    const { ticker, name } = product(c['Produto']);
    const quantity = num(c['Quantidade'], file, line, 'Quantidade') ?? 0;
    const price = num(c['Preço unitário'], file, line, 'Preço unitário');
    const value = num(c['Valor da Operação'], file, line, 'Valor da Operação');
    const broker = str(c['Instituição']) || undefined;
    const base = { date, ticker, quantity, broker };
    if (type === 'Transferência - Liquidação')
      return add(
        line,
        { ...base, kind: credit ? 'settlement_in' : 'settlement_out', price: price ?? 0 },
        name,
      );
    if (type === 'Transferência')
      return add(line, { ...base, kind: credit ? 'transfer_in' : 'transfer_out', price: price ?? 0 }, name);
    if (type === 'Dividendo')
      return add(line, { ...base, kind: 'dividend', amount: value ?? 0, price: price ?? 0 }, name);
    if (type === 'Rendimento')
      return add(line, { ...base, kind: 'fii_income', amount: value ?? 0, price: price ?? 0 }, name);
    if (type === 'Juros Sobre Capital Próprio') {
      // B3's value is net of the 15% withheld: gross = net / 0.85.
      const net = value ?? 0;
      const gross = round2(net / 0.85);
      return add(
        line,
        {
          ...base,
          kind: 'jcp',
          amount: gross,
          withheld: round2(gross - net),
          note: 'gross from the net value at 15%',
        },
        name,
      );
    }
    if (type === 'Bonificação em Ativos') {
      if (price === null)
        out.ignored.push({
          line,
          reason: 'bonus shares without a stated cost in the file: imported at cost 0; enter the stated cost',
        });
      return add(line, { ...base, kind: 'bonus', price: price ?? 0 }, name);
    }
    if (type === 'Desdobro')
      return add(
        line,
        {
          ...base,
          kind: 'bonus',
          price: 0,
          note: 'Desdobro: new shares at no cost (the total cost is unchanged)',
        },
        name,
      );
    if (type === 'Leilão de Fração' && quantity > 0 && value !== null)
      return add(line, { ...base, kind: 'sell', price: value / quantity, note: 'Leilão de Fração' }, name);
    if (type === 'Atualização' && credit) {
      out.ignored.push({
        line,
        reason:
          'Atualização (subscribed shares): imported at cost 0; the subscription price is not in the file',
      });
      return add(line, { ...base, kind: 'subscription', price: 0 }, name);
    }
    out.ignored.push({
      line,
      reason: MOVEMENT_IGNORED.test(type)
        ? `${clip(type)}: subscription rights and receipts are not positions (the shares arrive as Atualização)`
        : `movement type not handled: ${clip(type)}`,
    });
  }

  function mapTrade(c: Record<string, Cell>, line: number): void {
    const date = parseDate(c['Data do Negócio'] ?? null);
    if (!date)
      throw new AppError(
        'MALFORMED_RECORD',
        `${file}: line ${line}: column 'Data do Negócio' is not a date (dd/mm/yyyy)`,
        { file, line, column: 'Data do Negócio' },
      );
    const side = str(c['Tipo de Movimentação']).toLowerCase();
    const market = str(c['Mercado']);
    if (/op[cç][aã]o|termo|futuro/i.test(market))
      return void out.ignored.push({ line, reason: `market not handled: ${clip(market)}` });
    let ticker = str(c['Código de Negociação']).toUpperCase();
    if (/fracion/i.test(market) && /^[A-Z]{4}\d{1,2}F$/.test(ticker)) ticker = ticker.slice(0, -1);
    const kind = side === 'compra' ? 'buy' : side === 'venda' ? 'sell' : null;
    if (!kind)
      return void out.ignored.push({ line, reason: `'Tipo de Movimentação' is neither Compra nor Venda` });
    add(line, {
      date,
      kind,
      ticker,
      quantity: num(c['Quantidade'], file, line, 'Quantidade') ?? 0,
      price: num(c['Preço'], file, line, 'Preço') ?? 0,
      broker: str(c['Instituição']) || undefined,
    });
  }

  function mapGeneric(c: Record<string, Cell>, line: number): void {
    const date = parseDate(c['date'] ?? null);
    if (!date)
      throw new AppError(
        'MALFORMED_RECORD',
        `${file}: line ${line}: column 'date' is not a date (YYYY-MM-DD or dd/mm/yyyy)`,
        { file, line, column: 'date' },
      );
    const tx: Record<string, unknown> = {
      date,
      kind: str(c['kind']).toLowerCase(),
      ticker: str(c['ticker']).toUpperCase(),
    };
    for (const k of ['quantity', 'price', 'amount', 'fees', 'withheld', 'ratio'] as const) {
      const n = num(c[k], file, line, k);
      if (n !== null) tx[k] = n;
    }
    for (const k of ['asset_class', 'broker', 'note'] as const) if (str(c[k])) tx[k] = str(c[k]);
    add(line, tx);
  }
}

/** The table of a file to import: the sheet named as B3 names it, else the only sheet, else the first. */
export function pickTable(tables: Table[], file: string): Table {
  for (const f of ['b3-movimentacao', 'b3-negociacao'] as const) {
    const t = tables.find((x) => x.sheet === HEADERS[f].sheet);
    if (t) return t;
  }
  const first = tables.find((x) => x.headers.length > 0);
  if (!first) throw new AppError('EMPTY_DATA', `${file}: no sheet with a header row`, { file });
  return first;
}
