import type { AssetClass } from '../../contract/portfolio';

export interface Classified {
  asset_class: AssetClass;
  /** given: the user's or the file's word; name: the product's name; ticker: the code's form alone. */
  class_from: 'given' | 'name' | 'ticker';
}

const FII_NAME = /\b(FII|IMOB|IMOBILI[AÁ]RIO|FDO INV IMOB|FIAGRO)\b/i;
const ETF_NAME = /\b(ETF|FDO INDICE|FUNDO DE [IÍ]NDICE|INDEX|ISHARES)\b/i;

/**
 * The tax class of a ticker. A class given by the user wins; then the product's name when a file
 * carried it; last the ticker's form (34/35/32/33/39 are BDRs; 11 is a FII when nothing else is
 * known — units such as TAEE11 must be given as `stock`, which `class_from: 'ticker'` flags).
 */
export function classify(ticker: string, given?: AssetClass, name?: string): Classified {
  if (given) return { asset_class: given, class_from: 'given' };
  if (name) {
    if (ETF_NAME.test(name)) return { asset_class: 'etf', class_from: 'name' };
    if (FII_NAME.test(name)) return { asset_class: 'fii', class_from: 'name' };
  }
  if (/^[A-Z]{4}(3[2-59])$/.test(ticker)) return { asset_class: 'bdr', class_from: 'ticker' };
  if (/^[A-Z]{4}11$/.test(ticker)) return { asset_class: 'fii', class_from: 'ticker' };
  return { asset_class: 'stock', class_from: 'ticker' };
}
