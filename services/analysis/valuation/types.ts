/** What every valuation model returns: its value per share, the upside to the last price, and its inputs. */

export type InputValue = number | string | boolean | null | readonly number[];

export interface ValuationResult {
  model: string;
  /** R$ per share; null when the model does not apply (the note says why). */
  value: number | null;
  /** (value ÷ price − 1) × 100; null without a value or a positive price. */
  upside_pct: number | null;
  inputs: Record<string, InputValue>;
  note?: string;
}

export function upsidePct(value: number | null, price: number | null): number | null {
  if (value === null || price === null || !(price > 0)) return null;
  return (value / price - 1) * 100;
}

export function valued(
  model: string,
  value: number,
  price: number | null,
  inputs: Record<string, InputValue>,
  note?: string,
): ValuationResult {
  return {
    model,
    value,
    upside_pct: upsidePct(value, price),
    inputs,
    ...(note === undefined ? {} : { note }),
  };
}

export function notValued(model: string, inputs: Record<string, InputValue>, note: string): ValuationResult {
  return { model, value: null, upside_pct: null, inputs, note };
}

export const isNum = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x);
