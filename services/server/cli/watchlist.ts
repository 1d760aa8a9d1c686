import type { Output, Watchlist } from '../../contract';
import { withApi, type Call } from './api-caller';
import { DATA_DIR_OPTION, parse, UsageError } from './args';

export const watchlistHelp = `Usage: b3ai watchlist list [--json]
       b3ai watchlist create NAME [TICKER...] [--json]
       b3ai watchlist add NAME TICKER... [--json]
       b3ai watchlist remove NAME TICKER... [--json]
       b3ai watchlist delete NAME [--json]

Your watchlists (the home page shows the first one). NAME is a watchlist's name (any case) or its id.
Tickers must be known to the local data (an imported COTAHIST file or a source's fundamentals).
Goes through "b3ai serve" when it runs on the data dir.
  --json   the answer as JSON`;

async function find(call: Call, ref: string): Promise<Watchlist> {
  const { items } = await call('watchlists.list', {});
  const w =
    items.find((x) => x.id === ref) ?? items.find((x) => x.name.toLowerCase() === ref.trim().toLowerCase());
  if (!w) throw new UsageError(`no watchlist named "${ref}" (b3ai watchlist list shows them)`);
  return w;
}

function print(w: Watchlist): void {
  console.log(`${w.name} (${w.tickers.length}): ${w.tickers.join(' ') || '—'}  [${w.id}]`);
}

export async function watchlistCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { ...DATA_DIR_OPTION, json: { type: 'boolean' } });
  if (values.help) {
    console.log(watchlistHelp);
    return 0;
  }
  const [sub, name, ...tickers] = positionals;
  const json = Boolean(values.json);
  const dataDir = values['data-dir'] as string | undefined;
  const out = (x: unknown, human: () => void) => (json ? console.log(JSON.stringify(x)) : human());
  const need = (what: string): string => {
    if (!name) throw new UsageError(`give the watchlist's name: b3ai watchlist ${what}`);
    return name;
  };
  switch (sub) {
    case undefined:
    case 'list': {
      const r: Output<'watchlists.list'> = await withApi(dataDir, (call) => call('watchlists.list', {}));
      out(r, () => {
        if (r.items.length === 0) console.log('No watchlists yet: b3ai watchlist create NAME TICKER...');
        r.items.forEach(print);
      });
      return 0;
    }
    case 'create': {
      const n = need('create NAME [TICKER...]');
      const w = await withApi(dataDir, (call) => call('watchlists.create', { name: n, tickers }));
      out(w, () => print(w));
      return 0;
    }
    case 'add':
    case 'remove': {
      const n = need(`${sub} NAME TICKER...`);
      if (tickers.length === 0)
        throw new UsageError(`give at least one ticker: b3ai watchlist ${sub} NAME TICKER...`);
      const w = await withApi(dataDir, async (call) =>
        call('watchlists.update', { id: (await find(call, n)).id, [sub]: tickers }),
      );
      out(w, () => print(w));
      return 0;
    }
    case 'delete': {
      const n = need('delete NAME');
      const r = await withApi(dataDir, async (call) =>
        call('watchlists.delete', { id: (await find(call, n)).id }),
      );
      out(r, () => console.log(`Deleted ${n}.`));
      return 0;
    }
    default:
      throw new UsageError(`unknown subcommand "${sub}": list, create, add, remove or delete`);
  }
}
