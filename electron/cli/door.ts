import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppEvent, ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { HandoverCore, type Platform } from '../core/core';
import type { CliTextKey } from '../../shared/i18n/cli-text';
import { progressPrinter, type CliIo } from './io';
import { say } from './text';

type ProgressLabel = CliTextKey extends infer K ? (K extends `progress.${infer L}` ? L : never) : never;

type Dialog = keyof Platform;
/** What each dialog would have returned, had a person clicked: the paths given on the command line. */
export type DialogAnswers = Partial<Record<Dialog, string>>;

/**
 * The shell's dialogs, answered from the command line. A command says, with
 * each call, which path the dialog the core opens would have returned; an
 * unanswered dialog is "cancelled". Every PDF (notices, reports, the audit
 * summary) is made by the core itself, so the CLI writes the same ones as the app.
 */
class ArgumentPlatform implements Platform {
  private answers: DialogAnswers = {};

  expect(answers: DialogAnswers): void {
    this.answers = { ...answers };
  }

  private take(dialog: Dialog): Promise<string | null> {
    const answer = this.answers[dialog];
    delete this.answers[dialog];
    return Promise.resolve(answer === undefined ? null : resolve(answer));
  }

  chooseVaultFolder = () => this.take('chooseVaultFolder');
  chooseBackupFile = () => this.take('chooseBackupFile');
  chooseRestoreFolder = () => this.take('chooseRestoreFolder');
  chooseImportFile = () => this.take('chooseImportFile');
  chooseDocumentFile = () => this.take('chooseDocumentFile');
  chooseFolder = () => this.take('chooseFolder');
  choosePackageFile = () => this.take('choosePackageFile');
  chooseKeyFile = () => this.take('chooseKeyFile');
  chooseSaveTarget = () => this.take('chooseSaveTarget');
}

/**
 * The CLI's one way into the product: the same `HandoverCore.handle` the
 * app's IPC calls, so the router's permission, scope and mask checks are the
 * CLI's too. Its app-data folder is private and short-lived: a command never
 * changes which vault the app opens or its language.
 */
export class CliDoor {
  private readonly platform = new ArgumentPlatform();
  private readonly appDataDir = mkdtempSync(join(tmpdir(), 'handover-cli-'));
  private readonly core: HandoverCore;
  private readonly printers = new Map<string, (done: number, total: number) => void>();
  private jobCount = 0;

  constructor(private readonly io: CliIo) {
    this.core = new HandoverCore({
      ...io.testCore,
      appDataDir: this.appDataDir,
      platform: this.platform,
      emit: (event) => this.onEvent(event),
      systemLanguage: io.language,
      transport: 'cli',
    });
  }

  /** One call through the router; a refusal becomes the AppError the CLI prints and maps to an exit code. */
  async call<C extends ChannelName>(channel: C, input: ChannelInput<C>, answers: DialogAnswers = {}): Promise<ChannelOutput<C>> {
    this.platform.expect(answers);
    try {
      const result = await this.core.handle(channel, input);
      if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.details);
      return result.value as ChannelOutput<C>;
    } finally {
      this.platform.expect({});
    }
  }

  /** A job id whose progress events are shown on stderr (on a terminal) as "正在备份 NN%" (the label in the CLI's words). */
  job(label: ProgressLabel): string {
    const id = `cli-job-${++this.jobCount}`;
    this.printers.set(id, progressPrinter(this.io, say(this.io.language, `progress.${label}`)));
    return id;
  }

  /** Selects the vault folder as the app does: picked in the (answered) dialog, then opened. */
  async openVault(dir: string): Promise<void> {
    await this.call('dialog.chooseVaultFolder', {}, { chooseVaultFolder: dir });
    await this.call('vault.open', { dir });
  }

  /** Locks (logged as a "cli" lock) and forgets the private app-data folder. */
  close(): void {
    try {
      this.core.dispose();
    } finally {
      rmSync(this.appDataDir, { recursive: true, force: true });
    }
  }

  private onEvent(event: AppEvent): void {
    if (event.type === 'job.progress') this.printers.get(event.jobId)?.(event.done, event.total);
  }
}
