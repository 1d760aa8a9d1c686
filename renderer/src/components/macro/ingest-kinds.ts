import type { MessageKey } from '../../i18n/messages';

export type IngestField = 'ticker' | 'series' | 'year';

/** A kind of saved file the UI imports: the source and model `b3ai ingest SOURCE MODEL FILE` takes. */
export interface IngestKind {
  id: string;
  source: string;
  model: string;
  label: MessageKey;
  /** File name endings accepted (lower case). */
  accept: readonly string[];
  /** What the user must give (a CVM statements file's year comes from its published name). */
  fields: readonly IngestField[];
}

export const INGEST_KINDS: readonly IngestKind[] = [
  k('fundamentus', 'fundamentals', ['.html', '.htm'], ['ticker']),
  k('fundamentus', 'dividends', ['.html', '.htm'], ['ticker']),
  k('fundamentus', 'screener', ['.html', '.htm'], []),
  k('status-invest', 'fundamentals', ['.html', '.htm'], ['ticker']),
  k('status-invest', 'screener', ['.csv'], []),
  k('investidor10', 'fundamentals', ['.html', '.htm'], ['ticker']),
  k('cvm', 'statements', ['.csv', '.zip'], ['year']),
  k('cvm', 'companies', ['.csv'], []),
  k('bcb', 'macro-series', ['.json'], ['series']),
  k('tesouro', 'treasury-bonds', ['.csv'], []),
];

function k(source: string, model: string, accept: string[], fields: IngestField[]): IngestKind {
  const id = `${source}-${model}`;
  return { id, source, model, label: `ingest.kind.${id}` as MessageKey, accept, fields };
}

/** Largest file the panel reads into memory; the server's own cap (imports.maxUploadBytes) applies too. */
export const MAX_INGEST_BYTES = 256 * 1024 * 1024;

/** What a published file name tells: its kind, and the SGS code or the CVM year when it carries them. */
export function kindFromName(name: string): { kind: string; series?: string; year?: string } | null {
  const n = name.toLowerCase();
  const cvm = /^(dfp|itr)_cia_aberta(?:_[a-z_]+)?_(\d{4})\.(csv|zip)$/.exec(n);
  if (cvm) return { kind: 'cvm-statements', year: cvm[2] ?? '' };
  if (/^cad_cia_aberta.*\.csv$/.test(n)) return { kind: 'cvm-companies' };
  if (/^precotaxatesourodireto.*\.csv$/.test(n)) return { kind: 'tesouro-treasury-bonds' };
  const sgs = /^sgs[_-]?(\d{1,6})(?!\d).*\.json$/.exec(n);
  if (sgs) return { kind: 'bcb-macro-series', series: sgs[1] ?? '' };
  return null;
}

/** Whether the file's name ends as the kind expects. */
export function acceptsName(kind: IngestKind, name: string): boolean {
  const n = name.toLowerCase();
  return kind.accept.some((ext) => n.endsWith(ext));
}
