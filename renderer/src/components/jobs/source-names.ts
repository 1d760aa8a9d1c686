/**
 * Source ids the API knows (services/core/jobs/source-catalogue.ts, which the renderer may not
 * import), for display and the jobs filter. What can run comes from `scrapers.list` (see
 * store/job-sources.ts); the server refuses the others with its own message.
 */
export const KNOWN_SOURCES: readonly string[] = [
  'selftest',
  'cotahist',
  'b3-cotahist',
  'b3',
  'fundamentus',
  'status-invest',
  'investidor10',
  'investsite',
  'fundamentei',
  'griffin',
  'bcb',
  'tesouro',
  'cvm',
  'google-news',
  'valor',
  'infomoney',
  'exame',
  'investing-news',
  'e-investidor',
  'mais-retorno',
  'bloomberg-linea',
  'investing',
  'advfn',
  'google-finance',
  'tradingview',
  'coinmarketcap',
  'opcoes-net',
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
