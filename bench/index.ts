// `npm run bench`: every benchmark, each printing its own times and ratios. Not part of `npm test`.
import { runAnalysisBench } from './analysis/index';
import { runBrowserBench } from './browser/index';
import { runCotahistBench } from './cotahist/index';
import { runIndicatorsBench } from './indicators/index';
import { runMemoryBench } from './memory/index';
import { runParseBench } from './parse/index';
import { runQueueBench } from './queue/index';
import { runSearchBench } from './search/index';
import { runStartupBench } from './startup/index';

await runStartupBench();
runCotahistBench();
await runQueueBench();
runParseBench();
runIndicatorsBench();
await runAnalysisBench();
await runSearchBench();
await runMemoryBench();
await runBrowserBench();
