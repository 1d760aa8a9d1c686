import type { z } from 'zod';

export type HttpVerb = 'GET' | 'POST' | 'DELETE';

export interface HttpRoute {
  readonly method: HttpVerb;
  /** Path with `{param}` placeholders filled from the input's fields of the same name. */
  readonly path: string;
}

export interface MethodDef<
  N extends string = string,
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
> {
  readonly name: N;
  readonly summary: string;
  readonly http: HttpRoute;
  readonly input: I;
  readonly output: O;
}

/** Declare an API method once: name, schemas and REST route. Every adapter is generated from these. */
export function defineMethod<N extends string, I extends z.ZodType, O extends z.ZodType>(
  def: MethodDef<N, I, O>,
): MethodDef<N, I, O> {
  return def;
}

export interface EventDef<N extends string = string, P extends z.ZodType = z.ZodType> {
  readonly name: N;
  readonly payload: P;
}

export function defineEvent<N extends string, P extends z.ZodType>(def: EventDef<N, P>): EventDef<N, P> {
  return def;
}
