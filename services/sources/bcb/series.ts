import { SourceError } from '../errors';

export type SgsFrequency = 'daily' | 'monthly';

export interface SgsSeries {
  code: number;
  name: string;
  unit: string;
  frequency: SgsFrequency;
}

/** The SGS series the app knows by name; any other integer code can still be fetched. */
export const SGS_SERIES: readonly SgsSeries[] = [
  { code: 432, name: 'Meta Selic (Copom)', unit: '% a.a.', frequency: 'daily' },
  { code: 4189, name: 'Selic efetiva acumulada no mês, anualizada', unit: '% a.a.', frequency: 'monthly' },
  { code: 433, name: 'IPCA - variação mensal', unit: '% a.m.', frequency: 'monthly' },
  { code: 13522, name: 'IPCA - acumulado em 12 meses', unit: '%', frequency: 'monthly' },
  { code: 189, name: 'IGP-M - variação mensal', unit: '% a.m.', frequency: 'monthly' },
  { code: 28763, name: 'IGP-M - acumulado em 12 meses', unit: '%', frequency: 'monthly' },
  { code: 4380, name: 'PIB mensal - valores correntes', unit: 'R$ milhões', frequency: 'monthly' },
  { code: 10813, name: 'Dólar americano comercial (venda)', unit: 'R$/US$', frequency: 'daily' },
  { code: 21619, name: 'Euro (venda)', unit: 'R$/€', frequency: 'daily' },
  { code: 13621, name: 'Reservas internacionais - total', unit: 'US$ milhões', frequency: 'daily' },
  { code: 24369, name: 'Taxa de desocupação (PNAD Contínua)', unit: '%', frequency: 'monthly' },
  { code: 4391, name: 'CDI acumulado no mês', unit: '% a.m.', frequency: 'monthly' },
  { code: 11, name: 'Selic diária', unit: '% a.d.', frequency: 'daily' },
  { code: 1, name: 'Dólar americano PTAX (venda)', unit: 'R$/US$', frequency: 'daily' },
];

const BY_CODE = new Map(SGS_SERIES.map((s) => [s.code, s]));

export function knownSeries(code: number): SgsSeries | undefined {
  return BY_CODE.get(code);
}

/** The series code of a query ("432"); a known code or any positive integer. */
export function seriesCode(series: string | undefined): number {
  const t = (series ?? '').trim();
  if (!/^\d{1,6}$/.test(t) || Number(t) === 0) {
    throw new SourceError('INVALID_INPUT', `bcb: series "${t}" is not an SGS series code (e.g. 432)`, {
      fields: ['query.series'],
    });
  }
  return Number(t);
}
