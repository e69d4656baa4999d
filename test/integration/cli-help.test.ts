import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../shared/contract';
import { COMMON_OPTIONS } from '../../electron/cli/command';
import { COMMANDS, runCli } from '../../electron/cli/index';
import type { CliIo } from '../../electron/cli/io';
import { tempDir } from '../helpers/temp';

const BIN = join(__dirname, '../../bin/handover.js');

/** `handover <command> --help` through the CLI's own entry, in one language; what it printed. */
async function help(path: string[], language: Language, flag: string[] = ['--help']): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = { write: (chunk: string) => ((out += chunk), true) } as unknown as NodeJS.WriteStream;
  const io: CliIo = { env: {}, stdin: process.stdin, stdout: sink, stderr: sink, language };
  const code = await runCli([...path, ...flag], io);
  return { code, out };
}

const HAN = /[\u4e00-\u9fff]/;
/** English words a Chinese help text must not show: the help's own titles and the commands' English summaries. */
const ENGLISH_TITLES = /\b(Usage|Options|Commands|Exit codes|Passphrases|Run "handover)\b/;

/** The option lines of a help text: flag and what follows it. */
function optionLines(text: string): Map<string, string> {
  const lines = new Map<string, string>();
  for (const m of text.matchAll(/^ {2}(?:-\w, )?--([\w-]+)(?: VALUE)?…?(.*)$/gm)) lines.set(m[1]!, m[2]!.trim());
  return lines;
}

describe('every CLI option says what it means', () => {
  it('each command\'s --help describes every one of its options, in English and in Chinese', async () => {
    const bare: string[] = [];
    for (const command of COMMANDS) {
      for (const language of ['en', 'zh-CN'] as const) {
        const { code, out } = await help(command.path, language);
        expect(code, command.path.join(' ')).toBe(0);
        const lines = optionLines(out);
        for (const name of [...Object.keys(command.options), ...Object.keys(COMMON_OPTIONS)]) {
          const text = lines.get(name);
          if (!text || text.length < 4) bare.push(`${command.path.join(' ')} --${name} (${language})`);
          else if (language === 'zh-CN') expect(text, `${command.path.join(' ')} --${name}`).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
    expect(bare).toEqual([]);
    expect(COMMANDS.reduce((n, c) => n + Object.keys(c.options).length, 0)).toBeGreaterThan(80);
  });

  it('in Chinese the top-level help, each group\'s and each command\'s help read in Chinese: 用法：, 命令：, every summary and note', async () => {
    const groups = [...new Set(COMMANDS.map((c) => c.path[0]!))];
    const top = await help([], 'zh-CN');
    expect(top.out).toMatch(/^用法：handover <命令> \[选项\]$/m);
    expect(top.out).toContain('命令：');
    expect(top.out).toContain('退出码：0 成功');
    for (const [path, text] of [[['(top)'], top.out] as const, ...(await Promise.all(groups.map(async (g) => [[g], (await help([g], 'zh-CN')).out] as const)))]) {
      expect(text, path.join(' ')).not.toMatch(ENGLISH_TITLES);
      // Every command line of a listing: the command's words, then its summary in Chinese, never the English one.
      for (const c of COMMANDS.filter((x) => path[0] === '(top)' || x.path[0] === path[0])) {
        const line = text.split('\n').find((l) => l.trimStart().startsWith(`${c.path.join(' ')} `));
        expect(line, `${path.join(' ')}: ${c.path.join(' ')}`).toMatch(HAN);
        expect(line).not.toContain(c.summary.en);
      }
    }
    for (const c of COMMANDS) {
      const { out } = await help(c.path, 'zh-CN');
      expect(out, c.path.join(' ')).toMatch(/^用法：handover /);
      expect(out).toContain('选项：');
      expect(out).not.toMatch(ENGLISH_TITLES);
      expect(out).toContain(c.summary['zh-CN']);
      for (const note of c.notes ?? []) if (note.en !== note['zh-CN']) expect(out).not.toContain(note.en);
    }
    // A mistake in the arguments is said in Chinese too, naming the option (exit 2, then the command's help).
    const mistake = await help(['vault', 'init'], 'zh-CN', ['--passphrase', 'x']);
    expect(mistake.code).toBe(2);
    expect(mistake.out).toMatch(/^handover: 没有选项 --passphrase：可用的选项见下$/m);
    expect((await help(['vault', 'backup'], 'zh-CN', ['--out'])).out).toMatch(/^handover: 选项 --out 的值有误/m);
    // English stays as it was.
    expect((await help([], 'en')).out).toMatch(/^Usage: handover <command> \[options\]$/m);
    expect((await help(['user', 'list'], 'en')).out).toContain('Usage: handover user list --user ADMIN\n\nlist users, their roles and last unlock (admin)\n\nOptions:');
  });

  it('the built handover binary prints them in the language of HANDOVER_LANG', () => {
    const run = (lang: string) =>
      spawnSync(process.execPath, [BIN, 'handover', 'set', '--help'], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), HANDOVER_LANG: lang }, encoding: 'utf8' });
    const en = run('en');
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/--contact VALUE +the buyer's contact person/);
    expect(en.stdout).toMatch(/--seller-contact VALUE +who clients call to object/);
    const zh = run('zh_CN.UTF-8');
    expect(zh.stdout).toMatch(/--contact VALUE +买方联系人/);
    expect(zh.stdout).toMatch(/--seller-contact VALUE +异议受理联系人及电话/);
    expect(zh.stdout).toContain('选项：');
  });
});
