import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

const { version } = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };

/** The worker threads' entry files (electron/core/workers/start.ts lists the same names). */
const WORKERS = ['hash', 'argon2', 'document-reader', 'audit-scan', 'import-table', 'rewrite-vault', 'package-clients', 'search-index', 'package-sink'];

// main, preload and renderer for the app (`npm start`). The preload runs
// sandboxed, so it is one CommonJS file with nothing external but 'electron'.
// HANDOVER_BUILD_SHELL_ONLY builds main and preload alone (the packaging test, beside an
// out/renderer that build:renderer made).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      // Each worker thread is its own entry, built as out/main/workers/<name>.js (electron/core/workers/start.ts).
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          ...Object.fromEntries(WORKERS.map((name) => [`workers/${name}`, resolve(__dirname, `electron/core/workers/${name}.ts`)])),
        },
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: process.env.HANDOVER_BUILD_SHELL_ONLY ? undefined : {
    root: resolve(__dirname, 'renderer'),
    esbuild: { jsx: 'automatic' },
    define: { __APP_VERSION__: JSON.stringify(version) },
    assetsInclude: ['**/*.bcmap'],
    build: {
      assetsInlineLimit: 100_000,
      outDir: resolve(__dirname, 'out/renderer'),
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
