/**
 * What the installed app carries, with each licence (SPDX ids). The app's own
 * dependencies plus what Electron brings; their licence texts ship in the
 * installers (LICENSE.electron.txt, LICENSES.chromium.html) and node_modules.
 */
export const BUNDLED_COMPONENTS: { name: string; licence: string; use: string }[] = [
  { name: 'Electron', licence: 'MIT', use: 'electron' },
  { name: 'Chromium', licence: 'BSD-3-Clause (LICENSES.chromium.html)', use: 'chromium' },
  { name: 'Node.js', licence: 'MIT', use: 'node' },
  { name: 'React', licence: 'MIT', use: 'react' },
  { name: 'Ant Design', licence: 'MIT', use: 'antd' },
  { name: '@ant-design/icons', licence: 'MIT', use: 'icons' },
  { name: 'i18next, react-i18next', licence: 'MIT', use: 'i18next' },
  { name: 'zustand', licence: 'MIT', use: 'zustand' },
  { name: 'zod', licence: 'MIT', use: 'zod' },
  { name: 'better-sqlite3-multiple-ciphers (SQLite: public domain)', licence: 'MIT', use: 'sqlite' },
  { name: 'libsodium.js (libsodium-wrappers-sumo)', licence: 'ISC', use: 'sodium' },
  { name: 'PapaParse', licence: 'MIT', use: 'papaparse' },
  { name: 'ExcelJS', licence: 'MIT', use: 'exceljs' },
  { name: 'PDF.js (pdfjs-dist)', licence: 'Apache-2.0', use: 'pdfjs' },
  { name: 'pinyin-pro', licence: 'MIT', use: 'pinyin' },
  { name: 'fflate', licence: 'MIT', use: 'fflate' },
];
