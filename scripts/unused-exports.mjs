#!/usr/bin/env node
/**
 * Lists exports of electron/, shared/ and renderer/ that no other file names (issue 18: "no dead exports").
 * A word search, not a type analysis: a name mentioned anywhere else counts as used, so it errs towards
 * silence. `dead` = not used in its own file either (delete it); with --all, also `file-only` (the export
 * keyword can go) and `tests-only` (kept for tests).
 *
 *   node scripts/unused-exports.mjs [--all]      # exit 1 when something is dead
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'out', 'dist', 'release']);
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    SKIP.has(e.name) || e.name.startsWith('.') ? [] : e.isDirectory() ? walk(join(dir, e.name)) : /\.(ts|tsx|mjs|cjs|js)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
const files = ['electron', 'shared', 'renderer', 'test', 'scripts', 'bin'].flatMap((d) => {
  try {
    return walk(join(ROOT, d));
  } catch {
    return [];
  }
});
const texts = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
const all = process.argv.includes('--all');
let dead = 0;
for (const [file, text] of texts) {
  const rel = relative(ROOT, file);
  if (!/^(electron|shared|renderer)\//.test(rel)) continue;
  for (const m of text.matchAll(/^export (?:declare )?(?:async )?(?:const|let|function\*?|class|type|interface|enum|abstract class) (\w+)/gm)) {
    const word = new RegExp(`\\b${m[1]}\\b`);
    const users = [...texts].filter(([other, t]) => other !== file && word.test(t)).map(([other]) => relative(ROOT, other));
    const inFile = text.match(new RegExp(`\\b${m[1]}\\b`, 'g')).length - 1;
    if (!users.length && !inFile) {
      dead++;
      console.log(`dead        ${rel}: ${m[1]}`);
    } else if (all && !users.length) console.log(`file-only   ${rel}: ${m[1]}`);
    else if (all && users.every((u) => u.startsWith('test/'))) console.log(`tests-only  ${rel}: ${m[1]}`);
  }
}
process.exit(dead ? 1 : 0);
