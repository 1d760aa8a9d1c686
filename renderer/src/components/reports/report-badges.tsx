import type { AiReport, Recommendation, ReportSentiment } from '../../../../services/contract';
import { useI18n } from '../../i18n/use-i18n';

const REC_ICON: Record<Recommendation, string> = { COMPRA: '▲', MANTER: '■', VENDA: '▼' };
const SENT_ICON: Record<ReportSentiment, string> = { POSITIVO: '▲', NEUTRO: '●', NEGATIVO: '▼' };

/** COMPRA / MANTER / VENDA: a shape, the word and a colour. */
export function RecommendationBadge({ value, testId }: { value: Recommendation; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge rec rec-${value.toLowerCase()}`} data-testid={testId} data-recommendation={value}>
      <span aria-hidden="true">{REC_ICON[value]}</span> {t(`report.rec.${value}`)}
    </span>
  );
}

export function ReportSentimentBadge({ value, testId }: { value: ReportSentiment; testId?: string }) {
  const { t } = useI18n();
  return (
    <span
      className={`badge sentiment sentiment-${value === 'POSITIVO' ? 'positive' : value === 'NEGATIVO' ? 'negative' : 'neutral'}`}
      data-testid={testId}
      data-sentiment={value}
    >
      <span aria-hidden="true">{SENT_ICON[value]}</span> {t(`report.sent.${value}`)}
    </span>
  );
}

/** "Relatório por regras" for the offline writer; the model's name otherwise. */
export function KindBadge({ report, testId }: { report: Pick<AiReport, 'kind' | 'model'>; testId?: string }) {
  const { t } = useI18n();
  return (
    <span
      className={report.kind === 'rule-based' ? 'badge kind-rules' : 'badge kind-model'}
      data-testid={testId}
      data-kind={report.kind}
      title={`${report.model.provider}/${report.model.name}`}
    >
      {report.kind === 'rule-based' ? t('report.kind.rules') : t('report.kind.model')}
    </span>
  );
}
