import { isAppError, type AiModelEntry, type Input, type ProviderKind } from '../../../services/contract';

export type ProviderInput = Input<'ai.providers.save'>;

/** Where the common servers listen; choosing one also sets the wire format. */
export const BASE_URL_PRESETS = [
  { id: 'openai', label: 'OpenAI', provider: 'openai', url: 'https://api.openai.com/v1' },
  { id: 'ollama', label: 'Ollama', provider: 'openai', url: 'http://127.0.0.1:11434/v1' },
  { id: 'lm-studio', label: 'LM Studio', provider: 'openai', url: 'http://127.0.0.1:1234/v1' },
  { id: 'anthropic', label: 'Anthropic', provider: 'anthropic', url: 'https://api.anthropic.com' },
] as const satisfies ReadonlyArray<{ id: string; label: string; provider: ProviderKind; url: string }>;
export type PresetId = (typeof BASE_URL_PRESETS)[number]['id'];

/** The preset whose URL this is, if any (the form shows "custom" otherwise). */
export function presetOf(url: string): PresetId | null {
  const u = url.trim().replace(/\/+$/, '');
  return BASE_URL_PRESETS.find((p) => p.url === u)?.id ?? null;
}

/** The provider form as typed: numbers stay text until sent, the key is write-only. */
export interface ProviderForm {
  id: string;
  provider: ProviderKind;
  base_url: string;
  model: string;
  /** A newly typed key; empty keeps the stored one. */
  api_key: string;
  /** Remove the stored key (sends `api_key: ''`). */
  clear_key: boolean;
  temperature: string;
  max_tokens: string;
  /** Seconds in the form, milliseconds in the API. */
  timeout_s: string;
  stream: boolean;
  enabled: boolean;
  make_default: boolean;
}

/** A problem with one field: found before sending (`notNumber`, `notInteger`) or by the API. */
export interface FieldIssue {
  /** The API's field name (`base_url`, `timeout_ms`), or `(input)`. */
  field: string;
  code: 'notNumber' | 'notInteger' | 'api';
  message: string;
}

export function emptyProviderForm(): ProviderForm {
  return {
    id: '',
    provider: 'openai',
    base_url: BASE_URL_PRESETS[1].url,
    model: '',
    api_key: '',
    clear_key: false,
    temperature: '0.2',
    max_tokens: '1500',
    timeout_s: '120',
    stream: true,
    enabled: true,
    make_default: false,
  };
}

/** The form for editing a configured model; the key field starts empty (the key is never sent back). */
export function formFromEntry(entry: AiModelEntry, isDefault: boolean): ProviderForm {
  return {
    id: entry.id,
    provider: entry.provider === 'anthropic' ? 'anthropic' : 'openai',
    base_url: entry.base_url ?? '',
    model: entry.model,
    api_key: '',
    clear_key: false,
    temperature: entry.temperature === null ? '' : String(entry.temperature),
    max_tokens: entry.max_tokens === null ? '' : String(entry.max_tokens),
    timeout_s: entry.timeout_ms === null ? '' : String(entry.timeout_ms / 1000),
    stream: entry.stream,
    enabled: entry.enabled,
    make_default: isDefault,
  };
}

/** '' is null (the provider's default); a comma counts as the decimal point. */
function readNumber(text: string, field: string, integer: boolean, issues: FieldIssue[]): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  if (!Number.isFinite(n)) issues.push({ field, code: 'notNumber', message: text });
  else if (integer && !Number.isInteger(n)) issues.push({ field, code: 'notInteger', message: text });
  return n;
}

/**
 * The `ai.providers.save` input of a form, or what is wrong with its numbers. The key is sent only
 * when typed (or as '' to remove it), so saving other fields never touches a stored key.
 */
export function toProviderInput(
  form: ProviderForm,
): { input: ProviderInput; issues: null } | { input: null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const temperature = readNumber(form.temperature, 'temperature', false, issues);
  const max_tokens = readNumber(form.max_tokens, 'max_tokens', true, issues);
  const timeout = readNumber(form.timeout_s, 'timeout_ms', false, issues);
  if (issues.length) return { input: null, issues };
  const key = form.api_key.trim();
  return {
    issues: null,
    input: {
      id: form.id.trim(),
      provider: form.provider,
      base_url: form.base_url.trim(),
      model: form.model.trim(),
      ...(form.clear_key ? { api_key: '' } : key ? { api_key: key } : {}),
      temperature,
      max_tokens,
      timeout_ms: timeout === null ? null : Math.round(timeout * 1000),
      stream: form.stream,
      enabled: form.enabled,
      make_default: form.make_default,
    },
  };
}

/** The fields an INVALID_INPUT answer names (`details.issues`), with the API's own messages. */
export function issuesFromError(e: unknown): FieldIssue[] {
  if (!isAppError(e) || e.code !== 'INVALID_INPUT') return [];
  const list = e.details?.['issues'];
  if (!Array.isArray(list)) return [];
  const out: FieldIssue[] = [];
  for (const item of list as unknown[]) {
    if (!item || typeof item !== 'object') continue;
    const { path, message } = item as { path?: unknown; message?: unknown };
    if (typeof path === 'string' && typeof message === 'string')
      out.push({ field: path, code: 'api', message });
  }
  return out;
}
