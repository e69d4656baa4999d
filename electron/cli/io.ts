import { createInterface } from 'node:readline';
import type { Language } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { CoreOptions } from '../core/core';
import type { Description } from './command';
import { say } from './text';

/** Everything the CLI touches of its process, so commands stay plain functions. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  language: Language;
  /**
   * Set only by the tests' own build of the CLI (test/helpers/cli-test-entry.ts, bundled into out/cli-test/
   * by test/helpers/build-test-cli.ts) so its vaults unlock at the test cost. `processIo` never sets it:
   * the shipped `handover` and the app's `--cli` mode cannot take it (test/integration/test-only-kdf.test.ts).
   */
  testCore?: Pick<CoreOptions, 'testOnlyKdf'>;
}

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  auth: 3,
  forbidden: 4,
  integrity: 5,
} as const;

/** A mistake in the command line: said in the CLI's language (a plain string is the same in both). */
export class UsageError extends Error {
  constructor(readonly text: string | Description) {
    super(typeof text === 'string' ? text : text.en);
  }

  in(language: Language): string {
    return typeof this.text === 'string' ? this.text : this.text[language];
  }
}

export function languageFromEnv(env: NodeJS.ProcessEnv): Language {
  const tag = env.HANDOVER_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(tag) ? 'zh-CN' : 'en';
}

/** This process's terminal as the CLI sees it (the `handover` binary and the app's `--cli` mode alike). */
export function processIo(): CliIo {
  return { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, language: languageFromEnv(process.env) };
}

/** Reads a line without echoing it (the terminal shows nothing while typing). */
export function promptHidden(io: CliIo, question: string): Promise<string> {
  if (!io.stdin.isTTY) {
    return Promise.reject(new UsageError({ en: `${question.trim()} needs a terminal; set the environment variable instead`, 'zh-CN': `${question.trim()}需要在终端中输入；请改为设置环境变量` }));
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    let muted = false;
    const writer = rl as unknown as { _writeToOutput: (s: string) => void };
    writer._writeToOutput = (s: string) => {
      if (!muted) io.stderr.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      io.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

export async function secretFrom(io: CliIo, envName: string, question: string): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.stdin.isTTY) throw new UsageError({ en: say('en', 'prompt.needsTerminal', { variable: envName }), 'zh-CN': say('zh-CN', 'prompt.needsTerminal', { variable: envName }) });
  return promptHidden(io, question);
}

/** A new passphrase: from the environment, or typed twice. */
export async function newSecretFrom(io: CliIo, envName: string, question: string): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.stdin.isTTY) throw new UsageError({ en: say('en', 'prompt.needsTerminal', { variable: envName }), 'zh-CN': say('zh-CN', 'prompt.needsTerminal', { variable: envName }) });
  const first = await promptHidden(io, question);
  const again = await promptHidden(io, say(io.language, 'prompt.repeat'));
  if (first !== again) throw new AppError('INVALID_INPUT', 'The two passphrases differ', { field: 'passphrase' });
  return first;
}

/** A one-line progress display on stderr, only when someone is watching a terminal. */
export function progressPrinter(io: CliIo, label: string): (done: number, total: number) => void {
  if (!io.stderr.isTTY) return () => {};
  return (done, total) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    io.stderr.write(`\r${label} ${pct}%${done >= total ? '\n' : ''}`);
  };
}
