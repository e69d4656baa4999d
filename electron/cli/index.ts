import { parseArgs } from 'node:util';
import { AppError, systemAppError, type AppErrorData, type ErrorCode } from '../../shared/errors';
import { formatError } from '../../shared/i18n/errors';
import { COMMON_OPTIONS, optionHelp, parseArgsOptions, type Command } from './command';
import { accessCommands } from './commands/access';
import { clientCommands } from './commands/clients';
import { clientBulkCommands } from './commands/clients-bulk';
import { docCommands } from './commands/docs';
import { handoverCommands } from './commands/handover';
import { compensationCommands } from './commands/compensation';
import { dataroomCommands } from './commands/dataroom';
import { packageCommands } from './commands/package';
import { userCommands } from './commands/users';
import { vaultCommands } from './commands/vault';
import type { Language } from '../../shared/contract';
import { EXIT, processIo, UsageError, type CliIo } from './io';
import { say, terminalSafe } from './text';

export const COMMANDS: Command[] = [...vaultCommands, ...userCommands, ...clientCommands, ...clientBulkCommands, ...docCommands, ...accessCommands, ...packageCommands, ...handoverCommands, ...compensationCommands, ...dataroomCommands];

const EXIT_BY_CODE: Partial<Record<ErrorCode, number>> = {
  BAD_CREDENTIALS: EXIT.auth,
  BAD_RECOVERY_KEY: EXIT.auth,
  TOO_MANY_ATTEMPTS: EXIT.auth,
  USER_DISABLED: EXIT.auth,
  FORBIDDEN: EXIT.forbidden,
  OUT_OF_SCOPE: EXIT.forbidden,
  VAULT_CORRUPT: EXIT.integrity,
  SLOT_TAMPERED: EXIT.integrity,
  BACKUP_CORRUPT: EXIT.integrity,
  KDF_TOO_WEAK: EXIT.integrity,
  AUDIT_EXPORT_INVALID: EXIT.integrity,
  // A package refused on import failed the same checks `package verify` answers with 5.
  PACKAGE_REFUSED: EXIT.integrity,
  SENDER_NOT_VERIFIED: EXIT.integrity,
  RECEIPT_WRONG_SIGNER: EXIT.integrity,
};

/** Refusals arrive from the router as AppErrors; anything else is reported without its text (it may hold paths or data). */
function toErrorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  return systemAppError(err)?.toData() ?? { code: 'INTERNAL', message: 'An internal error occurred' };
}

const commandLine = (c: Command, language: Language) => `  ${c.path.join(' ').padEnd(26)} ${c.summary[language]}`;

function mainHelp(language: Language): string {
  const groups = [...new Set(COMMANDS.map((c) => c.path[0]!))];
  const lines = [say(language, 'help.title'), '', say(language, 'help.usage', { usage: say(language, 'help.mainUsage') }), '', say(language, 'help.commands')];
  for (const g of groups) {
    for (const c of COMMANDS.filter((x) => x.path[0] === g)) lines.push(commandLine(c, language));
  }
  lines.push('', say(language, 'help.commonOptions'), ...optionHelp(COMMON_OPTIONS, language), '');
  lines.push(say(language, 'help.passphrases'), say(language, 'help.exitCodes'), say(language, 'help.more'));
  return lines.join('\n');
}

function groupHelp(group: string, language: Language): string {
  const cmds = COMMANDS.filter((c) => c.path[0] === group);
  return [say(language, 'help.usage', { usage: say(language, 'help.groupUsage', { group }) }), '', ...cmds.map((c) => commandLine(c, language))].join('\n');
}

/** A command's help: every option with what it means (test/integration/cli-help.test.ts walks them all). */
export function commandHelp(c: Command, language: Language): string {
  const options = optionHelp({ ...c.options, ...COMMON_OPTIONS }, language);
  const notes = c.notes ? ['', ...c.notes.map((n) => n[language])] : [];
  return [say(language, 'help.usage', { usage: c.usage }), '', c.summary[language], '', say(language, 'help.options'), ...options, ...notes].join('\n');
}

function findCommand(argv: string[]): { command?: Command; rest: string[]; group?: string } {
  const words = argv.slice(0, 3);
  const command = COMMANDS.find((c) => c.path.every((p, i) => words[i] === p));
  if (command) return { command, rest: argv.slice(command.path.length) };
  const group = COMMANDS.some((c) => c.path[0] === argv[0]) ? argv[0] : undefined;
  return group ? { group, rest: argv.slice(1) } : { rest: argv };
}

/** node:util parseArgs' refusal in the CLI's words: it names the option it could not take (its own text is English only). */
function argumentMistake(language: Language, err: unknown): string {
  const { code, message } = err as { code?: string; message: string };
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return say(language, 'help.unknownOption', { option });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return say(language, 'help.badOptionValue', { option });
  return say(language, 'help.badArguments', { reason: message });
}

/** Runs one CLI invocation; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { command, rest, group } = findCommand(argv);
  const wantsJson = argv.includes('--json');
  if (!command) {
    const help = group ? groupHelp(group, io.language) : mainHelp(io.language);
    const asked = argv.length === 0 || argv.includes('--help') || argv.includes('-h') || (group && rest.length === 0);
    if (asked) {
      io.stdout.write(`${help}\n`);
      return argv.length === 0 ? EXIT.usage : EXIT.ok;
    }
    io.stderr.write(`handover: ${say(io.language, 'help.unknown', { command: argv.join(' ') })}\n\n${help}\n`);
    return EXIT.usage;
  }
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: parseArgsOptions({ ...COMMON_OPTIONS, ...command.options }),
      allowPositionals: true,
      strict: true,
    }));
  } catch (err) {
    io.stderr.write(`handover: ${argumentMistake(io.language, err)}\n\n${commandHelp(command, io.language)}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout.write(`${commandHelp(command, io.language)}\n`);
    return EXIT.ok;
  }
  try {
    const result = await command.run(io, values as never, positionals);
    io.stdout.write(wantsJson ? `${JSON.stringify({ ok: true, value: result.json })}\n` : `${terminalSafe(result.human)}\n`);
    return result.exitCode ?? EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) {
      const message = err.in(io.language);
      io.stderr.write(`handover: ${message}\n`);
      if (wantsJson) io.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'USAGE', message } })}\n`);
      return EXIT.usage;
    }
    const data = toErrorData(err);
    const message = err instanceof AppError ? formatError(io.language, data.code, data.details) : formatError(io.language, 'INTERNAL');
    io.stderr.write(`handover: ${terminalSafe(message)} [${data.code}]\n`);
    if (wantsJson) io.stdout.write(`${JSON.stringify({ ok: false, error: { ...data, message } })}\n`);
    return EXIT_BY_CODE[data.code] ?? EXIT.failed;
  }
}

/** The process's entry: `io` is this process's terminal, except in the tests' own build (CliIo.testCore). */
export function main(io: CliIo = processIo()): void {
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`handover: ${(err as Error).message}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
