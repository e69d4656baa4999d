import { app } from 'electron';
import { runCli } from '../cli/index';
import { EXIT, processIo } from '../cli/io';

/**
 * `Handover Vault --cli <command> …`: the `handover` CLI inside the installed app,
 * so buyers and auditors need no Node and RunAsNode can stay off. No window, no
 * single-instance lock (the app may be open beside it), no Dock icon; the exit
 * code is the CLI's. On Windows, Electron attaches to the console it was started
 * from, and the handover.cmd launcher beside the exe waits for it.
 */
export function runCliMode(args: string[]): void {
  app.dock?.hide();
  const io = processIo();
  // app.exit ends at once: let pending output (asynchronous on some terminals and pipes) drain first.
  const exit = (code: number) => process.stdout.write('', () => process.stderr.write('', () => app.exit(code)));
  runCli(args, io).then(exit, (err: unknown) => {
    process.stderr.write(`handover: ${(err as Error).message}\n`);
    exit(EXIT.failed);
  });
}
