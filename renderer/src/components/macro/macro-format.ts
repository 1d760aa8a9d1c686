import type { MacroSeriesEntry } from '../../../../services/contract';
import type { Locale } from '../../i18n/format';
import { SERIES_NAMES_EN } from '../../i18n/messages-macro';
import type { MessageKey } from '../../i18n/messages';

const cache = new Map<string, Intl.NumberFormat>();

/** A number with up to `digits` decimals in the locale (pt-BR `13,75`, en `13.75`). */
export function formatNumber(v: number, locale: Locale, digits = 2): string {
  const k = `${locale}|${digits}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
  return f.format(v);
}

/** A percentage already in percent units (12.5 → `12,50%`), signed when asked. */
export function formatPct(v: number, locale: Locale, signed = false): string {
  const k = `${locale}|pct|${signed}`;
  let f = cache.get(k);
  if (!f)
    cache.set(
      k,
      (f = new Intl.NumberFormat(locale, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        signDisplay: signed ? 'exceptZero' : 'auto',
      })),
    );
  return `${f.format(v)}%`;
}

/** The series' name in the user's language (the Banco Central names its series in Portuguese). */
export function seriesName(s: Pick<MacroSeriesEntry, 'code' | 'name'>, locale: Locale): string {
  if (locale === 'en') return SERIES_NAMES_EN[s.code] ?? s.name ?? `SGS ${s.code}`;
  return s.name ?? `SGS ${s.code}`;
}

const UNIT_KEYS: Record<string, MessageKey> = {
  '% a.a.': 'macro.unit.aa',
  '% a.m.': 'macro.unit.am',
  '% a.d.': 'macro.unit.ad',
};

/** The unit in the user's language: '% a.a.' is '% p.a.' in English. */
export function unitText(unit: string | null, t: (k: MessageKey) => string): string {
  if (!unit) return '';
  const key = UNIT_KEYS[unit];
  return key ? t(key) : unit;
}

/** Decimals a value of the series deserves: daily rates are tiny (0,050788), rates and prices two. */
export function digitsFor(unit: string | null): number {
  return unit === '% a.d.' ? 6 : unit?.startsWith('R$/') ? 4 : 2;
}

type Rule = [RegExp, (m: RegExpExecArray) => string];

const NOTES_PT: Rule[] = [
  [/^no CDI series given$/, () => 'nenhuma série de CDI guardada'],
  [
    /^the daily CDI does not cover (\S+)\.\.(\S+)$/,
    (m) => `o CDI diário guardado não cobre ${m[1]} a ${m[2]}`,
  ],
  [/^the monthly CDI does not cover/, () => 'o CDI mensal guardado não cobre os meses do período'],
  [/^monthly CDI: no whole calendar month/, () => 'CDI mensal: nenhum mês completo no período'],
  [/^monthly CDI not yet published for (.+)$/, (m) => `CDI mensal ainda não publicado para ${m[1]}`],
  [/^IPCA: no whole calendar month/, () => 'IPCA: nenhum mês completo no período'],
  [/^IPCA does not cover/, () => 'o IPCA guardado não cobre os meses do período'],
  [
    /^IPCA not yet published for (.+): left out$/,
    (m) => `IPCA ainda não publicado para ${m[1]}: deixado de fora`,
  ],
  [/^too few closes stored for (\S+)$/, (m) => `poucos fechamentos guardados para ${m[1]}`],
  [
    /^the closes of (\S+) \((\S+) to (\S+)\) do not cover (\S+) to (\S+)$/,
    (m) => `os fechamentos de ${m[1]} (${m[2]} a ${m[3]}) não cobrem ${m[4]} a ${m[5]}`,
  ],
];

/** A note or reason of macro.realReturns (the API's English) in the user's language. */
export function returnsNote(note: string, locale: Locale): string {
  if (locale === 'en') return note;
  for (const [re, make] of NOTES_PT) {
    const m = re.exec(note);
    if (m) return make(m);
  }
  return note;
}
