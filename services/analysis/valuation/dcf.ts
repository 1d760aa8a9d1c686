/**
 * A simple FCFF discounted cash flow.
 *
 * FCFF0 = EBIT · (1 − t) + D&A − capex − ΔNWC (last 12 months). It grows at g a year for N years;
 * the terminal value at year N is FCFF_N · (1 + g_T) / (WACC − g_T). EV = Σ FCFF_t / (1 + WACC)^t +
 * TV / (1 + WACC)^N; equity = EV − net debt; value = equity ÷ shares.
 *
 * Defaults (all overridable through `assumptions`): N = 5 years, g = 5%, g_T = 3% (the inflation
 * target: no real growth forever), t = 34% (IRPJ + CSLL). WACC, unless given: cost of equity
 * ke = Selic + 5-point equity premium; cost of debt kd = Selic + 2-point spread, after tax; weights
 * market cap and gross debt (ke alone when either is unknown). An unknown ΔNWC counts as 0 (noted).
 * No value when FCFF0 ≤ 0, WACC ≤ g_T, shares ≤ 0 or the equity comes out ≤ 0.
 */
import { isNum, notValued, valued, type InputValue, type ValuationResult } from './types';

export interface DcfAssumptions {
  years: number;
  growth_pct: number;
  terminal_growth_pct: number;
  tax_rate_pct: number;
  /** Overrides the WACC built from Selic. */
  wacc_pct: number | null;
  equity_premium_pct: number;
  debt_spread_pct: number;
}

export const DEFAULT_DCF_ASSUMPTIONS: DcfAssumptions = {
  years: 5,
  growth_pct: 5,
  terminal_growth_pct: 3,
  tax_rate_pct: 34,
  wacc_pct: null,
  equity_premium_pct: 5,
  debt_spread_pct: 2,
};

export interface DcfInput {
  ebit_12m: number | null;
  da_12m: number | null;
  /** Capital expenditure as a positive outflow. */
  capex_12m: number | null;
  delta_nwc_12m: number | null;
  net_debt: number | null;
  gross_debt?: number | null;
  market_cap?: number | null;
  shares: number | null;
  price: number | null;
  selic_pct?: number | null;
  assumptions?: Partial<DcfAssumptions>;
}

function waccOf(i: DcfInput, a: DcfAssumptions): { wacc: number | null; parts: Record<string, InputValue> } {
  if (a.wacc_pct !== null) return { wacc: a.wacc_pct, parts: { wacc_source: 'given' } };
  if (!isNum(i.selic_pct)) return { wacc: null, parts: {} };
  const ke = i.selic_pct + a.equity_premium_pct;
  const kd = (i.selic_pct + a.debt_spread_pct) * (1 - a.tax_rate_pct / 100);
  const e = i.market_cap;
  const d = i.gross_debt;
  if (!isNum(e) || !isNum(d) || e <= 0 || d < 0) {
    return { wacc: ke, parts: { wacc_source: 'cost of equity only', cost_of_equity_pct: ke } };
  }
  const wacc = (e / (e + d)) * ke + (d / (e + d)) * kd;
  return {
    wacc,
    parts: {
      wacc_source: 'selic',
      cost_of_equity_pct: ke,
      cost_of_debt_after_tax_pct: kd,
      equity_weight: e / (e + d),
    },
  };
}

export function fcffDcf(i: DcfInput): ValuationResult {
  const a: DcfAssumptions = { ...DEFAULT_DCF_ASSUMPTIONS, ...i.assumptions };
  const { wacc, parts } = waccOf(i, a);
  const inputs: Record<string, InputValue> = {
    ebit_12m: i.ebit_12m,
    da_12m: i.da_12m,
    capex_12m: i.capex_12m,
    delta_nwc_12m: i.delta_nwc_12m,
    net_debt: i.net_debt,
    shares: i.shares,
    price: i.price,
    selic_pct: i.selic_pct ?? null,
    years: a.years,
    growth_pct: a.growth_pct,
    terminal_growth_pct: a.terminal_growth_pct,
    tax_rate_pct: a.tax_rate_pct,
    wacc_pct: wacc,
    ...parts,
  };
  const { ebit_12m: ebit, da_12m: da, capex_12m: capex, net_debt: netDebt, shares } = i;
  if (!isNum(ebit) || !isNum(da) || !isNum(capex) || !isNum(netDebt) || !isNum(shares)) {
    return notValued('dcf', inputs, 'EBIT, D&A, capex, net debt or shares missing');
  }
  if (wacc === null) return notValued('dcf', inputs, 'no discount rate: give Selic or a WACC');
  if (shares <= 0) return notValued('dcf', inputs, 'shares must be > 0');
  const years = Math.max(1, Math.round(a.years));
  const w = wacc / 100;
  const gT = a.terminal_growth_pct / 100;
  if (w <= gT) return notValued('dcf', inputs, 'the WACC must exceed the terminal growth');
  const fcff0 = ebit * (1 - a.tax_rate_pct / 100) + da - capex - (i.delta_nwc_12m ?? 0);
  inputs.fcff_0 = fcff0;
  if (fcff0 <= 0)
    return notValued('dcf', inputs, 'free cash flow to the firm ≤ 0: a perpetuity of it means nothing');
  const flows: number[] = [];
  let pv = 0;
  for (let t = 1; t <= years; t++) {
    const f = fcff0 * (1 + a.growth_pct / 100) ** t;
    flows.push(f);
    pv += f / (1 + w) ** t;
  }
  const last = flows[flows.length - 1] ?? fcff0;
  const terminal = (last * (1 + gT)) / (w - gT);
  const pvTerminal = terminal / (1 + w) ** years;
  const ev = pv + pvTerminal;
  const equity = ev - netDebt;
  Object.assign(inputs, {
    fcff: flows,
    pv_fcff: pv,
    terminal_value: terminal,
    pv_terminal_value: pvTerminal,
    enterprise_value: ev,
    equity_value: equity,
  });
  if (equity <= 0) return notValued('dcf', inputs, 'net debt exceeds the enterprise value');
  const note = i.delta_nwc_12m === null ? 'change in working capital unknown: taken as 0' : undefined;
  return valued('dcf', equity / shares, i.price, inputs, note);
}
