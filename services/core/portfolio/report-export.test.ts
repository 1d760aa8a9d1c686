import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/helpers/pg-template';
import { chromiumPdfRenderer } from '../ai/pdf';
import type { Output } from '../../contract';
import type { Ctx } from '../context';
import { dispatch } from '../dispatch';
import { EventBus } from '../events/bus';
import { handlers } from '../handlers';
import { createLogger } from '../logging/logger';
import type { Pg } from '../storage/pg';

// The yearly report made on request through the real dispatcher; the PDF printed by Debian's Chromium.
let pg: Pg;
let ctx: Ctx;
beforeAll(async () => {
  pg = await freshPg();
  ctx = {
    dataDir: '/nonexistent',
    version: 't',
    pg,
    state: null as never,
    events: new EventBus(),
    log: createLogger('t'),
    caller: 'remote',
    pdf: chromiumPdfRenderer({ B3AI_CHROMIUM: '/usr/bin/chromium' }),
  };
  for (const transaction of [
    { date: '2024-01-02', kind: 'buy', ticker: 'ITSA4', quantity: 1000, price: 10.5 },
    { date: '2024-05-20', kind: 'jcp', ticker: 'ITSA4', amount: 100, withheld: 15 },
  ]) {
    const r = await dispatch(handlers, 'portfolios.addTransaction', { transaction }, ctx);
    expect(r.ok).toBe(true);
  }
}, 120_000);
afterAll(async () => {
  await pg.close();
});

describe('portfolios.reportExport', () => {
  it('CSV: the same lines as the report', async () => {
    const r = await dispatch(handlers, 'portfolios.reportExport', { year: 2024, format: 'csv' }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const x = r.data as Output<'portfolios.reportExport'>;
    expect(x).toMatchObject({ filename: 'relatorio-ir-2024.csv', encoding: 'utf-8' });
    expect(x.content).toContain('bens_e_direitos,03-01,ITSA4,1000,10500');
  });

  it('PDF: a real PDF, in base64, named for the year', async () => {
    const r = await dispatch(
      handlers,
      'portfolios.reportExport',
      { year: 2024, format: 'pdf', lang: 'en' },
      ctx,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const x = r.data as Output<'portfolios.reportExport'>;
    expect(x).toMatchObject({ filename: 'relatorio-ir-2024.pdf', content_type: 'application/pdf' });
    const bytes = Buffer.from(x.content, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5_000);
    // The document's title (UTF-16BE in the PDF's info dictionary) is the English report's.
    const title = Buffer.from('\uFEFFYearly report 2024', 'utf16le').swap16().toString('hex').toUpperCase();
    expect(bytes.toString('latin1')).toContain(`/Title <${title}`);
  }, 60_000);

  it('hostile input: a bad year or format is INVALID_INPUT; no renderer is UNAVAILABLE', async () => {
    for (const input of [{ year: 1900 }, { year: 2024, format: 'exe' }, { year: 2024, lang: 'xx' }]) {
      const r = await dispatch(handlers, 'portfolios.reportExport', input, ctx);
      expect(!r.ok && r.error.code, JSON.stringify(input)).toBe('INVALID_INPUT');
    }
    const { pdf: _pdf, ...noPdf } = ctx;
    const r = await dispatch(handlers, 'portfolios.reportExport', { year: 2024, format: 'pdf' }, noPdf);
    expect(!r.ok && r.error.code).toBe('UNAVAILABLE');
  });
});
