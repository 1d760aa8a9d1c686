import { useMemo } from 'react';
import { formatDate, formatInteger, formatMoney, formatVolume, type Locale } from './format';
import { useLocaleStore } from './locale-store';
import { translate, type MessageKey } from './messages';

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  money: (v: number) => string;
  date: (iso: string) => string;
  volume: (v: number, mode?: 'full' | 'compact') => string;
  int: (v: number) => string;
}

/** Translation and edge formatting bound to the current locale. */
export function useI18n(): I18n {
  const locale = useLocaleStore((s) => s.locale);
  return useMemo(
    () => ({
      locale,
      t: (key, vars) => translate(locale, key, vars),
      money: (v) => formatMoney(v, locale),
      date: (iso) => formatDate(iso, locale),
      volume: (v, mode) => formatVolume(v, locale, mode),
      int: (v) => formatInteger(v, locale),
    }),
    [locale],
  );
}
