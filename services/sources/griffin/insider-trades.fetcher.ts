import { z } from 'zod';
import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { InsiderTradeItem } from '../models';
import { parseBrDate } from '../shared/br-format';
import { interceptedJson } from '../shared/browser-payload';

/**
 * Griffin's insider page (`/empresas/<ticker>/insiders`) renders in the browser from its JSON API
 * (`/api/insiders/<ticker>`): the company's CVM 44 filings ("valores mobiliários negociados"), one
 * entry per trade. No capture exists: the field names below are the shape we expect, held strictly.
 */
export const API_PART = '/api/insiders/';

const Num = z.number().finite();
const Movement = z.object({
  data: z.string(),
  cargo: z.string().min(1),
  operacao: z.string().min(1),
  quantidade: Num.nonnegative(),
  preco: Num.nullable(),
  volume: Num.nullable(),
});
const Answer = z.object({
  codigo: z.string(),
  empresa: z.string().nullable(),
  movimentacoes: z.array(Movement),
});

function operationOf(text: string): InsiderTradeItem['operation'] {
  if (/^compra/i.test(text)) return 'BUY';
  if (/^venda/i.test(text)) return 'SELL';
  return 'OTHER';
}

export const insiderTradesFetcher = defineFetcher({
  model: 'insider-trades',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  emptyIsValid: true,
  request(q, ctx) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'griffin: a ticker is required');
    return {
      url: `${ctx.baseUrl}/empresas/${encodeURIComponent(q.ticker)}/insiders`,
      browser: { intercept: [`${API_PART}${q.ticker}`] },
    };
  },
  transform(raw, q): InsiderTradeItem[] {
    const ticker = q.ticker ?? '';
    const parsed = Answer.safeParse(interceptedJson(raw, API_PART, 'griffin insiders'));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw layoutChanged(`griffin insiders: ${i?.path.join('.') || 'answer'}: ${i?.message}`);
    }
    const a = parsed.data;
    if (a.codigo.toUpperCase() !== ticker)
      throw layoutChanged(`griffin insiders: the answer is for ${a.codigo}, ${ticker} was asked`);
    const items = a.movimentacoes.map((m, i): InsiderTradeItem => {
      const date = parseBrDate(m.data);
      if (!date) throw layoutChanged(`griffin insiders: movement ${i + 1} has no dd/mm/yyyy date`);
      return {
        ticker,
        company: a.empresa,
        date,
        insider_group: m.cargo.trim(),
        operation: operationOf(m.operacao.trim()),
        source_operation: m.operacao.trim(),
        quantity: m.quantidade,
        price: m.preco,
        value: m.volume,
      };
    });
    return items.filter((t) => (!q.from || t.date >= q.from) && (!q.to || t.date <= q.to));
  },
});
