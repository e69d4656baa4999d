import type { ParseArgsConfig } from 'node:util';
import type { Language } from '../../shared/contract';
import type { CliIo } from './io';

type ParseArgsOption = NonNullable<ParseArgsConfig['options']>[string];

/** What an option means, in each language the CLI speaks (HANDOVER_LANG / LANG, io.ts). */
export type Description = Readonly<Record<Language, string>>;

/** Declares a description: English first, then zh-CN (GLOSSARY.md's words). */
export const meaning = (en: string, zh: string): Description => ({ en, 'zh-CN': zh });

/** A parseArgs option with the sentence `--help` prints beside it (required: no bare `--contact VALUE`). */
export type OptionSpec = ParseArgsOption & { description: Description };
export type Options = Record<string, OptionSpec>;
export type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface CommandResult {
  /** What a person reads. */
  human: string;
  /** What `--json` prints. */
  json: unknown;
  exitCode?: number;
}

export interface Command {
  path: string[];
  /** One line: what the command does (the group and top-level help list it). */
  summary: Description;
  /** The command line's syntax: words and placeholders a shell takes, the same in both languages. */
  usage: string;
  options: Options;
  /** Extra lines for --help: environment variables, examples. */
  notes?: Description[];
  run(io: CliIo, values: Values, positionals: string[]): Promise<CommandResult>;
}

/** Options every command takes. */
export const COMMON_OPTIONS: Options = {
  vault: {
    type: 'string',
    description: meaning("the vault folder DIR (or HANDOVER_VAULT; default: the app's own vault)", '保险库文件夹（或 HANDOVER_VAULT；默认：应用自己的保险库）'),
  },
  user: { type: 'string', description: meaning('who you are: your user NAME (or HANDOVER_USER)', '你的用户名（或 HANDOVER_USER）') },
  json: { type: 'boolean', default: false, description: meaning('machine-readable output on stdout', '在标准输出打印机器可读的 JSON') },
  help: { type: 'boolean', short: 'h', default: false, description: meaning('this help', '显示本帮助') },
};

/** parseArgs' own view of the options (it knows nothing of descriptions). */
export function parseArgsOptions(options: Options): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(Object.entries(options).map(([name, { description: _description, ...spec }]) => [name, spec]));
}

/** `--name VALUE   what it means`, one line per option, in the CLI's language. */
export function optionHelp(options: Options, language: Language): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ' VALUE' : ''}${o.multiple ? '…' : ''}`;
    return [flag, o.description[language]] as const;
  });
  const width = Math.max(0, ...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`);
}
