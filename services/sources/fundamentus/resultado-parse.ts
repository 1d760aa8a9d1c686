import { layoutChanged } from '../errors';
import { FUNDAMENTAL_KEYS, type FundamentalKeyName } from '../fundamental-keys';
import type { ScreenerItem } from '../models';
import { parseBrNumber, parseBrPercent } from '../shared/br-format';
import { cellText, columnIndex, readResultTable } from './result-table';

const PAGE = 'resultado.php';

/** Every column resultado.php may show and its standard key; percent columns read "4,70%". */
const COLUMN_KEYS = {
  Cotação: 'price',
  'P/L': 'pl',
  'P/VP': 'pvp',
  PSR: 'psr',
  'Div.Yield': 'dy',
  'P/Ativo': 'p_assets',
  'P/Cap.Giro': 'p_working_capital',
  'P/EBIT': 'p_ebit',
  'P/Ativ Circ.Liq': 'p_net_current_assets',
  'EV/EBIT': 'ev_ebit',
  'EV/EBITDA': 'ev_ebitda',
  'Mrg Bruta': 'gross_margin',
  'Mrg Ebit': 'ebit_margin',
  'Mrg. Líq.': 'net_margin',
  'Liq. Corr.': 'current_ratio',
  ROIC: 'roic',
  ROE: 'roe',
  'Liq.2meses': 'liquidity_2m',
  'Patrim. Líq': 'equity',
  'Dív.Brut/ Patrim.': 'gross_debt_to_equity',
  'Dív.Líq/ Patrim.': 'net_debt_to_equity',
  'Cresc. Rec.5a': 'revenue_cagr_5y',
} as const satisfies Record<string, FundamentalKeyName>;

type Column = 'Papel' | keyof typeof COLUMN_KEYS;
const KNOWN = ['Papel', ...Object.keys(COLUMN_KEYS)] as Column[];
/**
 * Columns the page must show. Gross margin and the debt ratio changed over time (gross debt over
 * equity became net debt over equity), so those three are known but not demanded.
 */
const OPTIONAL = new Set<Column>(['Mrg Bruta', 'Dív.Brut/ Patrim.', 'Dív.Líq/ Patrim.']);
const REQUIRED = KNOWN.filter((c) => !OPTIONAL.has(c));

/** A B3 ticker: the issuer's 4 characters and the class number (PETR4, TAEE11). */
const TICKER_RE = /^[A-Z0-9]{4}\d{1,2}$/;
const PAPEL_LINK_RE = /detalhes\.php\?papel=([^"&]*)/i;

/** Read resultado.php (decoded text): one item per listed ticker, every column under its key. */
export function parseFundamentusScreener(html: string): ScreenerItem[] {
  const table = readResultTable(html, PAGE);
  if (!table) throw layoutChanged(`${PAGE}: no resultado table`);
  const col = columnIndex(table.headers, KNOWN, REQUIRED, PAGE);
  const papel = col.get('Papel') ?? -1;
  const seen = new Set<string>();
  return table.rows.map((cells, i) => {
    const cell = cells[papel] ?? '';
    const ticker = cellText(cell).toUpperCase();
    if (!TICKER_RE.test(ticker)) throw layoutChanged(`${PAGE} row ${i + 1}: Papel is not a ticker`);
    // The cell links to the ticker's own page: text and link must name the same ticker.
    const linked = PAPEL_LINK_RE.exec(cell)?.[1];
    if (linked !== undefined && linked.toUpperCase() !== ticker)
      throw layoutChanged(`${PAGE} row ${i + 1}: Papel ${ticker} links to another ticker's page`);
    if (seen.has(ticker)) throw layoutChanged(`${PAGE}: ticker ${ticker} is listed twice`);
    seen.add(ticker);
    const values: Record<string, number | null> = {};
    for (const [name, index] of col) {
      if (name === 'Papel') continue;
      const key = COLUMN_KEYS[name];
      const text = cellText(cells[index] ?? '');
      const unit = FUNDAMENTAL_KEYS[key].unit;
      const v = unit === 'pct' ? parseBrPercent(text) : parseBrNumber(text);
      if (v === undefined) throw layoutChanged(`${PAGE} ${ticker}: ${name} is not a ${unit}`);
      values[key] = v;
    }
    return { ticker, values };
  });
}
