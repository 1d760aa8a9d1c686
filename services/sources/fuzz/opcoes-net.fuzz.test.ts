/** Fuzz: Opções.net's /listaopcoes/completa answer, as the browser runtime keeps it. Seed: the source's OWN fixture. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe } from 'vitest';
import type { ModelItem } from '../models';
import source from '../opcoes-net';
import { baseline, type Target } from './fuzz-harness';
import { interceptedJsonSuite } from './page-suites';

const fetcher = source.fetchers['option-chain'];
if (!fetcher) throw new Error('opcoes-net: the fetcher is missing');
const body = readFileSync(
  fileURLToPath(new URL('../opcoes-net/fixtures/listaopcoes-completa-PETR4.json', import.meta.url)),
);
const PAGE = 'https://opcoes.net.br/opcoes/bovespa/PETR4';
const API = 'https://opcoes.net.br/listaopcoes/completa?idAcao=PETR4';
const wrap = (b: Buffer) =>
  Buffer.from(
    JSON.stringify({
      page: PAGE,
      answers: [{ url: API, status: 200, contentType: 'application/json', body: b.toString('utf8') }],
    }),
  );

describe('opcoes-net option-chain', () => {
  const t: Target<'option-chain'> = { sourceId: 'opcoes-net', fetcher, query: { ticker: 'PETR4' } };
  let original: ModelItem<'option-chain'>[] = [];
  beforeAll(async () => {
    original = await baseline(t, wrap(body));
  });
  interceptedJsonSuite(t, body, PAGE, API, { runs: 100, rows: true, original: () => original });
});
