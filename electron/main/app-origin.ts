/** The renderer's own scheme and origin (electron-free, so tests can import it). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://handover`;

/** Content types of the built renderer's files (the app's protocol handler and the e2e harness serve the same files). */
export const RENDERER_CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};
