import type { NewsSentimentLabel } from '../../../../services/contract';
import type { Locale } from '../../i18n/format';
import { useI18n } from '../../i18n/use-i18n';

const ICON: Record<NewsSentimentLabel, string> = { positive: '▲', negative: '▼', neutral: '●' };

const scoreFormats = new Map<Locale, Intl.NumberFormat>();

/** A sentiment score in [−1, 1] with its sign: pt-BR `+0,45`, `-0,30`, `0,00`. */
export function formatScore(score: number, locale: Locale): string {
  let f = scoreFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      signDisplay: 'exceptZero',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    scoreFormats.set(locale, f);
  }
  return f.format(score);
}

/** Positive, negative or neutral: a shape, a word and a colour (never the colour alone), and the score. */
export function SentimentBadge(props: { label: NewsSentimentLabel; score: number | null; testId?: string }) {
  const { t, locale } = useI18n();
  const { label, score, testId } = props;
  return (
    <span
      className={`badge sentiment sentiment-${label}`}
      data-testid={testId}
      data-sentiment={label}
      data-score={score ?? undefined}
      title={t('news.scoreTitle')}
    >
      <span aria-hidden="true">{ICON[label]}</span> {t(`news.sentiment.${label}`)}
      {score !== null && <span className="sentiment-score"> {formatScore(score, locale)}</span>}
    </span>
  );
}
