import type { ReportLanguage } from '../../contract';
import { clamp, fmt, type Facts, type Factor } from './rules-data';

/** The macro factor of the rule-based writer: the dividend yield against interest rates. */

const words = (l: ReportLanguage, pt: string, en: string): string => (l === 'en' ? en : pt);

/** Selic at or above this weighs on equities (−0.5). */
export const HIGH_SELIC = 12;

/**
 * Macro context: dividend yield at or above the Selic +0.5, below it −0.5; Selic ≥ 12 % −0.5. In
 * [−1, 0.5]. With only the IPCA, a neutral note on the real dividend yield.
 */
export function macroFactor(f: Facts): Factor | null {
  const selic = f.pick('macro.selic_target', 'macro.selic_effective', 'macro.cdi_12m');
  const ipca = f.pick('macro.ipca_12m');
  const yld = f.pick('div.yield_12m', 'fund.dy');
  if (!selic && !ipca) return null;
  let score = 0;
  if (selic && yld) score += yld.value >= selic.value ? 0.5 : -0.5;
  if (selic && selic.value >= HIGH_SELIC) score -= 0.5;
  score = clamp(score, -1, 0.5);
  const cdi = selic?.id === 'macro.cdi_12m';
  // "acima da Selic" / "above the Selic"; the CDI when it stands in for the Selic.
  const rate = (l: ReportLanguage): string =>
    cdi ? words(l, 'do CDI de 12 meses', 'the 12-month CDI') : words(l, 'da Selic', 'the Selic');
  return {
    key: 'macro',
    score,
    citations: [selic?.id, yld?.id, ...(selic ? [] : [ipca?.id])].filter((x): x is string => !!x),
    text: (l) => {
      const F = fmt(l);
      if (selic && yld) {
        const y = F.pct(yld.value);
        const r = `${rate(l)} ${words(l, 'de', 'of')} ${F.pct(selic.value)}`;
        const high =
          selic.value >= HIGH_SELIC
            ? words(l, ' Juros altos pesam sobre as ações.', ' High rates weigh on equities.')
            : '';
        return yld.value >= selic.value
          ? words(l, `Dividend yield de ${y} acima ${r}.`, `Dividend yield of ${y} above ${r}.`) + high
          : words(
              l,
              `Dividend yield de ${y} abaixo ${r}: a renda fixa rende mais que os proventos.`,
              `Dividend yield of ${y} below ${r}: fixed income pays more than the dividends.`,
            ) + high;
      }
      if (selic) {
        const name = cdi ? words(l, 'CDI de 12 meses', '12-month CDI') : 'Selic';
        return words(
          l,
          `${name} de ${F.pct(selic.value)}${selic.value >= HIGH_SELIC ? ': juros altos pesam sobre as ações' : ''}.`,
          `${name} of ${F.pct(selic.value)}${selic.value >= HIGH_SELIC ? ': high rates weigh on equities' : ''}.`,
        );
      }
      const i = ipca?.value ?? 0;
      if (!yld)
        return words(l, `IPCA de 12 meses de ${F.pct(i)}.`, `12-month IPCA inflation of ${F.pct(i)}.`);
      const real = yld.value - i;
      return words(
        l,
        `Dividend yield de ${F.pct(yld.value)} contra IPCA de 12 meses de ${F.pct(i)}: rendimento real dos proventos de ${F.n(real)} p.p.`,
        `Dividend yield of ${F.pct(yld.value)} against 12-month IPCA inflation of ${F.pct(i)}: real dividend yield of ${F.n(real)} p.p.`,
      );
    },
    short: (l) => {
      const F = fmt(l);
      const name = cdi ? 'CDI' : 'Selic';
      if (selic && yld) {
        const vs = `${F.pct(yld.value)} vs ${F.pct(selic.value)}`;
        return yld.value >= selic.value
          ? words(l, `dividend yield acima ${rate(l)} (${vs})`, `dividend yield above ${rate(l)} (${vs})`)
          : words(l, `dividend yield abaixo ${rate(l)} (${vs})`, `dividend yield below ${rate(l)} (${vs})`);
      }
      if (selic)
        return selic.value >= HIGH_SELIC
          ? words(l, `${name} alta (${F.pct(selic.value)})`, `high ${name} (${F.pct(selic.value)})`)
          : `${name} ${words(l, 'de', 'at')} ${F.pct(selic.value)}`;
      return words(l, `IPCA de ${F.pct(ipca?.value ?? 0)}`, `IPCA at ${F.pct(ipca?.value ?? 0)}`);
    },
  };
}
