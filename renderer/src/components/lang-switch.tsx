import { useLocaleStore } from '../i18n/locale-store';
import { useI18n } from '../i18n/use-i18n';

/** One button that toggles pt-BR ⇄ English; it names the language it switches to. */
export function LangSwitch() {
  const { t, locale } = useI18n();
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <button
      type="button"
      className="button button-ghost"
      data-testid="lang-switch"
      data-locale={locale}
      title={t('lang.label')}
      lang={locale === 'pt-BR' ? 'en' : 'pt-BR'}
      onClick={() => setLocale(locale === 'pt-BR' ? 'en' : 'pt-BR')}
    >
      {t('lang.switchTo')}
    </button>
  );
}
