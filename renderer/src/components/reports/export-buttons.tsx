import { useI18n } from '../../i18n/use-i18n';
import type { ExportFile, ExportFormat } from '../../store/reports-store-export';
import { useReports } from '../../store/reports-store-context';

/** Saves a file: a Blob URL on a temporary link, clicked once and released a minute later. */
export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.dataset['testid'] = 'report-download-link';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const FORMATS: readonly ExportFormat[] = ['md', 'pdf'];

/** Markdown and PDF exports of one stored report, downloaded under the name the API gives. */
export function ExportButtons({ id }: { id: string }) {
  const { t } = useI18n();
  const exporting = useReports((s) => s.exporting[id]);
  const exportReport = useReports((s) => s.exportReport);
  const run = async (format: ExportFormat): Promise<void> => {
    const file = await exportReport(id, format);
    if (file) downloadFile(file);
  };
  return (
    <span className="export-buttons">
      {FORMATS.map((f) => (
        <button
          key={f}
          type="button"
          className="button button-ghost button-small"
          data-testid={`report-export-${f}`}
          disabled={exporting !== undefined}
          aria-busy={exporting === f}
          onClick={() => void run(f)}
        >
          {exporting === f ? t('reports.exporting') : t(`reports.export.${f}`)}
        </button>
      ))}
    </span>
  );
}
