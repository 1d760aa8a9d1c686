import { AppError, Screen, type Output, type ParsedInput } from '../../contract';
import type { StateDb } from '../storage/state';
import type { Pg } from '../storage/pg';
import type { AnalysisService } from './analysis-service';
import { adjustBars } from '../../analysis/corporate-actions';
import { ledgerOf } from './blocks';
import { loadBars, loadDividends, loadSplits, type BarRow } from './loaders';
import { PRESETS, runScreen, TECHNICAL_FIELDS, toCsv, type TechnicalField } from './screener';
import { loadUniverse, median, sameName, type UniverseRow } from './universe';
import { fileSnapshotsOf, loadCurrent, type FileSnapshots } from './current-loader';
import { namesOf, sectorsOf } from '../watchlists/market';

/** The fundamentals Compare shows next to the price (the price itself is the row's `price`). */
const COMPARE_METRICS = ['pl', 'pvp', 'dy', 'roe', 'roic', 'net_margin', 'ev_ebitda', 'net_debt_to_ebitda'];

/** Compare, sector peers and the screener: the analysis over many tickers. */
export class UniverseService {
  private readonly files: FileSnapshots;

  constructor(
    private readonly pg: Pg,
    private readonly state: StateDb,
    private readonly analysis: AnalysisService,
  ) {
    this.files = fileSnapshotsOf(state);
  }

  async compare(tickers: string[]): Promise<Output<'analysis.compare'>> {
    const [currents, names, sectors] = await Promise.all([
      loadCurrent(this.pg, tickers, this.files),
      namesOf(this.pg, tickers),
      sectorsOf(this.pg, tickers),
    ]);
    const series = await Promise.all(tickers.map((t) => this.adjustedBars(t)));
    // Rebase at the first date every ticker with bars has.
    const starts = series.filter((s) => s.bars.length).map((s) => s.bars[0]!.date);
    const since = starts.length ? starts.sort().at(-1)! : null;
    // Prices adjusted for splits and cash events (total return): the price shown is the last raw close.
    const rows = await Promise.all(
      tickers.map(async (ticker, i) => {
        const bars = series[i]!.bars.filter((b) => since !== null && b.date >= since);
        const base = bars[0]?.close;
        const current = currents.get(ticker) ?? {};
        let trend: string | null = null;
        if (bars.length) {
          const t = await this.analysis.technical(ticker, { series: false }).catch(() => null);
          const tech = t?.technical as {
            trend?: { direction?: string };
            insufficient?: { indicator: string }[];
          } | null;
          // Too few bars for a trend: no reading (not "sideways").
          const short = tech?.insufficient?.some((x) => x.indicator === 'trend') ?? false;
          trend = short ? null : (tech?.trend?.direction ?? null);
        }
        const last = bars.at(-1);
        const ret = (days: number): number | null => {
          const ref = bars.at(-1 - days);
          return ref && last ? (last.close / ref.close - 1) * 100 : null;
        };
        return {
          ticker,
          found: Object.keys(current).length > 0 || bars.length > 0,
          name: names.get(ticker) ?? null,
          sector: sectors.get(ticker) ?? null,
          // One price per row: the current one (a site's 2026 quote beats a 2021 bar), with its date.
          price: current['price']?.value ?? null,
          as_of: current['price']?.as_of ?? null,
          current,
          normalized: base ? bars.map((b) => ({ date: b.date, value: (b.close / base) * 100 })) : [],
          metrics: Object.fromEntries(COMPARE_METRICS.map((k) => [k, current[k]?.value ?? null])),
          returns: {
            '1m': ret(21),
            '12m': ret(252),
            since: base && last ? (last.close / base - 1) * 100 : null,
          },
          trend,
        };
      }),
    );
    return { tickers, rows, since, timestamp: new Date().toISOString() };
  }

  /** A ticker's bars adjusted for splits and cash events (total return), as the comparison reads them. */
  private async adjustedBars(ticker: string): Promise<{ bars: BarRow[] }> {
    const [prices, dividends, splits] = await Promise.all([
      loadBars(this.pg, ticker),
      loadDividends(this.pg, ticker),
      loadSplits(this.pg, ticker),
    ]);
    if (prices.bars.length === 0) return { bars: [] };
    const adjusted = adjustBars(prices.bars, ledgerOf(dividends, prices.bars, splits), 'total_return');
    return { bars: adjusted.bars.map((b) => ({ ...b, volume: b.volume ?? 0 })) };
  }

  async sector(name: string): Promise<Output<'analysis.sector'>> {
    const peers = (await loadUniverse(this.pg, this.files)).filter(
      (u) => u.sector && sameName(u.sector, name),
    );
    if (peers.length === 0)
      throw new AppError('NOT_FOUND', `no company of sector "${name}" in the local database`);
    const keys = new Set(peers.flatMap((p) => Object.keys(p.values)));
    const medians: Record<string, { median: number; count: number }> = {};
    for (const k of [...keys].sort()) {
      const xs = peers.map((p) => p.values[k]).filter((v): v is number => v !== undefined);
      if (xs.length) medians[k] = { median: median(xs), count: xs.length };
    }
    return {
      sector: peers[0]!.sector ?? name,
      tickers: peers.map((p) => p.ticker),
      medians,
      timestamp: new Date().toISOString(),
    };
  }

