// `npm test`: the checks and builds the tests need, as many at once as the machine has cores (they are
// independent: typecheck and lint read the sources, the builds write out/), then vitest. Each step's
// output is printed whole when it ends, with its duration, so a slow or failing step is easy to find.
// Arguments after `npm test --` go to vitest (e.g. `npm test -- --project node`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

// Each tool's own entry file, run with this Node: no shell, the same on every OS.
const node = (script, ...args) => [process.execPath, [script, ...args]];
// The native SQLite module for Node, which `npm ci` builds. CI installs with `--ignore-scripts` (.ci/run) and
// builds it here instead, beside the other steps: its compile of SQLite is one single-threaded C file of about
// 2.5 min, which inside `npm ci` ran while nothing else did. `npm rebuild` runs the package's own install script.
const NATIVE = 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node';
const npm = process.env.npm_execpath ? node(process.env.npm_execpath) : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
const nativeBuild = ['native SQLite module build', npm[0], [...npm[1], 'rebuild', 'better-sqlite3-multiple-ciphers']];
// The longest first, so that the last step to end is a short one.
const STEPS = [
  ...(existsSync(NATIVE) ? [] : [nativeBuild]),
  ['typecheck (web)', ...node('node_modules/typescript/bin/tsc', '-p', 'tsconfig.web.json', '--noEmit')],
  ['typecheck (node)', ...node('node_modules/typescript/bin/tsc', '-p', 'tsconfig.node.json', '--noEmit')],
  ['renderer build', ...node('node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn')],
  ['lint', ...node('node_modules/eslint/bin/eslint.js', '.')],
  ['CLI build', ...node('scripts/build-cli.mjs')],
];

function run(label, command, args, { quiet }) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (error) => (output += `${error.message}\n`)); // not started (e.g. no npm on PATH): 'close' follows
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (quiet) process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} ${label} (${seconds} s)\n${output}`);
      resolve({ label, code: code ?? 1, seconds });
    });
  });
}

const queue = [...STEPS];
const results = [];
const lanes = Array.from({ length: Math.max(2, availableParallelism()) }, async () => {
  for (let step = queue.shift(); step; step = queue.shift()) results.push(await run(...step, { quiet: true }));
});
await Promise.all(lanes);
const failed = results.filter((r) => r.code !== 0);
if (failed.length) {
  process.stdout.write(`\nnot running the tests: ${failed.map((r) => r.label).join(', ')} failed\n`);
  process.exit(1);
}
const vitest = await run('tests', ...node('node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)), { quiet: false });
process.exit(vitest.code ?? 1);
