import type { AiReport, AiReportSummary } from '../../contract';

/** A report as a history list shows it: no input or prompt; the price is the input's. */
export function summarizeReport(r: AiReport): AiReportSummary {
  return {
    id: r.id,
    ticker: r.ticker,
    created_at: r.created_at,
    kind: r.kind,
    language: r.language,
    model: { ...r.model },
    input_hash: r.input_hash,
    prompt_hash: r.prompt_hash,
    flags: r.flags.map((f) => ({ ...f })),
    recommendation: r.report.recommendation,
    sentiment: r.report.sentiment,
    target_prices: r.report.target_prices ? { ...r.report.target_prices } : null,
    price: r.input.price,
  };
}
