import type { NewsEntry } from '../../../../services/contract';
import { formatAgo, formatFullDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import { SentimentBadge } from './sentiment-badge';

/**
 * One headline: the link (a new window), publisher, how long ago, the tickers it names and its sentiment.
 * `now` is the answer's own timestamp, so "how long ago" is relative to when the list was read.
 */
export function NewsItem({ item, now }: { item: NewsEntry; now: number }) {
  const { t, locale } = useI18n();
  const published = item.published_at ? Date.parse(item.published_at) : Number.NaN;
  return (
    <li className="news-item" data-testid={`news-item-${item.id}`} data-sentiment={item.sentiment.label}>
      <div className="news-main">
        <a
          className="news-title"
          href={item.url}
          target="_blank"
          rel="noopener noreferrer"
          data-testid={`news-link-${item.id}`}
          title={`${item.title} ${t('news.newWindow')}`}
        >
          {item.title}
        </a>
        <p className="news-meta muted">
          {item.publisher && <span data-testid={`news-publisher-${item.id}`}>{item.publisher}</span>}
          {item.published_at && Number.isFinite(published) ? (
            <time dateTime={item.published_at} title={formatFullDateTime(item.published_at, locale)}>
              {formatAgo((now - published) / 1000, locale)}
            </time>
          ) : (
            <span>{t('news.noDate')}</span>
          )}
          {item.sources.length > 0 && <span title={t('news.sourcesTitle')}>{item.sources.join(', ')}</span>}
        </p>
        {item.tickers.length > 0 && (
          <ul className="news-tickers" aria-label={t('news.tickers')}>
            {item.tickers.map((tk) => (
              <li key={tk} className="badge">
                {tk}
              </li>
            ))}
          </ul>
        )}
      </div>
      <SentimentBadge
        label={item.sentiment.label}
        score={item.sentiment.score}
        testId={`news-sentiment-${item.id}`}
      />
    </li>
  );
}
