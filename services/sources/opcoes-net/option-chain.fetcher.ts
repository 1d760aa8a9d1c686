import { z } from 'zod';
import { defineFetcher } from '../define';
import { layoutChanged, SourceError } from '../errors';
import type { OptionItem } from '../models';
import { interceptedJson } from '../shared/browser-payload';

/**
 * Opções.net's chain page (`/opcoes/bovespa/<underlying>`) loads the whole chain from
 * `/listaopcoes/completa` as JSON; signed-in users also get implied volatility and the Greeks. No
 * capture exists: the field names below are the shape we expect, held strictly (a Greek is null
 * where the site shows none, never filled in).
 */
export const API_PART = '/listaopcoes/completa';

const Num = z.number().finite();
const IsoDate = z.iso.date();
const Series = z.object({
  ticker: z.string().regex(/^[A-Z0-9]{5,12}$/),
  tipo: z.enum(['CALL', 'PUT']),
  modelo: z.enum(['A', 'E']).nullable(),
  strike: Num.positive(),
  vencimento: IsoDate,
  ultimo: Num.nullable(),
  compra: Num.nullable(),
  venda: Num.nullable(),
  volume: Num.nullable(),
  negocios: Num.nullable(),
  vi: Num.nullable(),
  delta: Num.nullable(),
  gama: Num.nullable(),
  theta: Num.nullable(),
  vega: Num.nullable(),
  rho: Num.nullable(),
});
const Answer = z.object({
  success: z.literal(true),
  data: z.object({ acao: z.string(), dataCotacao: IsoDate, opcoes: z.array(Series) }),
});

export const optionChainFetcher = defineFetcher({
  model: 'option-chain',
  parserVersion: 1,
  primary: 'ticker',
  required: ['ticker'],
  request(q, ctx) {
    if (!q.ticker) throw new SourceError('INVALID_INPUT', 'opcoes-net: an underlying ticker is required');
    return {
      url: `${ctx.baseUrl}/opcoes/bovespa/${encodeURIComponent(q.ticker)}`,
      browser: { intercept: [API_PART] },
    };
  },
  transform(raw, q): OptionItem[] {
    const underlying = q.ticker ?? '';
    const parsed = Answer.safeParse(interceptedJson(raw, API_PART, 'opcoes-net chain'));
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw layoutChanged(`opcoes-net chain: ${i?.path.join('.') || 'answer'}: ${i?.message}`);
    }
    const { acao, dataCotacao, opcoes } = parsed.data.data;
    if (acao.toUpperCase() !== underlying)
      throw layoutChanged(`opcoes-net chain: the chain is of ${acao}, ${underlying} was asked`);
    return opcoes.map((o) => ({
      underlying,
      ticker: o.ticker,
      kind: o.tipo,
      style: o.modelo,
      strike: o.strike,
      expiry: o.vencimento,
      as_of: dataCotacao,
      last: o.ultimo,
      bid: o.compra,
      ask: o.venda,
      volume: o.volume,
      trades: o.negocios,
      implied_volatility: o.vi,
      delta: o.delta,
      gamma: o.gama,
      theta: o.theta,
      vega: o.vega,
      rho: o.rho,
    }));
  },
});
