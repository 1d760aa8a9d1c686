import { create } from 'zustand';
import { DEFAULT_LOCALE, isLocale, type Locale } from './format';

export const LOCALE_STORAGE_KEY = 'b3ai.locale';

function readStored(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

/** The UI language, persisted in localStorage. */
export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: readStored(),
  setLocale(locale) {
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Storage may be disabled; the choice then lasts for this session only.
    }
    set({ locale });
  },
}));
