import { layoutChanged } from '../errors';
import type { FundamentalKeyName } from '../fundamental-keys';
import { parseBrDate, parseBrNumber, parseBrPercent } from './br-format';
import { parseBrScaled } from './br-scaled';

/**
 * How a value is written: `price` an amount in R$ as is ("R$ 38,05"), `scaled` an abbreviated
 * amount ("R$ 7,47 M", "R$ 4,55 Bilhões"), `money` either, a plain `number` (a ratio, a count), a
 * `pct` percentage, a `text`. Sites abbreviate large amounts and never prices, so a price and a
 * market cap swapped on the page are refused.
 */
export type Form = 'price' | 'scaled' | 'money' | 'number' | 'pct' | 'text';

export interface Rule {
  key: FundamentalKeyName;
  form: Form;
}

export interface LabelledText {
  label: string;
  value: string;
}

type Value = number | string | null;

/**
 * Number readers per locale: Brazilian ("1.234,56") or English ("1,234.56", "496.32B"). Strict
 * about money: an amount in R$ is written with its currency, and a plain number (a ratio) without,
 * so a ratio and a price swapped on the page are refused, not read under each other's label.
 * `loose` reads an unmapped label's value (any number form), kept under that label.
 */
export interface NumberReader {
  number(t: string): number | null | undefined;
  pct(t: string): number | null | undefined;
  price(t: string): number | null | undefined;
  scaled(t: string): number | null | undefined;
  money(t: string): number | null | undefined;
  loose(t: string): number | null | undefined;
}

const isEmpty = (t: string): boolean => ['', '-', '--'].includes(t.trim());

const BR_SCALE = /\d\s*[A-Za-zçõãÕÃ]+\s*$/;

export const BR_NUMBERS: NumberReader = {
  number: (t) => (/R\$/.test(t) ? undefined : parseBrNumber(t)),
  pct: parseBrPercent,
  price: (t) => (isEmpty(t) ? null : /^\s*R\$/.test(t) ? parseBrNumber(t) : undefined),
  scaled: (t) => (isEmpty(t) ? null : /^\s*R\$/.test(t) && BR_SCALE.test(t) ? parseBrScaled(t) : undefined),
  money: (t) => (isEmpty(t) ? null : /^\s*R\$/.test(t) ? parseBrScaled(t) : undefined),
  loose: parseBrScaled,
};

const FORM_NAMES: Record<Form, string> = {
  price: 'an amount in R$',
  scaled: 'an abbreviated amount (R$ … M/bi)',
  money: 'an amount in R$',
  number: 'a plain number',
  pct: 'a percentage',
  text: 'a text',
};

/**
 * Label/value pairs → standard keys and extras, strictly: a mapped label's value must be in its
 * form (else LAYOUT_CHANGED naming the label), a text key never takes a number or a date, a mapped
 * label shown twice with two values is a layout change, an unmapped label keeps its value under its
 * own name (dropped when it shows two values), and every required label must be there.
 */
export function mapLabels(
  site: string,
  pairs: readonly LabelledText[],
  rules: Readonly<Record<string, Rule>>,
  required: readonly string[],
  reader: NumberReader = BR_NUMBERS,
): { values: Record<string, Value>; extra: Record<string, Value> } {
  const values: Record<string, Value> = {};
  const extra: Record<string, Value> = {};
  const ambiguous = new Set<string>();
  const seen = new Set<string>();
  const numeric = (t: string): number | null | undefined =>
    t.endsWith('%') ? reader.pct(t) : reader.loose(t);
  for (const p of pairs) {
    seen.add(p.label);
    const value = p.value.trim();
    const rule = Object.hasOwn(rules, p.label) ? rules[p.label] : undefined;
    if (!rule) {
      const v = numeric(value);
      const x = v === undefined ? value : v;
      if (Object.hasOwn(extra, p.label) && extra[p.label] !== x) ambiguous.add(p.label);
      extra[p.label] = x;
      continue;
    }
    let v: Value | undefined;
    if (rule.form === 'text') {
      if (value === '' || value === '-') v = null;
      else if (numeric(value) !== undefined || parseBrDate(value) !== undefined)
        throw layoutChanged(`${site}: "${p.label}" is a number or a date, not a text`);
      else v = value;
    } else {
      v = reader[rule.form](value);
      if (v === undefined) throw layoutChanged(`${site}: "${p.label}" is not ${FORM_NAMES[rule.form]}`);
    }
    if (Object.hasOwn(values, rule.key) && values[rule.key] !== v)
      throw layoutChanged(`${site}: "${p.label}" shows two different values`);
    values[rule.key] = v;
  }
  for (const l of ambiguous) delete extra[l];
  const missing = required.filter((l) => !seen.has(l));
  if (missing.length) throw layoutChanged(`${site}: labels not found: ${missing.join(', ')}`);
  return { values, extra };
}
