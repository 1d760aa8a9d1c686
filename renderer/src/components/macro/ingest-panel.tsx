import { useId, useState, type DragEvent } from 'react';
import type { Output } from '../../../../services/contract';
import { getClient } from '../../client';
import { bytesToBase64 } from '../../client/base64';
import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/use-i18n';
import { toUiError, type UiError } from '../../store/errors';
import { acceptsName, INGEST_KINDS, kindFromName, MAX_INGEST_BYTES, type IngestField } from './ingest-kinds';

type Result = Output<'sources.ingest'>;
type State =
  | { status: 'idle' }
  | { status: 'sending'; name: string }
  | { status: 'done'; name: string; result: Result }
  | { status: 'failed'; text: string; detail: string | null };

const ERROR_KEYS: Record<string, MessageKey> = {
  PAYLOAD_TOO_LARGE: 'ingest.err.PAYLOAD_TOO_LARGE',
  LAYOUT_CHANGED: 'ingest.err.LAYOUT_CHANGED',
  INVALID_INPUT: 'ingest.err.INVALID_INPUT',
  UNSUPPORTED_FILE: 'ingest.err.UNSUPPORTED_FILE',
  FILE_NOT_FOUND: 'ingest.err.FILE_NOT_FOUND',
};

const FIELD_KEYS: Record<IngestField, MessageKey> = {
  ticker: 'ingest.ticker',
  series: 'ingest.series',
  year: 'ingest.year',
};

const mb = (bytes: number): string => `${Math.ceil(bytes / (1024 * 1024))} MB`;

/**
 * Saved pages, CVM, Banco Central and Tesouro files from the UI (drop or pick), through
 * `sources.ingest`: the command line's `b3ai ingest` path, with its checks (size, type, the format
 * the source publishes) answered as typed errors shown in the user's language.
 */
export function IngestPanel({
  initialKind = 'fundamentus-fundamentals',
  onDone,
}: {
  initialKind?: string;
  /** Called after a file was stored (the view reloads what it shows). */
  onDone?: () => void;
}) {
  const { t, int } = useI18n();
  const [kindId, setKindId] = useState(initialKind);
  const [values, setValues] = useState<Record<IngestField, string>>({ ticker: '', series: '', year: '' });
  const [state, setState] = useState<State>({ status: 'idle' });
  const [dragging, setDragging] = useState(false);
  const id = useId();
  const kind = INGEST_KINDS.find((x) => x.id === kindId) ?? INGEST_KINDS[0]!;
  const busy = state.status === 'sending';

  const fail = (e: UiError | string): void => {
    if (typeof e === 'string') return setState({ status: 'failed', text: e, detail: null });
    setState({ status: 'failed', text: t(ERROR_KEYS[e.code] ?? 'ingest.err.other'), detail: e.message });
  };

  const send = async (file: File): Promise<void> => {
    // A published name (cad_cia_aberta.csv, sgs433….json) picks its kind and fields.
    const named = kindFromName(file.name);
    const k = named ? (INGEST_KINDS.find((x) => x.id === named.kind) ?? kind) : kind;
    const given = {
      ...values,
      ...(named?.series ? { series: named.series } : {}),
      ...(named?.year ? { year: named.year } : {}),
    };
    if (k.id !== kind.id) setKindId(k.id);
    setValues(given);
    if (!acceptsName(k, file.name))
      return fail(t('ingest.badType', { name: file.name, kind: t(k.label), accept: k.accept.join(', ') }));
    if (file.size > MAX_INGEST_BYTES)
      return fail(t('ingest.tooLarge', { name: file.name, size: mb(file.size), max: mb(MAX_INGEST_BYTES) }));
    const missing = k.fields.filter((f) => !given[f].trim());
    if (missing.length)
      return fail(t('ingest.needs', { fields: missing.map((f) => t(FIELD_KEYS[f])).join(', ') }));
    setState({ status: 'sending', name: file.name });
    try {
      const query = [
        ...(k.fields.includes('series') ? [`series=${given.series.trim()}`] : []),
        ...(k.fields.includes('year') ? [`year=${given.year.trim()}`] : []),
      ].join('&');
      const result = await getClient().call('sources.ingest', {
        source: k.source,
        model: k.model,
        ...(k.fields.includes('ticker') ? { ticker: given.ticker.trim() } : {}),
        ...(query ? { query } : {}),
        upload: { name: file.name, dataBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) },
      });
      setState({ status: 'done', name: file.name, result });
      onDone?.();
    } catch (e) {
      fail(toUiError(e));
    }
  };

  const start = (list: FileList | null): void => {
    const file = list?.[0];
    if (file && !busy) void send(file);
  };
  const onDrop = (e: DragEvent<HTMLElement>): void => {
    e.preventDefault();
    setDragging(false);
    start(e.dataTransfer.files);
  };

  return (
    <section
      className="import-panel panel"
      data-testid="ingest-panel"
      data-ingest-status={state.status}
      aria-labelledby={`${id}-title`}
    >
      <h3 className="panel-title" id={`${id}-title`}>
        {t('ingest.title')}
      </h3>
      <p className="muted">{t('ingest.intro')}</p>
      <div className="ingest-fields">
        <label>
          {t('ingest.kind')}
          <select
            value={kind.id}
            data-testid="ingest-kind"
            onChange={(e) => setKindId(e.currentTarget.value)}
          >
            {INGEST_KINDS.map((x) => (
              <option key={x.id} value={x.id}>
                {t(x.label)}
              </option>
            ))}
          </select>
        </label>
        {kind.fields.map((f) => (
          <label key={f}>
            {t(FIELD_KEYS[f])}
            <input
              data-testid={`ingest-${f}`}
              value={values[f]}
              maxLength={f === 'ticker' ? 16 : 6}
              inputMode={f === 'ticker' ? 'text' : 'numeric'}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setValues((x) => ({ ...x, [f]: f === 'ticker' ? v.toUpperCase() : v.replace(/\D/g, '') }));
              }}
            />
          </label>
        ))}
      </div>
      <div
        className={`drop-zone${dragging ? ' is-dragging' : ''}${busy ? ' is-busy' : ''}`}
        data-testid="ingest-drop-zone"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{t('ingest.drop')}</p>
        <label htmlFor={`${id}-file`} className={`button${busy ? ' is-disabled' : ''}`}>
          {t('ingest.choose')}
        </label>
        <input
          id={`${id}-file`}
          className="visually-hidden"
          type="file"
          data-testid="ingest-file-input"
          accept={kind.accept.join(',')}
          disabled={busy}
          onChange={(e) => {
            start(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <div className="ingest-result" role="status" aria-live="polite">
        {state.status === 'sending' && (
          <>
            <p>{t('ingest.sending', { name: state.name })}</p>
            <progress />
          </>
        )}
        {state.status === 'done' && (
          <p className="import-done" data-testid="ingest-done">
            {t(state.result.items === 1 ? 'ingest.doneOne' : 'ingest.done', {
              items: int(state.result.items),
              name: state.name,
              source: state.result.source,
              model: state.result.model,
              snapshot: state.result.snapshot_id,
            })}
          </p>
        )}
        {state.status === 'failed' && (
          <div className="form-error" data-testid="ingest-failed">
            <p>{state.text}</p>
            {state.detail && <p className="muted">{t('ingest.detail', { message: state.detail })}</p>}
          </div>
        )}
      </div>
    </section>
  );
}
