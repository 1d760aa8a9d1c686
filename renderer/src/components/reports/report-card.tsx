import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { AiReport, Claim, DataPoint } from '../../../../services/contract';
import { formatFullDateTime } from '../../i18n/format-time';
import { useI18n } from '../../i18n/use-i18n';
import { CitationPanel } from './citation-panel';
import { KindBadge, RecommendationBadge, ReportSentimentBadge } from './report-badges';
import { TargetScale } from './target-scale';

interface OpenCitation {
  id: string;
  where: string;
}

/** The cited ids of one claim as chips; an id the data lacks is marked (the report's flags say so too). */
function Citations(props: {
  ids: readonly string[];
  where: string;
  points: ReadonlyMap<string, DataPoint>;
  open: OpenCitation | null;
  onOpen: (c: OpenCitation) => void;
}) {
  const { t } = useI18n();
  const { ids, where, points, open, onOpen } = props;
  return (
    <span className="citations">
      {ids.map((id) => {
        const known = points.has(id);
        const active = open?.id === id && open.where === where;
        return (
          <button
            key={id}
            type="button"
            className={known ? 'cite-chip' : 'cite-chip is-unknown'}
            data-testid={`report-cite-${where}-${id}`}
            data-citation={id}
            aria-pressed={active}
            title={known ? (points.get(id)?.label ?? id) : t('cite.unknown')}
            onClick={() => onOpen({ id, where })}
          >
            {!known && <span aria-hidden="true">⚠ </span>}
            {id}
          </button>
        );
      })}
    </span>
  );
}

function ClaimList(props: {
  title: string;
  claims: readonly Claim[];
  name: 'strengths' | 'risks';
  cite: (ids: readonly string[], where: string) => ReactNode;
}) {
  const { title, claims, name, cite } = props;
  return (
    <section className={`report-claims report-${name}`} data-testid={`report-${name}`}>
      <h4 className="sub-title">{title}</h4>
      <ol>
        {claims.map((c, i) => (
          <li key={i} data-testid={`report-${name}-${i}`}>
            <span>{c.text}</span> {cite(c.citations, `${name}-${i}`)}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Who wrote the report: the site and model (a chat site's with the note that its terms apply), or the API. */
function ReportAuthor({ report }: { report: AiReport }) {
  const { t } = useI18n();
  if (report.kind === 'rule-based') return null;
  const p = report.params;
  if (report.model.provider === 'browser-chat') {
    const site = typeof p['site_name'] === 'string' ? p['site_name'] : report.model.id;
    const terms = typeof p['terms_url'] === 'string' ? p['terms_url'] : null;
    return (
      <div
        className="report-author"
        data-testid="report-author"
        data-provider="browser-chat"
        data-site={report.model.id}
      >
        <p>{t('report.writtenBySite', { site, model: report.model.name })}</p>
        <p className="muted" data-testid="report-chat-note">
          {t('report.chatNote', { site })}
          {terms && (
            <>
              {' '}
              <a href={terms} target="_blank" rel="noreferrer noopener" data-testid="report-chat-terms">
                {t('report.chatTerms', { site })}
              </a>
            </>
          )}
        </p>
      </div>
    );
  }
  return (
    <div className="report-author" data-testid="report-author" data-provider={report.model.provider}>
      <p className="muted">
        {t('report.writtenBy', {
          provider: `${report.model.id} (${report.model.provider})`,
          model: report.model.name,
        })}
      </p>
    </div>
  );
}

/**
 * A stored report: recommendation, sentiment, who wrote it and when, targets against the price,
 * summary, strengths and risks. Every citation opens its data point; unknown ones are warnings.
 */
export function ReportCard({ report, actions }: { report: AiReport; actions?: ReactNode }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<OpenCitation | null>(null);
  const points = useMemo(() => new Map(report.input.data_points.map((p) => [p.id, p])), [report]);
  const close = useCallback(() => setOpen(null), []);
  const toggle = (c: OpenCitation): void => setOpen(open?.id === c.id && open.where === c.where ? null : c);
  const cite = (ids: readonly string[], where: string): ReactNode => (
    <Citations ids={ids} where={where} points={points} open={open} onOpen={toggle} />
  );
  const body = report.report;

  return (
    <article
      className="report-card"
      data-testid="report-card"
      data-report-id={report.id}
      data-kind={report.kind}
      lang={report.language}
    >
      <header className="report-head">
        <RecommendationBadge value={body.recommendation} testId="report-recommendation" />
        <ReportSentimentBadge value={body.sentiment} testId="report-sentiment" />
        <KindBadge report={report} testId="report-kind" />
        <span className="muted" data-testid="report-model" title={report.model.provider}>
          {report.model.id === 'rules' ? report.model.name : `${report.model.id} · ${report.model.name}`}
        </span>
        <time className="muted" dateTime={report.created_at} data-testid="report-created">
          {formatFullDateTime(report.created_at, locale)}
        </time>
        {report.attempts > 1 && (
          <span className="badge status-retry" data-testid="report-repaired">
            {t('report.repaired')}
          </span>
        )}
        {actions && <span className="report-actions">{actions}</span>}
      </header>
      <ReportAuthor report={report} />
      {body.target_prices ? (
        <TargetScale
          targets={body.target_prices}
          price={report.input.price}
          priceAsOf={report.input.price_as_of}
        />
      ) : (
        <p className="muted" data-testid="report-no-targets">
          {t('report.noTargets')}
        </p>
      )}
      <section className="report-summary" data-testid="report-summary">
        <h4 className="sub-title">{t('report.summary')}</h4>
        <p>{body.summary}</p>
        <p className="report-cited">
          <span className="muted">{t('report.citations')}:</span> {cite(body.citations, 'summary')}
        </p>
      </section>
      <div className="report-columns">
        <ClaimList title={t('report.strengths')} claims={body.strengths} name="strengths" cite={cite} />
        <ClaimList title={t('report.risks')} claims={body.risks} name="risks" cite={cite} />
      </div>
      {report.flags.length > 0 && (
        <ul className="report-flags" data-testid="report-flags" aria-label={t('report.flags')}>
          {report.flags.map((f, i) => (
            <li key={i} className="flag-warning" data-testid={`report-flag-${i}`} data-citation={f.citation}>
              <span aria-hidden="true">⚠ </span>
              {t('report.flag.unknown_citation', { id: f.citation, where: f.where })}
            </li>
          ))}
        </ul>
      )}
      {open && <CitationPanel id={open.id} point={points.get(open.id)} onClose={close} />}
    </article>
  );
}
