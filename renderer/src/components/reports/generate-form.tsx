import { type FormEvent } from 'react';
import type { ReportLanguage } from '../../../../services/contract';
import { useI18n } from '../../i18n/use-i18n';
import { ALL_MODELS } from '../../store/reports-store';
import { useReports } from '../../store/reports-store-context';

const LANGUAGES: readonly ReportLanguage[] = ['pt-BR', 'en'];

/** Ticker, model (one, or all), language; Generate writes reports, Show lists the ticker's history. */
export function GenerateForm(props: {
  input: string;
  onInput: (v: string) => void;
  onShow: () => void;
  onGenerate: () => void;
}) {
  const { t } = useI18n();
  const models = useReports((s) => s.models);
  const model = useReports((s) => s.model);
  const language = useReports((s) => s.language);
  const generating = useReports((s) => s.generating);
  const setModel = useReports((s) => s.setModel);
  const setLanguage = useReports((s) => s.setLanguage);
  const list = models.data?.models ?? [];

  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    props.onGenerate();
  };

  return (
    <form
      className="panel form-grid"
      onSubmit={onSubmit}
      aria-label={t('reports.title')}
      data-testid="reports-form"
    >
      <label className="field">
        <span className="field-label">{t('reports.ticker')}</span>
        <input
          type="text"
          value={props.input}
          placeholder={t('reports.tickerPlaceholder')}
          autoCapitalize="characters"
          data-testid="reports-ticker"
          onChange={(e) => props.onInput(e.currentTarget.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('reports.model')}</span>
        <select
          value={model}
          data-testid="reports-model"
          data-state={models.phase}
          onChange={(e) => setModel(e.currentTarget.value)}
        >
          {model === '' && <option value="">{t('reports.modelDefault')}</option>}
          {list
            .filter((m) => m.enabled || m.id === model)
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.provider === 'rules'
                  ? t('reports.rules')
                  : m.chat
                    ? t('reports.chatOption', { name: m.chat.name })
                    : `${m.id} (${m.model})`}
                {m.id === models.data?.default ? ` — ${t('reports.default')}` : ''}
              </option>
            ))}
          <option value={ALL_MODELS}>{t('reports.allModels')}</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('reports.language')}</span>
        <select
          value={language}
          data-testid="reports-language"
          onChange={(e) => setLanguage(e.currentTarget.value === 'en' ? 'en' : 'pt-BR')}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`reports.lang.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="button"
        data-testid="reports-generate"
        disabled={generating}
        aria-busy={generating}
      >
        {generating ? t('report.generating') : t('reports.generate')}
      </button>
      <button type="button" className="button button-ghost" data-testid="reports-show" onClick={props.onShow}>
        {t('reports.show')}
      </button>
    </form>
  );
}
