import type { DataPoint } from '../../contract';

/** Reading the API's analysis blocks (records of unknown shape) without trusting them. */
export type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A data point with the provenance fields defaulted to null. */
export function point(
  p: Omit<DataPoint, 'as_of' | 'source' | 'snapshot_id' | 'detail'> & Partial<DataPoint>,
): DataPoint {
  return { as_of: null, source: null, snapshot_id: null, detail: null, ...p };
}
