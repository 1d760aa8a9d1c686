import { AppError } from '../../contract';
import { configCategories, configJsonSchema } from '../config/app-config';
import type { ConfigService } from '../config/config-service';
import { redactSecrets } from '../config/redact';
import type { Ctx } from '../context';
import type { Handler } from './types';

function settingsOf(ctx: Ctx): ConfigService {
  if (!ctx.settings) throw new AppError('UNAVAILABLE', 'the configuration is not loaded');
  return ctx.settings;
}

export const configStatusHandler: Handler<'config.status'> = (_input, ctx) =>
  Promise.resolve(settingsOf(ctx).status());

export const configValidateHandler: Handler<'config.validate'> = (_input, ctx) => {
  const settings = settingsOf(ctx);
  const check = settings.validate();
  return Promise.resolve({
    valid: check.valid,
    scrapers_count: ctx.sources?.registry.list().length ?? 0,
    warnings: check.warnings,
    errors: check.errors,
    file: check.file,
    exists: check.exists,
  });
};

export const configReloadHandler: Handler<'config.reload'> = (_input, ctx) => settingsOf(ctx).reload('api');

export const configAllHandler: Handler<'config.all'> = (_input, ctx) => {
  const settings = settingsOf(ctx);
  const config = settings.config;
  const runner = ctx.sources;
  const sources = (runner?.registry.list() ?? []).map((s) => {
    const o = Object.hasOwn(config.sources, s.info.id) ? config.sources[s.info.id] : undefined;
    const creds = runner?.credentials(s.info.id) ?? {};
    return {
      id: s.info.id,
      name: s.info.name,
      category: s.info.category,
      base_url: runner?.baseUrl(s.info.id) ?? s.info.baseUrl,
      concurrency: o?.concurrency ?? s.info.concurrency,
      rate_per_minute: o?.ratePerMinute !== undefined ? o.ratePerMinute : s.info.ratePerMinute,
      timeout_ms: runner?.timeoutMs(s.info.id) ?? o?.timeoutMs ?? null,
      retries: o?.retries ?? null,
      credentials: s.info.credentials.map((c) => ({
        name: c.name,
        optional: c.optional,
        configured: Boolean(creds[c.name]),
      })),
    };
  });
  return Promise.resolve({
    file: settings.file,
    loaded_at: settings.status().loaded_at,
    config: redactSecrets(config) as Record<string, unknown>,
    sources,
  });
};

export const configCategoriesHandler: Handler<'config.categories'> = (_input, ctx) => {
  const config = settingsOf(ctx).config as Record<string, unknown>;
  const categories = configCategories().map((c) => {
    const v = config[c.name];
    const configured =
      v && typeof v === 'object' ? Object.values(v).filter((x) => x !== null && x !== undefined).length : 0;
    return { ...c, configured };
  });
  const byCategory = new Map<string, string[]>();
  for (const s of ctx.sources?.registry.list() ?? []) {
    const list = byCategory.get(s.info.category) ?? [];
    list.push(s.info.id);
    byCategory.set(s.info.category, list);
  }
  return Promise.resolve({
    categories,
    source_categories: [...byCategory].map(([category, sources]) => ({ category, sources })),
  });
};

export const configSchemaHandler: Handler<'config.schema'> = () => Promise.resolve(configJsonSchema());
