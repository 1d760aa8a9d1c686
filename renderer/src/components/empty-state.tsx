import { useI18n } from '../i18n/use-i18n';
import { ImportPanel } from './import-panel';

/** What a fresh install shows: what COTAHIST is, where to get it, and how to import it. */
export function EmptyState() {
  const { t } = useI18n();
  return (
    <section className="empty-state" data-testid="empty-state">
      <h2>{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <p className="muted">{t('empty.where')}</p>
      <ImportPanel />
    </section>
  );
}
