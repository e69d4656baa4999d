import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_TEXT } from '../../electron/core/handovers/report';
import { ABOUT } from '../../renderer/src/i18n/about';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';
import { AUDIT_ACTIONS } from '../../shared/audit/actions';
import { ROLE_LABELS, VOCABULARIES, labelsIn } from '../../shared/i18n/domain-labels';
import { auditDetailsText } from '../../shared/i18n/audit-details';
import { BUILTIN_ROLES } from '../../shared/contract';
import { readdirSync } from 'node:fs';
import { ERROR_MESSAGES } from '../../shared/i18n/errors';
import { CHECK_TITLES } from '../../shared/i18n/handover';
import { FIELD_LABELS, PROBLEM_MESSAGES } from '../../shared/i18n/problems';

/**
 * The dictionaries (issue 18): both languages have the same entries with the same placeholders, every
 * value of every domain vocabulary has a word in both, and the files hold one entry per line.
 */
function leaves(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  return out;
}

const ROOT = join(__dirname, '..', '..');

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const PAIRS: [string, unknown, unknown][] = [
  ['renderer catalog', en, zhCN],
  ['about', ABOUT.en, ABOUT['zh-CN']],
  ['errors', ERROR_MESSAGES.en, ERROR_MESSAGES['zh-CN']],
  ['problems', PROBLEM_MESSAGES.en, PROBLEM_MESSAGES['zh-CN']],
  ['field labels', FIELD_LABELS.en, FIELD_LABELS['zh-CN']],
  ['legal checklist', CHECK_TITLES.en, CHECK_TITLES['zh-CN']],
  ['handover report', REPORT_TEXT.en, REPORT_TEXT['zh-CN']],
];

describe('dictionaries', () => {
  it.each(PAIRS)('%s: English and Chinese have the same entries with the same placeholders', (_, english, chinese) => {
    const a = leaves(english);
    const b = leaves(chinese);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect(a.size).toBeGreaterThan(0);
    for (const [key, text] of a) {
      expect(placeholders(b.get(key) ?? ''), key).toEqual(placeholders(text));
      if (text.trim()) expect(b.get(key)?.trim(), `${key} in Chinese is empty`).not.toBe('');
    }
  });

  it('every value of every domain vocabulary has a word in both languages, shown on screen as declared', () => {
    expect(Object.keys(VOCABULARIES).length).toBeGreaterThanOrEqual(15);
    for (const [name, [values, labels]] of Object.entries(VOCABULARIES)) {
      expect(Object.keys(labels).sort(), name).toEqual([...values].sort());
      for (const value of values) {
        const label = (labels as Record<string, { en: string; 'zh-CN': string }>)[value]!;
        expect(label.en.trim(), `${name}.${value}`).not.toBe('');
        expect(label['zh-CN'], `${name}.${value} in Chinese`).toMatch(/\p{Script=Han}/u);
      }
    }
    // The screens take these words, not a copy of them.
    expect(zhCN.handover.depts).toEqual(labelsIn(VOCABULARIES.department[1], 'zh-CN'));
    expect(en.compensation.methods).toEqual(labelsIn(VOCABULARIES.compensationMethod[1], 'en'));
    expect(zhCN.dataroom.reasons).toEqual(labelsIn(VOCABULARIES.dataroomEndReason[1], 'zh-CN'));
  });

  it('the built-in roles are worded once: the users page, the audit details and the CLI say 数据室审阅人 / Data-room reviewer alike', () => {
    expect(en.roles).toEqual(labelsIn(ROLE_LABELS, 'en'));
    expect(zhCN.roles).toEqual(labelsIn(ROLE_LABELS, 'zh-CN'));
    expect(en.roles.data_room_guest).toBe('Data-room reviewer');
    expect(auditDetailsText('en', { role: 'data_room_guest' })).toBe('role: Data-room reviewer');
    expect(auditDetailsText('zh-CN', { role: 'compliance' })).toBe('角色：合规专员');
    // No catalog keeps its own copy: a role id as an entry key appears only in domain-labels.ts.
    const catalogs = [...readdirSync(join(ROOT, 'renderer/src/i18n')).map((f) => `renderer/src/i18n/${f}`), ...readdirSync(join(ROOT, 'shared/i18n')).map((f) => `shared/i18n/${f}`)]
      .filter((f) => f.endsWith('.ts') && !f.endsWith('domain-labels.ts'));
    for (const file of catalogs) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const role of BUILTIN_ROLES.filter((r) => r.includes('_'))) expect(text, `${file} declares ${role}`).not.toMatch(new RegExp(`^\\s+${role}:`, 'm'));
      for (const word of Object.values(ROLE_LABELS).flatMap((l) => [l.en, l['zh-CN']]).filter((w) => w.length > 3)) {
        expect(text, `${file} spells the role "${word}" itself`).not.toMatch(new RegExp(`^\\s+\\w+: '${word}',$`, 'm'));
      }
    }
  });

  it('the screens show every audit action in the words its declaration gives', () => {
    for (const [id, text] of Object.entries(AUDIT_ACTIONS)) {
      expect((en.actions as Record<string, string>)[id]).toBe(text.en);
      expect((zhCN.actions as Record<string, string>)[id]).toBe(text['zh-CN']);
    }
  });

  it('the dictionary files hold one entry per line', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/one-entry-per-line.mjs'), '--check'], { encoding: 'utf8' });
    expect(run.stdout, 'run `node scripts/one-entry-per-line.mjs`').toBe('');
    expect(run.status).toBe(0);
    for (const file of ['shared/audit/actions.ts', 'shared/i18n/domain-labels.ts']) {
      const entries = readFileSync(join(ROOT, file), 'utf8').split('\n').filter((l) => /\ben: /.test(l));
      expect(entries.length, file).toBeGreaterThan(20);
      for (const line of entries) expect(line, file).toMatch(/^ {2}(?:[\w-]+|'[^']+'): \{ en: '[^']*', 'zh-CN': '[^']*' \},$/);
    }
  });
});
