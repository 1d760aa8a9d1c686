import { useEffect, useMemo } from 'react';
import type { MissingData, NewsSummary } from '../../../../services/contract';
import { useI18n } from '../../i18n/use-i18n';
import { newsJobs } from '../../store/news-store';
import { useNews, useNewsStoreApi } from '../../store/news-store-context';
import { MissingHint } from '../analysis/missing-hint';
import { SlotError } from '../analysis/slot-error';
import { NewsFilters } from './news-filters';
import { NewsItem } from './news-item';
import { SentimentBadge } from './sentiment-badge';

function NewsSummaryLine({ summary }: { summary: NewsSummary }) {
  const { t, int } = useI18n();
  return (
    <p className="news-summary" data-testid="news-summary" data-count={summary.count}>
      {summary.label && (
        <SentimentBadge label={summary.label} score={summary.average} testId="news-average" />
      )}{' '}
      {t('news.summary', {
        count: int(summary.count),
        positive: int(summary.counts.positive),
        negative: int(summary.counts.negative),
        neutral: int(summary.counts.neutral),
      })}
    </p>
  );
}

/** No news stored: which sources would fetch some, each with a button that queues the job. */
function NewsEmpty({ ticker }: { ticker: string }) {
  const { t } = useI18n();
  const missing = useMemo<MissingData[]>(
    () =>
      newsJobs(ticker).map((job) => ({
        what: job.ticker
          ? t('news.fetchSearch', { source: job.scraper_name, ticker: job.ticker })
          : t('news.fetchFeed', { source: job.scraper_name }),
        message: t('news.fetchTitle'),
        job,
      })),
    [ticker, t],
  );
  return (
    <div data-testid="news-empty">
      <p className="muted">{t('news.empty', { ticker })}</p>
      <MissingHint missing={missing} testId="news-missing" />
    </div>
  );
}

/** The ticker's headlines with their Portuguese sentiment, filters and the average. */
export function NewsPanel({ ticker }: { ticker: string }) {
  const { t } = useI18n();
  const store = useNewsStoreApi();
  const shown = useNews((s) => s.ticker);
  const phase = useNews((s) => s.phase);
  const data = useNews((s) => s.data);
  const error = useNews((s) => s.error);
  const filter = useNews((s) => s.filter);

  useEffect(() => {
    void store.getState().load(ticker);
  }, [store, ticker]);

  const mine = shown === ticker.toUpperCase();
  const current = mine && data?.ticker === shown ? data : null;
  const filtered = filter.sentiment !== null || filter.source !== null;
  const empty = current !== null && current.news.length === 0 && !filtered;

  return (
    <section
      className="panel news-panel"
      data-testid="news-panel"
      data-state={mine ? phase : 'loading'}
      aria-label={t('news.title')}
      aria-busy={!mine || phase === 'loading'}
    >
      <h3 className="panel-title">{t('news.title')}</h3>
      {!empty && <NewsFilters />}
      {mine && phase === 'failed' && error ? (
        <SlotError error={error} testId="news-error" />
      ) : !current ? (
        <p className="muted">{t('news.loading')}</p>
      ) : empty ? (
        <NewsEmpty ticker={current.ticker} />
      ) : (
        <>
          <NewsSummaryLine summary={current.sentiment} />
          {current.news.length === 0 ? (
            <p className="muted" data-testid="news-empty-filtered">
              {t('news.emptyFiltered')}
            </p>
          ) : (
            <ul className="news-list" data-testid="news-list">
              {current.news.map((item) => (
                <NewsItem key={item.id} item={item} now={Date.parse(current.timestamp)} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
