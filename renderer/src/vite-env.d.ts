declare module '*?url' {
  const url: string;
  export default url;
}
declare module '*?inline' {
  const dataUrl: string;
  export default dataUrl;
}
declare module '*.svg' {
  const url: string;
  export default url;
}
/** package.json's version, put in by the build (vite `define`). */
declare const __APP_VERSION__: string;
