import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as { version: string };

// The renderer alone (used by `npm test` and the e2e harness); electron-vite
// builds the same files for the app. No dev server is needed for tests.
export default defineConfig({
  root: resolve(__dirname),
  base: './',
  esbuild: { jsx: 'automatic' },
  // The About dialog's version (electron.vite.config.ts defines the same for the app).
  define: { __APP_VERSION__: JSON.stringify(version) },
  // pdf.js CMaps for PDFs with non-embedded Chinese fonts (notices, reports), inlined.
  assetsInclude: ['**/*.bcmap'],
  build: {
    assetsInlineLimit: 100_000,
    outDir: resolve(__dirname, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    modulePreload: { polyfill: false },
    rollupOptions: {
      // antd marks its modules "use client" (for React Server Components) and zod has comments rollup
      // cannot place; both are harmless in this bundle and would bury real warnings.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
});
