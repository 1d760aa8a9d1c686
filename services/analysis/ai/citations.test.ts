import { describe, expect, it } from 'vitest';
import { checkCitations } from './citations';
import { claim, reportBody, reportInput } from './test-support';

describe('checkCitations', () => {
  it('gives no flag when every cited id is a data point of the input', () => {
    expect(checkCitations(reportBody(), reportInput())).toEqual([]);
  });

  it('flags each unknown id once per place, in the order summary, strengths, risks', () => {
    const body = reportBody({
      citations: ['price.last', 'fund.ebitda', 'fund.ebitda'],
      strengths: [claim('a', 'fund.roe'), claim('b', 'tech.rsi_14', 'fund.pl'), claim('c', 'div.yield_12m')],
      risks: [claim('d', 'fund.pl'), claim('e', 'fund.pl'), claim('f', 'news.1', 'tech.rsi_14')],
    });
    const flags = checkCitations(body, reportInput());
    expect(flags.map((f) => [f.where, f.citation])).toEqual([
      ['summary', 'fund.ebitda'],
      ['strengths[1]', 'tech.rsi_14'],
      ['risks[2]', 'news.1'],
      ['risks[2]', 'tech.rsi_14'],
    ]);
    expect(flags[0]).toEqual({
      kind: 'unknown_citation',
      citation: 'fund.ebitda',
      where: 'summary',
      message: 'summary cites "fund.ebitda", which is not a data point of this report',
    });
  });
});
