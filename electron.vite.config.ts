import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// main, preload and renderer for the app (`npm start`). The preload runs
// sandboxed, so it is one CommonJS file with nothing external but 'electron'.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
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
    assetsInclude: ['**/*.bcmap'],
    build: {
      assetsInlineLimit: 100_000,
      outDir: resolve(__dirname, 'out/renderer'),
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
