import { useEffect, useMemo } from 'react';
import { useAnalysis, useAnalysisStoreApi } from '../../store/analysis-store-context';
import { mergeMissing } from '../../store/missing-jobs-store';
import { MissingHint } from './missing-hint';

/**
 * Loads the ticker's analysis (the technical block for the chart, the consensus, the valuation and
 * the dividends) once `refreshKey` is set, and again when it changes (new quotes imported).
 */
export function useAnalysisOf(ticker: string, refreshKey: string | null): void {
  const store = useAnalysisStoreApi();
  useEffect(() => {
    if (refreshKey !== null) void store.getState().load(ticker);
  }, [store, ticker, refreshKey]);
}

/** What every block says is missing, once each, with the job that would fetch it. */
export function AnalysisMissing() {
  const technical = useAnalysis((s) => s.technical.missing);
  const fundamental = useAnalysis((s) => s.fundamental.missing);
  const valuation = useAnalysis((s) => s.valuation.missing);
  const dividends = useAnalysis((s) => s.dividends.missing);
  const missing = useMemo(
    () => mergeMissing(technical, fundamental, valuation, dividends),
    [technical, fundamental, valuation, dividends],
  );
  return <MissingHint missing={missing} testId="analysis-missing" />;
}
