import { AppError, type MethodName, type Output, type Input } from '../../contract';
import { startCore, type Core } from '../../core/app';
import { resolveDataDir } from '../../core/config/paths';

/** Open the core on the data dir, run `fn`, always close. */
export async function withCore<T>(
  dataDirFlag: string | undefined,
  fn: (core: Core) => Promise<T>,
): Promise<T> {
  const core = await startCore({
    dataDir: resolveDataDir(dataDirFlag),
    owner: `b3ai ${process.argv.slice(2, 4).join(' ')}`,
  });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** Call a method through the same dispatch the adapters use; a failure becomes a thrown AppError. */
export async function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await core.call(method, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
  return r.data as Output<M>;
}
