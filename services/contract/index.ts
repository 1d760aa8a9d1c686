import type { z } from 'zod';
import { healthMethods } from './methods/health';
import { importMethods } from './methods/import';
import { quotesMethods } from './methods/quotes';
import { tickersMethods } from './methods/tickers';

export * from './define';
export * from './errors';
export * from './events';
export * from './models';
export * from './http';

/** The table every adapter (IPC, HTTP, OpenAPI, client) is generated from. */
export const methods = {
  ...healthMethods,
  ...tickersMethods,
  ...quotesMethods,
  ...importMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type Input<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type Output<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export const methodNames = Object.keys(methods) as MethodName[];
