import { z } from 'zod';
import { ApiError, methods, pathParamNames, type MethodDef } from '../contract';

const schema = (s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> =>
  z.toJSONSchema(s, { io, unrepresentable: 'any' });

/** `POST /api/uploads`: the one route that is not a method (its body is a file, not JSON). */
const UPLOAD_OPERATION = {
  operationId: 'uploads.create',
  summary:
    'Upload a file (the raw body, streamed to the data dir, capped by imports.maxUploadBytes); hand the upload_id to import.cotahist or sources.ingest within an hour.',
  security: [{ bearer: [] }],
  parameters: [{ name: 'name', in: 'query', required: true, schema: { type: 'string', maxLength: 200 } }],
  requestBody: {
    required: true,
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  },
  responses: {
    '200': {
      description: 'OK',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              upload_id: { type: 'string' },
              name: { type: 'string' },
              bytes: { type: 'integer' },
            },
          },
        },
      },
    },
  },
};

/** `POST /api/session/link`: a one-time sign-in link for a browser (token only, not a session). */
const SESSION_LINK_OPERATION = {
  operationId: 'session.link',
  summary:
    'A one-time link (/?auth=<code>, valid 10 minutes, once) that signs a browser in with an HttpOnly, SameSite=Strict cookie; needs the bearer token.',
  security: [{ bearer: [] }],
  responses: {
    '200': {
      description: 'OK',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { url: { type: 'string' }, expires_at: { type: 'string', format: 'date-time' } },
          },
        },
      },
    },
  },
};

/** The OpenAPI 3.1 document, generated from the same method table as the routes. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of Object.values(methods) as MethodDef[]) {
    const input = schema(def.input, 'input');
    const props = (input.properties ?? {}) as Record<string, unknown>;
    const params = pathParamNames(def.http.path);
    const op: Record<string, unknown> = {
      operationId: def.name,
      summary: def.summary,
      ...(def.http.path.startsWith('/api/') ? { security: [{ bearer: [] }] } : {}),
      parameters: [
        ...params.map((name) => ({
          name,
          in: 'path',
          required: true,
          schema: props[name] ?? { type: 'string' },
        })),
        ...(def.http.method === 'GET'
          ? Object.entries(props)
              .filter(([name]) => !params.includes(name))
              .map(([name, s]) => ({ name, in: 'query', schema: s }))
          : []),
      ],
      ...(def.http.method === 'POST'
        ? { requestBody: { required: true, content: { 'application/json': { schema: input } } } }
        : {}),
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: schema(def.output, 'output') } },
        },
        default: {
          description: 'Error',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { ok: { const: false }, error: schema(ApiError, 'output') },
              },
            },
          },
        },
      },
    };
    paths[def.http.path] = { ...paths[def.http.path], [def.http.method.toLowerCase()]: op };
  }
  paths['/api/uploads'] = { post: UPLOAD_OPERATION };
  paths['/api/session/link'] = { post: SESSION_LINK_OPERATION };
  return {
    openapi: '3.1.0',
    info: { title: 'B3 AI Analysis API', version },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

/** A dependency-free page listing the API from the OpenAPI document. */
export function docsPage(doc: Record<string, unknown>): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const rows = Object.entries(
    doc.paths as Record<string, Record<string, { operationId: string; summary: string }>>,
  )
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([verb, op]) =>
          `<tr><td><code>${verb.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.operationId)}</td><td>${esc(op.summary)}</td></tr>`,
      ),
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>B3 AI Analysis API</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;color:#1b2430}td,th{padding:.4rem .8rem;border-bottom:1px solid #dde;text-align:left}</style></head>
<body><h1>B3 AI Analysis API</h1><p>Everything under <code>/api/</code> needs <code>Authorization: Bearer &lt;token&gt;</code> (the token is in <code>&lt;data-dir&gt;/api-token</code>). Machine-readable: <a href="/openapi.json">/openapi.json</a>; the same as ReDoc: <a href="/redoc">/redoc</a>. Events: <code>GET /api/events</code> (Server-Sent Events).</p>
<table><tr><th>verb</th><th>path</th><th>method</th><th>what it does</th></tr>${rows}</table></body></html>`;
}
