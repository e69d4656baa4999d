/** The renderer's own scheme and origin (electron-free, so tests can import it). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://handover`;
