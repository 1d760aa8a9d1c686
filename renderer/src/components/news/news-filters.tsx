import type { NewsSentimentLabel } from '../../../../services/contract';
import { useI18n } from '../../i18n/use-i18n';
import { useNews } from '../../store/news-store-context';

const LABELS: ReadonlyArray<NewsSentimentLabel | null> = [null, 'positive', 'negative', 'neutral'];

/** Sentiment buttons (one pressed at a time) and the source select. */
export function NewsFilters() {
  const { t } = useI18n();
  const filter = useNews((s) => s.filter);
  const sources = useNews((s) => s.sources);
  const setSentiment = useNews((s) => s.setSentiment);
  const setSource = useNews((s) => s.setSource);
  const options = filter.source && !sources.includes(filter.source) ? [...sources, filter.source] : sources;
  return (
    <div className="news-filters">
      <div className="segmented" role="group" aria-label={t('news.filterSentiment')}>
        {LABELS.map((label) => (
          <button
            key={label ?? 'all'}
            type="button"
            className={filter.sentiment === label ? 'segment is-active' : 'segment'}
            data-testid={`news-filter-${label ?? 'all'}`}
            aria-pressed={filter.sentiment === label}
            onClick={() => void setSentiment(label)}
          >
            {label ? t(`news.filter.${label}`) : t('news.filter.all')}
          </button>
        ))}
      </div>
      <label className="field">
        <span className="field-label">{t('news.source')}</span>
        <select
          value={filter.source ?? ''}
          data-testid="news-source"
          onChange={(e) => void setSource(e.currentTarget.value || null)}
        >
          <option value="">{t('news.allSources')}</option>
          {options.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
