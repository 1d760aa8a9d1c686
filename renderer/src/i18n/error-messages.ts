import type { Locale } from './format';

/**
 * Typed errors in the user's language (issue 15, item 5): an import refused by the COTAHIST scanner
 * carries its file, line and a `reason` with the values it needs, and is shown from these templates
 * (keeping the file and the line); anything else keeps the API's own message.
 */

type Vars = Record<string, unknown>;
type Template = (v: Vars) => string;

const s = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');

const REASONS: Record<Locale, Record<string, Template>> = {
  'pt-BR': {
    line_length: (v) => `esperados ${s(v['expected'])} caracteres, encontrados ${s(v['found'])}`,
    line_too_long: (v) => `linha com mais de ${s(v['expected'])} caracteres`,
    empty: () => 'arquivo vazio: sem o cabeçalho COTAHIST',
    no_trailer: () => 'o arquivo termina sem o registro final 99: foi cortado',
    after_trailer: () => 'há dados depois do registro final 99',
    no_header: () => 'não é um arquivo COTAHIST: a primeira linha não é um cabeçalho 00',
    record_type: () => 'tipo de registro desconhecido (00, 01 ou 99 nas colunas 1-2)',
    bad_date: () => 'o campo DATA não é uma data (AAAAMMDD)',
    bad_factor: (v) =>
      `o campo FATCOT (fator de cotação) deve ser 1, 10, 100… 1000000; encontrado ${s(v['found'])}`,
    not_digits: (v) => `o campo ${s(v['field'])} deve ter só dígitos (colunas ${s(v['from'])}-${s(v['to'])})`,
    bad_header: () => 'cabeçalho COTAHIST inválido (colunas 1-31)',
    bad_trailer: () => 'registro final COTAHIST inválido (colunas 1-31)',
    trailer_date: (v) =>
      `a data do registro final (${s(v['trailer'])}) difere da do cabeçalho (${s(v['header'])})`,
    trailer_count: () => 'a contagem do registro final não é um número',
    trailer_mismatch: (v) =>
      `o registro final diz que o arquivo tem ${s(v['declared'])} linhas, mas ele tem ${s(v['actual'])} (cabeçalho + ${s(v['records'])} registros + final): o arquivo está incompleto ou foi editado`,
  },
  en: {
    line_length: (v) => `expected ${s(v['expected'])} characters, found ${s(v['found'])}`,
    line_too_long: (v) => `line is longer than ${s(v['expected'])} characters`,
    empty: () => 'empty file: no COTAHIST header',
    no_trailer: () => 'the file ends without the 99 trailer: it was cut short',
    after_trailer: () => 'data after the 99 trailer',
    no_header: () => 'not a COTAHIST file: the first line is not a 00 header',
    record_type: () => 'unknown record type (00, 01 or 99 expected in columns 1-2)',
    bad_date: () => 'field DATA is not a date (YYYYMMDD)',
    bad_factor: (v) => `field FATCOT (quote factor) must be 1, 10, 100, … 1000000; found ${s(v['found'])}`,
    not_digits: (v) => `field ${s(v['field'])} must be digits (columns ${s(v['from'])}-${s(v['to'])})`,
    bad_header: () => 'not a valid COTAHIST header (columns 1-31)',
    bad_trailer: () => 'not a valid COTAHIST trailer (columns 1-31)',
    trailer_date: (v) => `trailer date ${s(v['trailer'])} does not match header date ${s(v['header'])}`,
    trailer_count: () => 'the trailer count is not a number',
    trailer_mismatch: (v) =>
      `the trailer says the file has ${s(v['declared'])} lines but it has ${s(v['actual'])} (header + ${s(v['records'])} records + trailer): the file is incomplete or was edited`,
  },
};

const LINE: Record<Locale, string> = { 'pt-BR': 'linha', en: 'line' };

/** The message of a typed error in `locale`; the API's message when the error is not one we know. */
export function errorText(e: { message: string; details?: Record<string, unknown> }, locale: Locale): string {
  const d = e.details;
  const reason = typeof d?.['reason'] === 'string' ? d['reason'] : null;
  const template = reason && Object.hasOwn(REASONS[locale], reason) ? REASONS[locale][reason] : undefined;
  if (!d || !template || typeof d['file'] !== 'string' || typeof d['line'] !== 'number') return e.message;
  return `${d['file']}, ${LINE[locale]} ${d['line']}: ${template(d)}`;
}
