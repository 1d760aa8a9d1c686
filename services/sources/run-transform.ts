import type { Fetcher } from './define';
import { SourceError, withWhere } from './errors';
import { MODEL_SCHEMAS, type ModelItem, type ModelName } from './models';
import type { SourceQuery } from './query';
import { queryText } from './query';
import type { RawPayload } from './raw';

/**
 * Run a fetcher's transform and hold its output to the model's schema. Whatever goes wrong comes
 * out as a typed error naming source, model and query; an item that breaks the schema means the
 * parser read something it should not have, so it is LAYOUT_CHANGED, not a stored guess.
 */
export async function runTransform<M extends ModelName>(
  sourceId: string,
  fetcher: Fetcher<M>,
  raw: RawPayload,
  query: SourceQuery,
): Promise<ModelItem<M>[]> {
  const where = { source: sourceId, model: fetcher.model, query: queryText(query) };
  let items: ModelItem<M>[];
  try {
    items = await fetcher.transform(raw, query);
    if (items.length === 0 && !fetcher.emptyIsValid) {
      throw new SourceError('EMPTY_DATA', 'the answer holds no data');
    }
    const schema = MODEL_SCHEMAS[fetcher.model];
    for (let i = 0; i < items.length; i++) {
      const r = schema.safeParse(items[i]);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new SourceError(
          'LAYOUT_CHANGED',
          `item ${i} does not fit the ${fetcher.model} model: ${issue?.path.join('.')}: ${issue?.message}`,
        );
      }
    }
  } catch (error) {
    throw withWhere(error, where);
  }
  return items;
}
