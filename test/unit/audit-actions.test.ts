import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, actionText, type AuditAction } from '../../shared/audit/actions';

/**
 * shared/audit/actions.ts declares every action the access log records, with its sentence in both
 * languages. `appendLog` takes that type, so tsc already refuses an undeclared id; this test reads the
 * sources as well, so that an action logged through a cast or a new template is caught, and so that no
 * declared action is dead (declared but never logged).
 */
const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const ID = String.raw`'([a-z]+\.[a-z-]+)'`;
/** Where an action id is written: `action: 'x'`, `action: c ? 'x' : 'y'`, `logHandover(…, 'x'`, the compensation `change(…, 'x')`, `logAmountsViewed(vault, c, 'x', …)` and changeHandover's `log('x', …)`. */
const CONTEXTS = [
  new RegExp(String.raw`\baction: ${ID}`, 'g'),
  new RegExp(String.raw`\baction: [\w.!]+ \? ${ID} : ${ID}`, 'g'),
  new RegExp(String.raw`logHandover\([^;]*?, (?:[\w.=! ]+ \? )?${ID}(?: : ${ID})?, `, 'g'),
  new RegExp(String.raw`\}, ${ID}\);`, 'g'),
  // Inside changeHandover(vault, id, now, (h, log) => { … log('x', …) }): the mutation's own log call.
  new RegExp(String.raw`\blogAmountsViewed\(\w+, \w+, ${ID}, `, 'g'),
  new RegExp(String.raw`\blog\(${ID}, `, 'g'),
  new RegExp(String.raw`\blog\([\w.=! ]+ \? ${ID} : ${ID}, `, 'g'),
];
/** Ids built from a template: each template and the values its variable can take (the function's parameter type). */
const TEMPLATES: Record<string, string[]> = {
  'client.${entry}-remove': ['client.transaction-remove', 'client.communication-remove'],
  'dataroom.${kind}': ['dataroom.search', 'dataroom.view', 'dataroom.document', 'dataroom.page', 'dataroom.refused', 'dataroom.question'],
};

function loggedActions(): { ids: Set<string>; templates: string[] } {
  const ids = new Set<string>();
  const templates: string[] = [];
  for (const file of sources(join(ROOT, 'electron'))) {
    const text = readFileSync(file, 'utf8');
    if (!/appendLog\(|logHandover\(|changeHandover\(/.test(text)) continue;
    for (const re of CONTEXTS) for (const m of text.matchAll(re)) for (const id of m.slice(1)) if (id) ids.add(id);
    for (const m of text.matchAll(/\baction: `([^`]+)`/g)) templates.push(m[1]!);
  }
  return { ids, templates };
}

describe('audit actions: one declaration', () => {
  it('every action has an English and a Chinese sentence', () => {
    for (const [id, text] of Object.entries(AUDIT_ACTIONS)) {
      expect(text.en.trim(), id).not.toBe('');
      expect(text['zh-CN'].trim(), id).not.toBe('');
      expect(text['zh-CN'], `${id} in Chinese`).toMatch(/\p{Script=Han}/u);
      expect(text.en, `${id} in English`).not.toMatch(/\p{Script=Han}/u);
      // GLOSSARY.md: full-width punctuation next to Chinese.
      expect(text['zh-CN'], id).not.toMatch(/[():,;]/);
    }
  });

  it('every action the code logs is declared, and every declared action is logged somewhere', () => {
    const { ids, templates } = loggedActions();
    expect(templates.sort()).toEqual(Object.keys(TEMPLATES).sort());
    const logged = new Set([...ids, ...Object.values(TEMPLATES).flat()]);
    expect(logged.size).toBeGreaterThan(80);
    const declared = new Set(Object.keys(AUDIT_ACTIONS));
    expect([...logged].filter((id) => !declared.has(id)), 'logged but not declared').toEqual([]);
    expect([...declared].filter((id) => !logged.has(id)), 'declared but never logged').toEqual([]);
  });

  it('the log shows a sentence for a known action and the id itself for one this build does not know', () => {
    const id: AuditAction = 'handover.override';
    expect(actionText('zh-CN', id)).toBe('豁免导出前置条件');
    expect(actionText('en', id)).toBe('Gate overridden');
    expect(actionText('en', 'handover.teleport')).toBe('handover.teleport');
    expect(actionText('en', 'toString')).toBe('toString');
  });
});
