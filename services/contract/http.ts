import type { HttpVerb, MethodDef } from './define';

/** Names of the `{param}` placeholders of a route path. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
}

/** A query or path value as text: scalars as themselves, anything else as JSON. */
function asText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : JSON.stringify(v);
}

export interface HttpRequestSpec {
  method: HttpVerb;
  /** Path with params filled in and, for GET/DELETE, the query string. */
  url: string;
  /** JSON body for POST. */
  body?: string;
}

/** How a client sends `input` to a method over HTTP: the inverse of `inputFromHttp`. */
export function toHttpRequest(def: MethodDef, input: unknown): HttpRequestSpec {
  const fields: Record<string, unknown> = { ...(input && typeof input === 'object' ? input : {}) };
  let url = def.http.path;
  for (const name of pathParamNames(def.http.path)) {
    url = url.replace(`{${name}}`, encodeURIComponent(asText(fields[name])));
    delete fields[name];
  }
  if (def.http.method === 'POST') return { method: 'POST', url, body: JSON.stringify(fields) };
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined && v !== null) query.set(k, asText(v));
  }
  const qs = query.toString();
  return { method: def.http.method, url: qs ? `${url}?${qs}` : url };
}

/** A compiled matcher for a route path: returns the decoded path params, or null. Throws URIError on a broken %-escape. */
export function compileRoute(path: string): (pathname: string) => Record<string, string> | null {
  const names = pathParamNames(path);
  const source = path
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('([^/]+)');
  const re = new RegExp(`^${source}$`);
  return (pathname) => {
    const m = re.exec(pathname);
    if (!m) return null;
    const params: Record<string, string> = {};
    names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1] ?? '');
    });
    return params;
  };
}

/** The raw input of a method from an HTTP request's parts (validated afterwards by dispatch). */
export function inputFromHttp(
  def: MethodDef,
  params: Record<string, string>,
  query: URLSearchParams,
  body: unknown,
): unknown {
  if (def.http.method === 'POST') {
    const obj = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
    return { ...obj, ...params };
  }
  return { ...Object.fromEntries(query), ...params };
}
