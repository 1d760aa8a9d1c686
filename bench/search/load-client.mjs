// The load side of bench/search: a separate process, so its timings are not stalled by the server's
// event loop. argv: URL TOKEN SECONDS CLIENTS TICKERS(comma-separated). Prints one JSON line.
const [url, token, seconds, clients, tickerList] = process.argv.slice(2);
const tickers = tickerList.split(',');
const headers = { authorization: `Bearer ${token}` };
const times = {};
let errors = 0;
const until = Date.now() + Number(seconds) * 1000;
const routes = [
  ['GET /api/tickers/search?q=PE', () => '/api/tickers/search?q=PE'],
  ['GET /api/quotes/{t}', (t) => `/api/quotes/${t}`],
  ['GET /api/analysis/stock/{t}', (t) => `/api/analysis/stock/${t}`],
];
async function client(c) {
  for (let i = c; Date.now() < until; i++) {
    const [name, path] = routes[i % routes.length];
    const started = performance.now();
    const res = await fetch(new URL(path(tickers[i % tickers.length]), url), { headers });
    await res.arrayBuffer();
    if (!res.ok) errors++;
    (times[name] ??= []).push(performance.now() - started);
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(clients) }, (_, c) => client(c)));
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, errors, times }));
