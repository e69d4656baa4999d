import { basename, resolve } from 'node:path';
import type { Credential } from '../../../shared/contract';
import { meaning, type Command } from '../command';
import { EXIT, newSecretFrom, secretFrom } from '../io';
import { requireString, userFrom, vaultDirFrom, withDoor, withVault } from '../session';
import { say } from '../text';

export const vaultCommands: Command[] = [
  {
    path: ['vault', 'init'],
    summary: meaning('create a new vault and its first (admin) user', '新建保险库及其第一个用户（管理员）'),
    usage: 'handover vault init --vault DIR --user NAME',
    options: {},
    notes: [meaning('The passphrase comes from a prompt or HANDOVER_PASSPHRASE. The recovery key is printed once: write it down.', '密码来自提示输入或 HANDOVER_PASSPHRASE。恢复密钥只打印一次：请抄写下来。')],
    async run(io, values) {
      const dir = vaultDirFrom(io, values);
      const userName = userFrom(io, values);
      const passphrase = await newSecretFrom(io, 'HANDOVER_PASSPHRASE', say(io.language, 'prompt.newPassphrase', { user: userName }));
      const { recoveryKey } = await withDoor(io, async (door) => {
        await door.call('dialog.chooseVaultFolder', {}, { chooseVaultFolder: dir });
        return door.call('vault.create', { dir, userName, passphrase });
      });
      return {
        human: `${say(io.language, 'vault.created', { dir, user: userName })}\n\n${say(io.language, 'vault.recoveryOnce')}\n\n  ${recoveryKey}\n`,
        json: { vaultDir: dir, user: userName, recoveryKey },
      };
    },
  },
  {
    path: ['vault', 'check'],
    summary: meaning('verify the database integrity, the access-log chain and its signed checkpoints', '检查数据库是否完好，核验访问日志哈希链及其已签名检查点'),
    usage: 'handover vault check [--vault DIR] --user NAME',
    options: {},
    notes: [meaning('Exit code 0 only when all hold; 5 when any fails.', '全部通过时退出码才为 0；任何一项未通过时为 5。')],
    async run(io, values) {
      const result = await withVault(io, values, ({ door }) => door.call('vault.check', {}));
      const l = io.language;
      const log = result.accessLog as { ok: boolean; entries: number; head?: string; seq?: number; reason?: string };
      const logLine = log.ok
        ? say(l, 'vault.logOk', { entries: String(log.entries), head: String(log.head).slice(0, 16) })
        : say(l, 'vault.logBroken', { seq: String(log.seq), reason: String(log.reason) });
      const cp = result.checkpoints as { ok: boolean; checkpoints: number; size?: number; reason?: string };
      const cpLine = cp.ok ? say(l, 'vault.checkpointsOk', { count: String(cp.checkpoints) }) : say(l, 'vault.checkpointsFailed', { size: String(cp.size), reason: String(cp.reason) });
      // The signed tree head kept with the key slots, where the vault's check reports one.
      const th = result.treeHead as { ok: boolean; size?: number; reason?: string } | undefined;
      const thKey = !th ? null : th.ok ? 'vault.treeHeadOk' : th.reason === 'missing' ? 'vault.treeHeadMissing' : th.reason === 'log-shorter' ? 'vault.treeHeadShorter' : th.reason === 'log-differs' ? 'vault.treeHeadDiffers' : 'vault.treeHeadBadSignature';
      const thLine = thKey ? [say(l, thKey, { size: String(th?.size) })] : [];
      const integrity = l === 'zh-CN' && result.integrity === 'ok' ? '通过' : String(result.integrity);
      return {
        human: [say(l, 'vault.integrity', { result: integrity }), logLine, cpLine, ...thLine, say(l, result.ok ? 'vault.checkPassed' : 'vault.checkFailed')].join('\n'),
        json: result,
        exitCode: result.ok ? EXIT.ok : EXIT.integrity,
      };
    },
  },
  {
    path: ['vault', 'backup'],
    summary: meaning('back the vault up to one encrypted file', '将保险库备份为一个加密文件'),
    usage: 'handover vault backup [--vault DIR] --user NAME --out FILE',
    options: { out: { type: 'string', description: meaning('the backup file to write', '要写入的备份文件') } },
    async run(io, values) {
      const out = resolve(requireString(values, 'out'));
      const { backup } = await withVault(io, values, ({ door }) => door.call('vault.backup', { jobId: door.job('backup') }, { chooseSaveTarget: out }));
      return { human: say(io.language, 'vault.backup', { path: String(backup?.path), bytes: String(backup?.bytes), sha256: String(backup?.sha256) }), json: backup };
    },
  },
  {
    path: ['vault', 'upgrade'],
    summary: meaning('move the vault to the faster encryption for this computer (AEGIS-256 where the CPU has AES instructions)', '将保险库改用本机更快的加密算法（CPU 支持 AES 指令时为 AEGIS-256）'),
    usage: 'handover vault upgrade [--vault DIR] --user NAME',
    options: {},
    notes: [meaning('Works on a verified copy and swaps it in; interrupted at any point, the vault still opens. Needs the right to manage users.', '在核验过的副本上完成后再替换；任何时候中断，保险库都仍能打开。需要管理用户的权限。')],
    async run(io, values) {
      const r = await withVault(io, values, ({ door }) => door.call('vault.upgrade', { jobId: door.job('upgrade') }));
      return { human: say(io.language, 'vault.upgraded', { from: r.from, to: r.to, bytes: String(r.bytes), rows: String(r.rows) }), json: r };
    },
  },
  {
    path: ['vault', 'restore'],
    summary: meaning('restore a backup into a new, empty folder', '将备份恢复到一个新的空文件夹'),
    usage: 'handover vault restore --from FILE --vault DIR (--user NAME | --recovery-key)',
    options: {
      from: { type: 'string', description: meaning('the backup file to restore from', '用于恢复的备份文件') },
      'recovery-key': { type: 'boolean', default: false, description: meaning('unlock the backup with the recovery key (prompt or HANDOVER_RECOVERY_KEY) instead of --user', '用恢复密钥（提示输入或 HANDOVER_RECOVERY_KEY）代替 --user 解锁备份') },
    },
    notes: [meaning('With --recovery-key the key comes from a prompt or HANDOVER_RECOVERY_KEY; otherwise the passphrase of --user.', '加 --recovery-key 时恢复密钥来自提示输入或 HANDOVER_RECOVERY_KEY；否则使用 --user 的密码。')],
    async run(io, values) {
      const from = resolve(requireString(values, 'from'));
      const to = vaultDirFrom(io, values);
      let credential: Credential;
      if (values['recovery-key']) {
        credential = { kind: 'recovery', recoveryKey: await secretFrom(io, 'HANDOVER_RECOVERY_KEY', say(io.language, 'prompt.recoveryKey')) };
      } else {
        const userName = userFrom(io, values);
        credential = { kind: 'passphrase', userName, passphrase: await secretFrom(io, 'HANDOVER_PASSPHRASE', say(io.language, 'prompt.passphrase', { user: userName })) };
      }
      await withDoor(io, async (door) => {
        await door.call('dialog.chooseBackupFile', {}, { chooseBackupFile: from });
        await door.call('dialog.chooseRestoreFolder', {}, { chooseRestoreFolder: to });
        return door.call('vault.restore', { jobId: door.job('restore'), from, to, credential });
      });
      return { human: say(io.language, 'vault.restored', { file: basename(from), dir: to }), json: { vaultDir: to, from } };
    },
  },
  {
    path: ['vault', 'recover'],
    summary: meaning('unlock with the recovery key and set a new passphrase', '用恢复密钥解锁并设置新密码'),
    usage: 'handover vault recover [--vault DIR] --user NAME',
    options: {},
    notes: [meaning('The recovery key comes from a prompt or HANDOVER_RECOVERY_KEY; the new passphrase from a prompt or HANDOVER_NEW_PASSPHRASE.', '恢复密钥来自提示输入或 HANDOVER_RECOVERY_KEY；新密码来自提示输入或 HANDOVER_NEW_PASSPHRASE。')],
    async run(io, values) {
      const userName = userFrom(io, values);
      const recoveryKey = await secretFrom(io, 'HANDOVER_RECOVERY_KEY', say(io.language, 'prompt.recoveryKey'));
      const newPassphrase = await newSecretFrom(io, 'HANDOVER_NEW_PASSPHRASE', say(io.language, 'prompt.newPassphrase', { user: userName }));
      const { user } = await withDoor(io, async (door) => {
        await door.openVault(vaultDirFrom(io, values));
        return door.call('vault.recover', { userName, recoveryKey, newPassphrase });
      });
      return { human: say(io.language, 'vault.recovered', { name: user.name }), json: { user: user.name } };
    },
  },
];
