import { defineFetcher } from '../define';
import { parseSgs } from './sgs-parse';
import { seriesCode } from './series';
import { brDate, sgsWindow } from './window';

/** One SGS series as dated points: `/dados/serie/bcdata.sgs.<code>/dados?formato=json`. */
export const sgsFetcher = defineFetcher({
  model: 'macro-series',
  parserVersion: 1,
  primary: 'series',
  required: ['series'],
  // The runner passes from = the day after the last stored point; nothing new yet is normal.
  emptyIsValid: true,
  request(q, ctx) {
    const code = seriesCode(q.series);
    const { from, to } = sgsWindow(code, q, ctx.now);
    let url = `${ctx.baseUrl}/dados/serie/bcdata.sgs.${code}/dados?formato=json`;
    if (from) url += `&dataInicial=${brDate(from)}`;
    if (to) url += `&dataFinal=${brDate(to)}`;
    return { url, encoding: 'utf-8', acceptStatus: [400, 404, 406] };
  },
  transform(raw, q) {
    return parseSgs(raw, q, seriesCode(q.series));
  },
});
