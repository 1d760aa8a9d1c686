// Test fixture: a worker whose `source.fetch` resolves the test-only browser sources.
import { testBrowserRegistry } from '../../browser/test-source';
import { runFetchTask } from '../../sources/fetch-task';
import { runWorker } from '../worker-runtime';

const registry = testBrowserRegistry();

runWorker({
  'source.fetch': (payload, ctx) => runFetchTask(payload, ctx.signal, ctx.jobId, registry),
  pid: () => Promise.resolve(process.pid),
});
