/**
 * B3 COTAHIST fixed-width layout (official "Séries Históricas" layout, rev. 2005/2017):
 * every line is 245 ASCII characters; 0-based [start, end) offsets below.
 */
export const RECORD_LENGTH = 245;

export const FIELD = {
  TIPREG: [0, 2],
  DATA: [2, 10],
  CODBDI: [10, 12],
  CODNEG: [12, 24],
  TPMERC: [24, 27],
  NOMRES: [27, 39],
  ESPECI: [39, 49],
  PRAZOT: [49, 52],
  MODREF: [52, 56],
  PREABE: [56, 69],
  PREMAX: [69, 82],
  PREMIN: [82, 95],
  PREMED: [95, 108],
  PREULT: [108, 121],
  PREOFC: [121, 134],
  PREOFV: [134, 147],
  TOTNEG: [147, 152],
  QUATOT: [152, 170],
  VOLTOT: [170, 188],
  PREEXE: [188, 201],
  INDOPC: [201, 202],
  DATVEN: [202, 210],
  FATCOT: [210, 217],
  PTOEXE: [217, 230],
  CODISI: [230, 242],
  DISMES: [242, 245],
} as const;
export type FieldName = keyof typeof FIELD;

/** Fields that must be all digits in every 01 record (PRAZOT is blank outside the term market). */
export const NUMERIC_FIELDS: readonly FieldName[] = [
  'DATA',
  'PREABE',
  'PREMAX',
  'PREMIN',
  'PREMED',
  'PREULT',
  'PREOFC',
  'PREOFV',
  'TOTNEG',
  'QUATOT',
  'VOLTOT',
  'PREEXE',
  'INDOPC',
  'DATVEN',
  'FATCOT',
  'PTOEXE',
  'DISMES',
];

/** Header (00) and trailer (99) share this prefix: "00COTAHIST." + year + "BOVESPA " + file date. */
export const HEADER = { MARK: [2, 11], YEAR: [11, 15], ORIGIN: [15, 23], DATE: [23, 31] } as const;
/** Trailer only: total lines in the file, header and trailer included. */
export const TRAILER_COUNT = [31, 42] as const;

export const CHAR = { ZERO: 48, NINE: 57, SPACE: 32, LF: 10, CR: 13, TAB: 9, BACKSLASH: 92 } as const;
