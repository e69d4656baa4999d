import { join } from 'node:path';
import { runPrebuiltWorkers } from '../../electron/core/workers/start';
import { TEST_BUNDLES } from './cli-bins';

// Vitest setup file (every test file, both projects): the cores the tests make run their worker threads as
// bundled from these sources by the global setup (build-test-cli.ts), not each `.ts` entry through tsx —
// every derivation starts a thread, and through tsx each cost about 0.25 s more CPU.
// test/unit/workers.test.ts still starts one from its .ts entry.
runPrebuiltWorkers(join(TEST_BUNDLES, 'workers'));
