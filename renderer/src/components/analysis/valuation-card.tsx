import { Fragment, useState } from 'react';
import type { MessageKey } from '../../i18n/messages';
import { formatDate, type Locale } from '../../i18n/format';
import { formatNumber, formatSignedPct } from '../../i18n/format-analysis';
import { formatMetric, metricLabel } from '../../i18n/metric-labels';
import { useI18n } from '../../i18n/use-i18n';
import { valuationNote } from '../../i18n/valuation-notes';
import type { ValuationBlock, ValuationInput, ValuationModel } from '../../store/analysis-blocks';
import { useAnalysis } from '../../store/analysis-store-context';
import { SlotError } from './slot-error';

const MODEL: Record<string, MessageKey> = {
  graham_number: 'val.model.graham_number',
  graham_revised: 'val.model.graham_revised',
  bazin_5y: 'val.model.bazin_5y',
  bazin_3y: 'val.model.bazin_3y',
  bazin_12m: 'val.model.bazin_12m',
  barsi: 'val.model.barsi',
  gordon: 'val.model.gordon',
  dcf: 'val.model.dcf',
  magic_formula: 'val.model.magic_formula',
};

function inputText(key: string, v: ValuationInput, locale: Locale, yes: string, no: string): string {
  if (v === null) return '—';
  if (typeof v === 'boolean') return v ? yes : no;
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v, locale) : v;
  if (Array.isArray(v)) return v.map((x) => formatNumber(x, locale, 4)).join(' · ');
  return formatMetric(key, v, locale);
}

function ModelRow({ m }: { m: ValuationModel }) {
  const { t, locale, money } = useI18n();
  const [open, setOpen] = useState(false);
  const name = Object.hasOwn(MODEL, m.model) ? t(MODEL[m.model] as MessageKey) : m.model;
  const tone = m.upside_pct === null ? '' : m.upside_pct >= 0 ? 'is-up' : 'is-down';
  return (
    <Fragment>
      <tr data-testid={`val-model-${m.model}`} data-value={m.value ?? ''}>
        <th scope="row" className="fund-label">
          {name}
          {m.value === null && m.note ? (
            <div className="muted val-note">{valuationNote(m.note, locale)}</div>
          ) : null}
        </th>
        <td className="num" data-testid={`val-value-${m.model}`}>
          {m.value === null ? '—' : money(m.value)}
        </td>
        <td className={`num ${tone}`} data-testid={`val-upside-${m.model}`}>
          {formatSignedPct(m.upside_pct, locale)}
        </td>
        <td>
          <button
            type="button"
            className="button button-ghost button-small"
            aria-expanded={open}
            data-testid={`val-inputs-toggle-${m.model}`}
            aria-label={t('val.inputsOf', {
              action: open ? t('val.hideInputs') : t('val.showInputs'),
              model: name,
            })}
            onClick={() => setOpen(!open)}
          >
            {open ? t('val.hideInputs') : t('val.showInputs')}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="fund-provenance-row">
          <td colSpan={4}>
            <dl className="summary-grid fund-provenance" data-testid={`val-inputs-${m.model}`}>
              {Object.entries(m.inputs).map(([k, v]) => (
                <Fragment key={k}>
                  <dt title={k}>{metricLabel(k, locale)}</dt>
                  <dd>{inputText(k, v, locale, t('val.yes'), t('val.no'))}</dd>
                </Fragment>
              ))}
              {m.note && (
                <>
                  <dt>{t('val.note')}</dt>
                  <dd>{valuationNote(m.note, locale)}</dd>
                </>
              )}
            </dl>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

function Models({ data }: { data: ValuationBlock }) {
  const { t, locale, money, date } = useI18n();
  return (
    <>
      <p className="muted" data-testid="val-price">
        {data.price === null
          ? t('val.noPrice')
          : t('val.price', { price: money(data.price), date: date(data.as_of) })}
        {' · '}
        {data.selic
          ? t('val.selic', {
              value: formatMetric('selic_pct', data.selic.value, locale),
              date: date(data.selic.date),
            })
          : t('val.noSelic')}
      </p>
      {!data.selic && (
        <p className="muted" data-testid="val-selic-how">
          {t('val.selicHow')} <a href="#/macro">{t('val.selicLink')}</a>
        </p>
      )}
      <div className="jobs-table-wrap">
        <table className="jobs-table fund-table val-table" data-testid="val-table">
          <thead>
            <tr>
              <th scope="col">{t('val.model')}</th>
              <th scope="col" className="num">
                {t('val.value')}
              </th>
              <th scope="col" className="num">
                {t('val.upside')}
              </th>
              <th scope="col">{t('val.inputs')}</th>
            </tr>
          </thead>
          <tbody>
            {data.models.map((m) => (
              <ModelRow key={m.model} m={m} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Each valuation model's value per share, its upside to the price (green/red) and, on expand, its inputs. */
export function ValuationCard() {
  const { t } = useI18n();
  const slot = useAnalysis((s) => s.valuation);
  return (
    <section
      className="panel analysis-card"
      data-testid="valuation-card"
      data-state={slot.phase}
      aria-label={t('val.title')}
    >
      <h3 className="panel-title">{t('val.title')}</h3>
      {slot.phase === 'failed' && slot.error ? (
        <SlotError error={slot.error} testId="valuation-error" />
      ) : slot.data ? (
        slot.data.models.length ? (
          <Models data={slot.data} />
        ) : (
          <p className="muted">{t('val.none')}</p>
        )
      ) : (
        <p className="muted" data-testid="valuation-empty">
          {slot.phase === 'ready' ? t('val.none') : t('analysis.loading')}
        </p>
      )}
    </section>
  );
}
