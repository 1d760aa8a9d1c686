import { formatFundamental, type FundamentalUnit } from '../../i18n/format-fundamental';
import { useI18n } from '../../i18n/use-i18n';
import type { History } from '../../store/fundamental-groups';
import { sparklinePath, sparklinePoints } from '../../store/sparkline-path';

const W = 96;
const H = 26;

/** A metric's value per year in the local data, as a small line chart; the years and values in its title. */
export function YearSparkline({
  metricKey,
  unit,
  history,
}: {
  metricKey: string;
  unit: FundamentalUnit;
  history: History['metrics'][number] | undefined;
}) {
  const { t, locale } = useI18n();
  const years = history?.years ?? [];
  if (years.length === 0)
    return (
      <td className="num muted fund-history" data-testid={`fund-history-${metricKey}`} data-years="0">
        —
      </td>
    );
  const points = sparklinePoints(years, W, H);
  const list = years
    .map((y) => `${y.year}: ${formatFundamental(y.value, unit, locale)} (${y.source})`)
    .join('; ');
  const label = t('fund.historyTitle', { list });
  const last = points.at(-1);
  return (
    <td
      className="fund-history"
      data-testid={`fund-history-${metricKey}`}
      data-years={years.map((y) => y.year).join(',')}
    >
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <title>{label}</title>
        {points.length > 1 && <path d={sparklinePath(points)} className="spark-line" />}
        {points.map((p) => (
          <circle key={p.year} cx={p.x} cy={p.y} r={p === last ? 2.6 : 1.8} className="spark-dot" />
        ))}
      </svg>
      <span className="spark-span">
        {years[0]!.year === years.at(-1)!.year ? years[0]!.year : `${years[0]!.year}–${years.at(-1)!.year}`}
      </span>
    </td>
  );
}
