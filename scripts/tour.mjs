// `npm run tour`: the screenshot tour of every page (test/e2e/tour.test.ts) at 1366, 1024 and 600 px in both
// languages, after a fresh renderer build. Screenshots and the findings list (tour-problems.txt) land in
// test-results/screenshots/. Not part of `npm test`: its checks are heuristics for a reviewer and it takes minutes;
// the deterministic part (sideways scroll, titles under the toolbar) runs in `npm test` as test/e2e/layout.test.ts.
import { spawnSync } from 'node:child_process';

const node = (script, ...args) => spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', env: { ...process.env, HANDOVER_TOUR: '1' } }).status ?? 1;
const built = node('node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn');
process.exit(built !== 0 ? built : node('node_modules/vitest/vitest.mjs', 'run', 'test/e2e/tour.test.ts', ...process.argv.slice(2)));
