import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ReportBody, ReportLanguage } from '../../services/contract';
import {
  anthropicStreamFrames,
  anthropicWhole,
  openaiError,
  openaiStreamFrames,
  openaiWhole,
  TestModelServer,
  type RecordedRequest,
  type Reply,
} from '../../services/core/ai/providers/test-model-server';
import { fixture } from '../helpers/fixtures';
import type { AppSession } from './app-session';

/** Spaces Intl puts in money and dates (no-break, narrow no-break) as plain spaces. */
export const nbsp = (s: string | null): string => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** One attribute of every element a locator matches, in document order. */
export async function attrs(locator: Locator, name: string): Promise<(string | null)[]> {
  return Promise.all((await locator.all()).map((l) => l.getAttribute(name)));
}

/**
 * How many pixels wider than its box the content of `selector` (the page: `html`) is; 0 when nothing
 * runs off the right edge. (The callback runs in the page, written as text: this project has no DOM types.)
 */
export async function overflowX(page: Page, selector: string): Promise<number> {
  const el = `document.querySelector(${JSON.stringify(selector)})`;
  return Number(await page.evaluate(`${el}.scrollWidth - ${el}.clientWidth`));
}

/** Calls the HTTP API from the test, with the bearer token serve keeps in the data dir. */
export async function api(
  s: AppSession,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<unknown> {
  const token = readFileSync(join(s.dataDir, 'api-token'), 'utf8').trim();
  const res = await fetch(new URL(path, s.serve.url), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return res.json();
}

/** Stores WEGE3 the way users do: the real Fundamentus captures through the source's own parser. */
export async function ingestWege3(s: AppSession): Promise<void> {
  const details = (await api(s, 'POST', '/api/sources/fundamentus/ingest', {
    model: 'fundamentals',
    file: fixture('fundamentus', 'wege3_details.html'),
    ticker: 'WEGE3',
  })) as { stored: number; snapshot_id: number };
  expect(details.stored).toBeGreaterThan(0);
  const dividends = (await api(s, 'POST', '/api/sources/fundamentus/ingest', {
    model: 'dividends',
    file: fixture('fundamentus', 'wege3_dividends.html'),
    ticker: 'WEGE3',
  })) as { items: number };
  expect(dividends.items).toBe(159);
}

/**
 * A model's report on WEGE3 as the schema wants it, citing ids the real Fundamentus capture gives
 * (P/L 31,03, P/VP 10,99, ROE 35,4%, ROIC 26%, net debt/equity -0,19, Graham number R$ 11,95).
 */
export function wegeReport(
  language: ReportLanguage,
  recommendation: ReportBody['recommendation'],
): ReportBody {
  const pt = language === 'pt-BR';
  return {
    summary: pt
      ? 'Resumo do modelo de teste: a WEG é muito rentável, sem dívida, mas cara pelos múltiplos.'
      : 'Test model summary: WEG is highly profitable with no debt, but expensive on multiples.',
    sentiment: 'NEUTRO',
    recommendation,
    strengths: [
      {
        text: pt ? 'ROE de 35,4% (modelo de teste).' : 'ROE of 35.4% (test model).',
        citations: ['fund.roe'],
      },
      { text: pt ? 'ROIC de 26% (modelo de teste).' : 'ROIC of 26% (test model).', citations: ['fund.roic'] },
      {
        text: pt ? 'Caixa líquido (modelo de teste).' : 'Net cash (test model).',
        citations: ['fund.net_debt_to_equity'],
      },
    ],
    risks: [
      { text: pt ? 'P/L de 31 (modelo de teste).' : 'P/E of 31 (test model).', citations: ['fund.pl'] },
      { text: pt ? 'P/VP de 11 (modelo de teste).' : 'P/B of 11 (test model).', citations: ['fund.pvp'] },
      {
        text: pt ? 'Acima do número de Graham (modelo de teste).' : 'Above the Graham number (test model).',
        citations: ['val.graham_number', 'price.last'],
      },
    ],
    target_prices: { conservative: 38, moderate: 44, optimistic: 52 },
    citations: ['price.last', 'fund.pl', 'fund.roe'],
  };
}

/** The JSON text of a report cut in pieces, as a model streams it. */
export function pieces(text: string, size = 90): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The model name the scripted server says answered. */
export const SERVER_MODEL = 'e2e-model-1';

/** What a request asks: the report (the prompt names the JSON schema) or the connection test. */
function isReportRequest(r: RecordedRequest): boolean {
  return r.body.includes('strengths');
}

function languageOf(r: RecordedRequest): ReportLanguage {
  // The prompt's instructions are Portuguese; it asks for the texts "em inglês (English)" in English.
  return r.body.includes('(English)') ? 'en' : 'pt-BR';
}

/**
 * A real local model server (OpenAI and Anthropic wire formats): 401 for any key but `goodKey`;
 * the connection test gets "ok"; a report request gets `wegeReport` streamed (slowly, so progress
 * shows) or whole, as asked.
 */
export async function startModelServer(
  goodKey: string,
  recommendation: (r: RecordedRequest) => ReportBody['recommendation'] = () => 'MANTER',
): Promise<TestModelServer> {
  const server = new TestModelServer();
  server.otherwise((r): Reply => {
    const anthropic = r.path.endsWith('/messages');
    const key = anthropic ? r.headers['x-api-key'] : r.headers.authorization?.replace(/^Bearer /, '');
    if (key !== goodKey) return openaiError(401, 'Incorrect API key provided: sk-***');
    const stream = (r.json as { stream?: boolean } | null)?.stream === true;
    const text = isReportRequest(r) ? JSON.stringify(wegeReport(languageOf(r), recommendation(r))) : 'ok';
    if (anthropic)
      return stream
        ? { sse: anthropicStreamFrames(pieces(text), SERVER_MODEL), chunkDelayMs: 40 }
        : anthropicWhole(text, SERVER_MODEL);
    return stream
      ? { sse: openaiStreamFrames(pieces(text), SERVER_MODEL), chunkDelayMs: 40 }
      : openaiWhole(text, SERVER_MODEL);
  });
  return server.start();
}

/** A minimal RSS 2.0 item. */
export interface FeedItem {
  title: string;
  link: string;
  pubDate: string;
  publisher?: { name: string; url: string };
  description?: string;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Writes a minimal RSS 2.0 feed of our own (no capture of a real feed is needed for the panel). */
export function writeFeed(path: string, title: string, items: readonly FeedItem[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><guid isPermaLink="false">${esc(i.link)}</guid>` +
        `<pubDate>${i.pubDate}</pubDate>` +
        (i.description ? `<description>${esc(i.description)}</description>` : '') +
        (i.publisher ? `<source url="${esc(i.publisher.url)}">${esc(i.publisher.name)}</source>` : '') +
        '</item>',
    )
    .join('\n');
  writeFileSync(
    path,
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(title)}</title>` +
      `<link>https://example.invalid/</link><description>${esc(title)}</description>\n${body}\n</channel></rss>\n`,
  );
  return path;
}
