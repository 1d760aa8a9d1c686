/**
 * Detail-page parse benchmark: the real Fundamentus WEGE3 detalhes.php (ISO-8859-1 bytes) decoded and
 * parsed repeatedly by our parser and by BeautifulSoup + lxml doing the same extraction
 * (bs4_fundamentus.py, Debian python3-bs4/python3-lxml, run with /usr/bin/python3), in one run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixture, REPO_ROOT } from '../../test/helpers/fixtures';
import { FUNDAMENTAL_KEYS } from '../../services/sources/fundamental-keys';
import type { FundamentalsItem } from '../../services/sources/models';
import { parseFundamentusDetails } from '../../services/sources/fundamentus/details-parse';
import { LAYOUT_MARKS, LAYOUT_RULES } from '../../services/sources/fundamentus/details-layouts';
import { compareItems } from './compare';

interface Timing {
  ms: number;
  iterations: number;
}

interface PeerRun extends Timing {
  python: string;
  bs4: string;
  lxml: string;
  result: FundamentalsItem;
}

const PY = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const PEER = join(REPO_ROOT, 'bench', 'parse', 'bs4_fundamentus.py');
const INSTALL_HINT = 'apt-get install python3-bs4 python3-lxml';
const TICKER = 'WEGE3';
const TARGET = 5;

/** Our label → key table, handed to the peer so both sides fill the same keys in the same units. */
function peerSpec(): string {
  const rules = Object.fromEntries(
    Object.entries(LAYOUT_RULES).map(([layout, list]) => [
      layout,
      list.map((r) => {
        const unit =
          r.key === 'ticker' || r.key === 'extra' ? (r.unit ?? null) : FUNDAMENTAL_KEYS[r.key].unit;
        return [r.slot, r.key, unit, r.required];
      }),
    ]),
  );
  return JSON.stringify({ marks: LAYOUT_MARKS, rules });
}

/** Why the peer cannot run, or null when python3 with bs4 and lxml is there. */
function peerMissing(): string | null {
  try {
    execFileSync(PY, ['-c', 'import bs4, lxml'], { stdio: 'ignore' });
    return null;
  } catch {
    return `${PY} with bs4 and lxml not found`;
  }
}

/** Decode (windows-1252, the WHATWG reading of ISO-8859-1) + parse, `warmup` times, then ≥ minMs. */
function timeOurs(bytes: Uint8Array, warmup: number, minMs: number): Timing & { result: FundamentalsItem } {
  const decoder = new TextDecoder('windows-1252');
  const run = (): FundamentalsItem => parseFundamentusDetails(decoder.decode(bytes), TICKER);
  const result = run();
  for (let i = 0; i < warmup; i++) run();
  let iterations = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < minMs) {
    for (let i = 0; i < 100; i++) run();
    iterations += 100;
  }
  return { ms: performance.now() - t0, iterations, result };
}

function timePeer(path: string, warmup: number, minMs: number): PeerRun {
  const out = execFileSync(PY, [PEER, path, TICKER, String(warmup), String(minMs)], {
    input: peerSpec(),
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '') as PeerRun;
}

const perPage = (t: Timing): number => t.ms / t.iterations;
const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');

export function runParseBench(
  warmup = Number(process.env.BENCH_PARSE_WARMUP ?? 300),
  minMs = Number(process.env.BENCH_PARSE_MS ?? 2000),
): void {
  const path = fixture('fundamentus', 'wege3_details.html');
  const bytes = readFileSync(path);
  console.log(
    `\n== Parse benchmark: Fundamentus detalhes.php ${TICKER} (real capture, ${bytes.length.toLocaleString('en')} bytes ISO-8859-1), decode + parse + extract, ${warmup} warm-up then >= ${minMs / 1000} s per side, ${cpus().length} CPUs\n`,
  );
  const ours = timeOurs(bytes, warmup, minMs);
  const missing = peerMissing();
  const peer = missing ? null : timePeer(path, warmup, minMs);

  const rows: [string, Timing | null][] = [
    ['ours: TextDecoder(windows-1252) + parseFundamentusDetails', ours],
    [
      peer
        ? `Python ${peer.python} BeautifulSoup ${peer.bs4} + lxml ${peer.lxml} (same extraction)`
        : 'Python BeautifulSoup + lxml',
      peer,
    ],
  ];
  console.log('what'.padEnd(64), 'ms/page'.padStart(9), 'pages/s'.padStart(9), 'iterations'.padStart(11));
  for (const [what, t] of rows) {
    console.log(
      what.padEnd(64),
      (t ? perPage(t).toFixed(3) : 'n/a').padStart(9),
      (t ? (1000 / perPage(t)).toFixed(0) : 'n/a').padStart(9),
      (t ? String(t.iterations) : 'n/a').padStart(11),
    );
  }

  if (!peer) {
    console.log(`\nBeautifulSoup: not run (${missing}; install it with: ${INSTALL_HINT})`);
    return;
  }
  const { agreed, differences } = compareItems(ours.result, peer.result);
  if (differences.length) {
    console.log(
      `\n!!! WARNING: the two parsers DISAGREE on ${differences.length} values (agree on ${agreed}):`,
    );
    for (const d of differences) console.log(`!!!   ${d}`);
  } else
    console.log(`\noutputs: agree on ${agreed} values (values + extra, incl. price 46.48, P/L, P/VP, ...)`);
  const ratio = perPage(peer) / perPage(ours);
  console.log(
    `ratio: BeautifulSoup ms/page / our ms/page = ${ratio.toFixed(1)}x  (target >= ${TARGET}x: ${verdict(ratio >= TARGET)})`,
  );
  console.log(
    `  (each iteration: the page's bytes decoded and parsed into the fundamentals item; Python: BeautifulSoup(bytes, 'lxml'), which sniffs and decodes, then the same pairing, column headers and number/date conversions)`,
  );
}

// Run on its own: `node bin/run-ts.mjs bench/parse/index.ts`.
if (process.argv[1] === fileURLToPath(import.meta.url)) runParseBench();
