import { parseBrNumber, parseBrPercent } from './br-format';

/**
 * Money as sites abbreviate it: "R$ 7,47 M", "R$ 4,55 Bilhões", "496,32 bi", "1,2 mil", "R$ 129,84".
 * Returns undefined for anything else (the caller raises LAYOUT_CHANGED naming the label), null for
 * "-" or an empty value.
 */
const SCALES: [RegExp, number][] = [
  [/^(tri|trilh[õo]es|trilh[ãa]o|t)$/i, 1e12],
  [/^(b|bi|bilh[õo]es|bilh[ãa]o)$/i, 1e9],
  [/^(m|mi|milh[õo]es|milh[ãa]o)$/i, 1e6],
  [/^(k|mil)$/i, 1e3],
];

export function parseBrScaled(text: string): number | null | undefined {
  const t = text
    .replace(/\u00a0/g, ' ')
    .trim()
    .replace(/^R\$\s*/, '')
    .replace(/\s*BRL$/, '');
  if (t === '' || t === '-' || t === '--') return null;
  const m = /^([+-]?[\d.,]+)\s*([A-Za-zçõãÕÃ]+)?$/.exec(t);
  if (!m) return undefined;
  const n = parseBrNumber(m[1] ?? '');
  if (n === undefined || n === null) return undefined;
  if (m[2] === undefined) return n;
  const scale = SCALES.find(([re]) => re.test(m[2] ?? ''))?.[1];
  return scale === undefined ? undefined : Math.round(n * scale * 100) / 100;
}

/** A percentage that may carry a suffix such as " a.a" ("1,25% a.a") is read only without one. */
export function parseStrictPercent(text: string): number | null | undefined {
  return parseBrPercent(text.replace(/\u00a0/g, ' ').trim());
}
