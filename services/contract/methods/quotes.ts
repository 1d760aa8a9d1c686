import { z } from 'zod';
import { defineMethod } from '../define';
import { DailyBar, IsoDate, Security, Ticker } from '../models';

export const quotesList = defineMethod({
  name: 'quotes.list',
  summary: 'Daily bars of one ticker, oldest first, optionally within [from, to].',
  http: { method: 'GET', path: '/api/quotes/{ticker}' },
  input: z
    .object({ ticker: Ticker, from: IsoDate.optional(), to: IsoDate.optional() })
    .refine((v) => !v.from || !v.to || v.from <= v.to, {
      message: 'from must not be after to',
      path: ['from'],
    }),
  output: z.object({ ticker: Ticker, security: Security, bars: z.array(DailyBar) }),
});

export const quotesMethods = { 'quotes.list': quotesList } as const;
