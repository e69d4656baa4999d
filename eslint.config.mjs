// ESLint flat config. The layering rule (STYLE.md) is enforced with
// no-restricted-imports per folder: imports flow toward shared/, adapters
// (main, cli, tests) import core, core never imports electron or adapters,
// the renderer never imports Node, Electron or core, nobody imports the renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NETWORK = ['http', 'https', 'http2', 'net', 'dns', 'tls', 'dgram', 'node:http', 'node:https', 'node:http2', 'node:net', 'node:dns', 'node:tls', 'node:dgram'];
const NODE_BUILTINS = ['fs', 'path', 'crypto', 'os', 'child_process', 'worker_threads', 'stream', 'util', 'url', 'buffer', 'events', 'readline'];
const net = NETWORK.map((name) => ({ name, message: 'The app never opens a network connection (DESIGN.md promise 3).' }));

const STORES = ['electron/core/**/store.ts', 'electron/core/**/*-store.ts'];
// Stores that still import a service or a domain helper (their domain's move is under way): remove an entry once it passes.
const STORES_NOT_YET_LAYERED = [];
const NO_HANDLERS = { regex: '(^|/)handlers$', message: 'Only core.ts joins the handlers tables: nothing else imports a handlers.ts.' };
const restrictCore = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, allowTypeImports: true, caseSensitive: true })) }] },
});
function coreDirection() {
  return [
    restrictCore(['electron/core/formats/**/*.ts'], [
      NO_HANDLERS,
      { regex: '^\\.\\./(?!\\.\\./)', message: 'formats/ is pure: it imports other formats and shared/, no domain of core.' },
    ]),
    restrictCore(STORES, [
      NO_HANDLERS,
      {
        // A store reads and writes its tables: it may use the database, formats, shared/ and other stores, never a service.
        regex: '^(?!(?:\\.\\./)+shared/)(?!\\.\\./(?:formats|db)/)(?!\\.\\.?/(?:[a-z-]+/)?(?:[a-z-]+-)?store$)\\.\\.?/',
        message: 'A store imports only the database, formats, shared/ and other stores (formats <- stores <- services <- handlers).',
      },
    ], ['electron/core/formats/**', ...STORES_NOT_YET_LAYERED]),
    restrictCore(['electron/core/**/*.ts'], [NO_HANDLERS], ['electron/core/core.ts', 'electron/core/formats/**', ...STORES]),
  ];
}

const layer = (files, paths, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths: [...net, ...paths], patterns }] },
});

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.native/**', 'test-results/**', 'bench-results/**', 'dist/**', 'dist-smoke/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'describe', property: 'only', message: 'A focused test hides the rest of the suite.' },
        { object: 'test', property: 'only', message: 'A focused test hides the rest of the suite.' },
      ],
    },
  },
  layer(['shared/**/*.ts'], [{ name: 'electron', message: 'shared/ is pure TypeScript.' }, { name: 'react', message: 'shared/ is pure TypeScript.' }], [
    { group: ['node:*', ...NODE_BUILTINS], message: 'shared/ is pure TypeScript: no Node imports.' },
    { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from the layers above it.' },
  ]),
  layer(['electron/core/**/*.ts'], [{ name: 'electron', message: "core runs under plain Node: it never imports 'electron'." }], [
    { group: ['**/main/**', '**/cli/**', '**/preload/**', '**/renderer/**', '**/test/**'], message: 'core never imports the adapters or the renderer.' },
  ]),
  // Inside core, the house plan (issue 18): formats <- stores <- services <- handlers. Type-only imports
  // are allowed (they vanish at build time and carry no behaviour). Stores of domains not yet moved
  // into the plan are listed in STORES_NOT_YET_LAYERED: shrink that list, never grow it.
  ...coreDirection(),
  layer(['electron/main/**/*.ts'], [], [
    { group: ['**/renderer/**'], message: 'Nothing imports the renderer.' },
  ]),
  // The CLI is a transport like IPC: it reaches the product only through HandoverCore.handle.
  // It imports from core only core.ts (the door; it also says where the app's vault is and lets the
  // single-file build point the SQLite driver at its native module). The vault-less commands
  // (package verify/open, audit verify) are public channels too.
  layer(['electron/cli/**/*.ts'], [], [
    { group: ['**/renderer/**'], message: 'Nothing imports the renderer.' },
    {
      regex: '/core/(?!core$)',
      message: 'The CLI calls core.handle(channel, input) through its door (cli/door.ts); add a channel to the contract instead of importing a service, store or SQL.',
    },
  ]),
  layer(['electron/preload/**/*.ts'], [{ name: 'zod', message: 'The sandboxed preload stays tiny: channel names only.' }], [
    { group: ['**/core/**', '**/main/**', '**/renderer/**', 'node:*', ...NODE_BUILTINS], message: 'The preload exposes the contract and nothing else.' },
  ]),
  layer(['renderer/src/**/*.{ts,tsx}'], [{ name: 'electron', message: 'The renderer talks only through lib/api.ts.' }], [
    { group: ['node:*', ...NODE_BUILTINS], message: 'The renderer is a web page: no Node.' },
    { group: ['**/electron/**'], message: 'The renderer never imports core, main or preload.' },
  ]),
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
