import type { MethodName, Output, ParsedInput } from '../../contract';
import type { Ctx } from '../context';

export type Handler<M extends MethodName> = (input: ParsedInput<M>, ctx: Ctx) => Promise<Output<M>>;

/** One handler per method; a missing one is a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> };
