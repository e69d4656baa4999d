#!/usr/bin/env node
/**
 * Rewrites the translation dictionaries so that each entry sits on its own line (issue 18): engineers
 * adding strings in parallel then touch different lines, and a reviewer reads one sentence per line.
 * Only line breaks and indentation change; every key and string stays byte for byte. A bilingual entry
 * `{ en: '…', 'zh-CN': '…' }` is one entry and stays on its line. Idempotent; run it to settle a
 * merge conflict in a dictionary (take both sides' entries, then run it).
 *
 *   node scripts/one-entry-per-line.mjs            # the dictionaries listed in DICTIONARIES
 *   node scripts/one-entry-per-line.mjs --check    # exit 1 if any would change
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DICTIONARIES = [
  'renderer/src/i18n/en.ts',
  'renderer/src/i18n/zh-CN.ts',
  'renderer/src/i18n/handover-en.ts',
  'renderer/src/i18n/handover-zh.ts',
  'renderer/src/i18n/compensation-en.ts',
  'renderer/src/i18n/compensation-zh.ts',
  'renderer/src/i18n/dataroom-en.ts',
  'renderer/src/i18n/dataroom-zh.ts',
  'renderer/src/i18n/clients-bulk-en.ts',
  'renderer/src/i18n/clients-bulk-zh.ts',
  'renderer/src/i18n/about.ts',
  'renderer/src/i18n/wizard-lists.ts',
  'shared/i18n/errors.ts',
  'shared/i18n/problems.ts',
  'shared/i18n/audit-details.ts',
  'shared/i18n/audit-detail-keys.ts',
  'shared/i18n/handover.ts',
];

/** `{ en: '…', 'zh-CN': '…' }`: one entry in two languages. */
function isBilingualEntry(node) {
  const names = node.properties.map((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : null));
  return names.length === 2 && names.includes('en') && names.includes('zh-CN');
}

const lineOf = (sf, pos) => sf.getLineAndCharacterOfPosition(pos).line;
const indentOf = (text, sf, pos) => /^ */.exec(text.slice(sf.getPositionOfLineAndCharacter(lineOf(sf, pos), 0)))[0];

/** The edits for the outermost object literals that hold more than one entry on a line. */
function edits(text, sf) {
  const out = [];
  const visit = (node) => {
    if (ts.isObjectLiteralExpression(node) && node.properties.length && !isBilingualEntry(node)) {
      const open = node.getStart(sf);
      const base = indentOf(text, sf, open);
      const mine = [];
      let prevEnd = open + 1;
      for (const p of node.properties) {
        const start = p.getStart(sf);
        const gap = text.slice(prevEnd, start);
        if (lineOf(sf, prevEnd) === lineOf(sf, start) && /^\s*$/.test(gap)) mine.push({ from: prevEnd, to: start, insert: `\n${base}  ` });
        const after = text.slice(p.end).match(/^\s*,/);
        prevEnd = after ? p.end + after[0].length : p.end;
      }
      const last = node.properties[node.properties.length - 1];
      const close = node.end - 1;
      if (lineOf(sf, last.end) === lineOf(sf, close)) {
        const hasComma = /^\s*,/.test(text.slice(last.end, close));
        mine.push({ from: prevEnd, to: close, insert: `${hasComma ? '' : ','}\n${base}` });
      }
      if (mine.length) {
        out.push(...mine);
        return; // nested objects are placed on the next pass, once this one's indentation is known
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export function oneEntryPerLine(text, name = 'dictionary.ts') {
  for (let pass = 0; pass < 50; pass++) {
    const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const todo = edits(text, sf).sort((a, b) => b.from - a.from);
    if (!todo.length) return text;
    for (const e of todo) text = text.slice(0, e.from) + e.insert + text.slice(e.to);
  }
  throw new Error(`${name}: did not settle`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let changed = 0;
  for (const rel of DICTIONARIES) {
    const path = join(ROOT, rel);
    const before = readFileSync(path, 'utf8');
    const after = oneEntryPerLine(before, rel);
    if (after === before) continue;
    changed++;
    if (check) console.log(`${rel}: more than one entry on a line`);
    else writeFileSync(path, after);
  }
  if (check && changed) process.exit(1);
}