  private saved(name: string): Screen | undefined {
    const row = this.state.prepare('SELECT screen FROM screens WHERE name = ?').get(name) as
      { screen: string } | undefined;
    return row ? Screen.parse(JSON.parse(row.screen)) : undefined;
  }

  async screener(input: ParsedInput<'analysis.screener'>): Promise<Output<'analysis.screener'>> {
    let screen: Screen = {
      conditions: input.conditions,
      limit: input.limit,
      ...(input.sort ? { sort: input.sort } : {}),
    };
    if (input.preset) {
      const preset = Object.hasOwn(PRESETS, input.preset) ? PRESETS[input.preset] : this.saved(input.preset);
      if (!preset) throw new AppError('NOT_FOUND', `no preset or saved screen "${input.preset}"`);
      screen = {
        ...preset,
        conditions: [...preset.conditions, ...input.conditions],
        ...(input.sort ? { sort: input.sort } : {}),
      };
    }
    const universe = await this.withTechnicals(await loadUniverse(this.pg, this.files), screen);
    const result = runScreen(
      universe,
      screen,
      input.preset === 'magic-formula' || screen.sort?.field === 'magic_formula_rank',
    );
    const names = await namesOf(
      this.pg,
      result.rows.map((r) => r.ticker),
    );
    const rows = result.rows.map((r) => ({
      ...r,
      name: names.get(r.ticker) ?? null,
      as_of:
        result.fields
          .map((f) => r.current[f]?.as_of ?? null)
          .filter((d): d is string => d !== null)
          .sort()
          .at(-1) ?? null,
    }));
    return {
      ...result,
      rows,
      ...(input.format === 'csv' ? { csv: toCsv(result) } : {}),
      timestamp: new Date().toISOString(),
    };
  }

  /** Join the technical fields a screen names (computed per ticker through the analysis cache). */
  private async withTechnicals(universe: UniverseRow[], screen: Screen): Promise<UniverseRow[]> {
    const asked = new Set([
      ...screen.conditions.map((c) => c.field),
      ...(screen.sort ? [screen.sort.field] : []),
    ]);
    const fields = TECHNICAL_FIELDS.filter((f) => asked.has(f));
    if (fields.length === 0) return universe;
    const out: UniverseRow[] = [];
    for (const u of universe) {
      const t = await this.analysis.technical(u.ticker, { series: false }).catch(() => null);
      const tech = t?.technical as {
        indicators?: Record<string, unknown>;
        trend?: { strength?: number };
        last_close_raw?: number;
      } | null;
      const ind = tech?.indicators ?? {};
      const num = (v: unknown): number | undefined =>
        typeof v === 'number' && Number.isFinite(v) ? v : undefined;
      const sma200 = num(ind['sma_200']);
      const close = num(tech?.last_close_raw);
      const extra: Partial<Record<TechnicalField, number | undefined>> = {
        rsi_14: num(ind['rsi_14']),
        sma_20: num(ind['sma_20']),
        sma_50: num(ind['sma_50']),
        sma_200: sma200,
        ema_21: num(ind['ema_21']),
        atr_14: num(ind['atr_14']),
        trend_strength: num(tech?.trend?.strength),
        close_vs_sma_200_pct: sma200 && close ? (close / sma200 - 1) * 100 : undefined,
      };
      const values = { ...u.values };
      for (const f of fields) if (extra[f] !== undefined) values[f] = extra[f];
      out.push({ ...u, values });
    }
    return out;
  }

  saveScreen(input: ParsedInput<'screens.save'>): Output<'screens.save'> {
    if (Object.hasOwn(PRESETS, input.name))
      throw new AppError('CONFLICT', `"${input.name}" is a preset; choose another name`);
    const { name, ...rest } = input;
    const screen = Screen.parse(rest);
    this.state
      .prepare(
        'INSERT INTO screens (name, screen, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET screen = excluded.screen, updated_at = excluded.updated_at',
      )
      .run(name, JSON.stringify(screen), Date.now());
    return { name, screen };
  }

  listScreens(): Output<'screens.list'> {
    const saved = this.state.prepare('SELECT name, screen FROM screens ORDER BY name').all() as {
      name: string;
      screen: string;
    }[];
    return {
      screens: [
        ...Object.entries(PRESETS).map(([name, screen]) => ({ name, preset: true, screen })),
        ...saved.map((s) => ({ name: s.name, preset: false, screen: Screen.parse(JSON.parse(s.screen)) })),
      ],
    };
  }
}
