// The production worker entry: forked (headless) or started by Electron's utilityProcess.
import { tasks } from './tasks';
import { runWorker } from './worker-runtime';

runWorker(tasks);
