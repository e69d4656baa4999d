import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io';

export type Options = NonNullable<ParseArgsConfig['options']>;
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
  summary: string;
  usage: string;
  options: Options;
  /** Extra lines for --help: environment variables, examples. */
  notes?: string[];
  run(io: CliIo, values: Values, positionals: string[]): Promise<CommandResult>;
}

/** Options every command takes. */
export const COMMON_OPTIONS: Options = {
  vault: { type: 'string' },
  user: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

export const COMMON_HELP = [
  '  --vault DIR     the vault folder (or HANDOVER_VAULT; default: the app\'s own vault)',
  '  --user NAME     who you are (or HANDOVER_USER)',
  '  --json          machine-readable output on stdout',
  '  -h, --help      this help',
];
