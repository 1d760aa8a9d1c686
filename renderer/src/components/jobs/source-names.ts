/**
 * Source ids the API knows (services/core/jobs/source-catalogue.ts, which the renderer may not
 * import). Only `selftest` and `cotahist` run in this build; the server refuses the others with
 * its own message, which the create form shows. Free text is accepted too (e.g. FUNDAMENTUS).
 */
export const RUNNABLE_SOURCES: readonly string[] = ['selftest', 'cotahist'];

export const KNOWN_SOURCES: readonly string[] = [
  'selftest',
  'cotahist',
  'b3',
  'fundamentus',
  'statusinvest',
  'investidor10',
  'bcb',
  'tesouro',
  'cvm',
  'googlenews',
  'valor',
  'infomoney',
  'bloomberglinea',
  'investingcom',
  'tradingview',
  'coinmarketcap',
  'opcoesnet',
  'yahoo',
  'brapi',
  'ai-analysis',
  'market-scan',
];

/** Component names the strip has a label for; others show their raw name. */
export const KNOWN_COMPONENTS = ['storage', 'queue', 'workers', 'scheduler', 'api'] as const;
export type KnownComponent = (typeof KNOWN_COMPONENTS)[number];

export function isKnownComponent(name: string): name is KnownComponent {
  return (KNOWN_COMPONENTS as readonly string[]).includes(name);
}
