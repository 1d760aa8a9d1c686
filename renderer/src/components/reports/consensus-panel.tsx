import type { Consensus } from '../../../../services/contract';
import { CONSENSUS_MIN_REPORTS } from '../../../../services/contract/ai-report';
import { formatShare } from '../../i18n/format-analysis';
import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/use-i18n';
import { RecommendationBadge, ReportSentimentBadge } from './report-badges';

type Common = Consensus['common_strengths'];

/** Votes per value, each value in the user's language (`report.rec.*` / `report.sent.*`). */
function Votes({
  votes,
  keyPrefix,
  testId,
}: {
  votes: Record<string, number>;
  keyPrefix: 'report.rec.' | 'report.sent.';
  testId: string;
}) {
  const { t } = useI18n();
  const entries = Object.entries(votes).sort((a, b) => b[1] - a[1]);
  return (
    <span data-testid={testId}>
      {entries.map(([k, n]) => `${t(`${keyPrefix}${k}` as MessageKey)} ${n}`).join(' · ') || '—'}
    </span>
  );
}

function CommonList({ title, items, testId }: { title: string; items: Common; testId: string }) {
  const { t } = useI18n();
  return (
    <div data-testid={testId} data-count={items.length}>
      <h4 className="sub-title">{title}</h4>
      {items.length === 0 ? (
        <p className="muted">{t('aicons.noCommon')}</p>
      ) : (
        <ul>
          {items.map((c, i) => (
            <li key={i}>
              {c.text} <span className="muted">({c.models.join(', ')})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The latest report of each model, together: majority, how strongly they agree, the points they share. */
export function ConsensusPanel({ consensus }: { consensus: Consensus }) {
  const { t, locale, money } = useI18n();
  const c = consensus;
  return (
    <div className="consensus" data-testid="consensus-body" data-strength={c.strength}>
      <p className="consensus-head">
        {c.recommendation && (
          <RecommendationBadge value={c.recommendation} testId="consensus-recommendation" />
        )}
        {c.sentiment && <ReportSentimentBadge value={c.sentiment} testId="consensus-sentiment" />}
        <span
          className={`badge strength strength-${c.strength}`}
          data-testid="consensus-strength"
          data-strength={c.strength}
        >
          {t(`aicons.strength.${c.strength}`)}
        </span>
        {c.strength !== 'insufficient' && (
          <span data-testid="consensus-confidence" data-value={c.confidence}>
            {t('aicons.confidence', { pct: formatShare(c.confidence, locale) })}
          </span>
        )}
        <span className="muted" data-testid="consensus-count" data-count={c.count}>
          {c.count === 1 ? t('aicons.reportsOne') : t('aicons.reports', { count: c.count })}
        </span>
      </p>
      {c.strength === 'insufficient' && (
        <p className="muted" data-testid="consensus-need-more">
          {t('aicons.needMore', { min: CONSENSUS_MIN_REPORTS, count: c.count })}
        </p>
      )}
      <dl className="summary-grid">
        <dt>{t('aicons.votesRec')}</dt>
        <dd>
          <Votes votes={c.votes.recommendation} keyPrefix="report.rec." testId="consensus-votes" />
        </dd>
        <dt>{t('aicons.votesSent')}</dt>
        <dd>
          <Votes votes={c.votes.sentiment} keyPrefix="report.sent." testId="consensus-votes-sentiment" />
        </dd>
        {c.target_prices && (
          <>
            <dt>{t('aicons.targets')}</dt>
            <dd data-testid="consensus-targets">
              {money(c.target_prices.conservative)} / {money(c.target_prices.moderate)} /{' '}
              {money(c.target_prices.optimistic)}
            </dd>
          </>
        )}
      </dl>
      <div className="report-columns">
        <CommonList
          title={t('aicons.commonStrengths')}
          items={c.common_strengths}
          testId="consensus-common-strengths"
        />
        <CommonList title={t('aicons.commonRisks')} items={c.common_risks} testId="consensus-common-risks" />
      </div>
    </div>
  );
}
