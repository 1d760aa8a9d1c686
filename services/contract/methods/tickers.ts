import { z } from 'zod';
import { defineMethod } from '../define';
import { Security } from '../models';

export const tickersSearch = defineMethod({
  name: 'tickers.search',
  summary: 'Securities whose ticker starts with, or whose name contains, the query.',
  http: { method: 'GET', path: '/api/tickers/search' },
  input: z.object({
    q: z.string().trim().max(40, 'at most 40 characters').default(''),
    limit: z.coerce.number().int().min(1).max(200).default(20),
  }),
  output: z.object({ items: z.array(Security) }),
});

export const tickersMethods = { 'tickers.search': tickersSearch } as const;
