import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseIdentity } from '../../core/formats/age';
import { fsyncDir, tempSibling } from '../../core/fs-atomic';
import { fileSource, openPackageStream, PackageError, type PackageInfo, type PackageSource } from '../../core/packages/package';
import { BAG_HISTORY_PATHS, verifyBagHistory } from '../../core/audit/excerpt';
import { meaning, type Command, type Values } from '../command';
import { EXIT, UsageError } from '../io';
import { requireString, withDoor, withVault } from '../session';
import { detailResult } from './handover';
import { handoverByRef } from './handover-lookup';

/**
 * `handover package verify|open`: for a buyer or anyone holding a package, no vault needed;
 * `package export|import` and `receipt create|import`: the two vaults' sides of a handover.
 */
function readArg(values: Values, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !existsSync(v)) throw new UsageError(`--${name}: no such file`);
  return readFileSync(v, 'utf8');
}

/** An option naming a file, resolved, which must exist (undefined when not given). */
function existingOption(values: Values, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !existsSync(v)) throw new UsageError(`--${name}: no such file`);
  return resolve(v);
}

/** The one FILE argument, resolved, which must exist. */
function existingFile(positionals: string[], what: 'package' | 'receipt'): string {
  if (positionals.length !== 1) throw new UsageError(`give exactly one ${what} FILE`);
  const file = resolve(positionals[0]!);
  if (!existsSync(file)) throw new UsageError(`${positionals[0]}: no such file`);
  return file;
}

const packageFile = (positionals: string[]): PackageSource => fileSource(existingFile(positionals, 'package'));

function describe(info: PackageInfo): string[] {
  return [
    `package:   ${info.packageId}`,
    `handover:  ${info.handoverId}`,
    `created:   ${info.created}`,
    `signed by: ${info.senderFingerprint}${info.senderKeyConfirmed ? ' (the key you gave)' : ' (key shipped in the package: compare its fingerprint with the sender\'s)'}`,
    `for:       ${info.recipientCount} recipient(s) ${info.recipientFingerprints.join(', ')}`,
    `payload:   ${info.payloadBytes} bytes, BLAKE2b-512 ${info.payloadBlake2b512} (b2sum)`,
  ];
}

function refused(err: unknown) {
  if (!(err instanceof PackageError)) throw err;
  return {
    human: `REFUSED: ${err.message}${err.detail ? ` (${err.detail})` : ''} [${err.reason}]`,
    json: { ok: false, reason: err.reason, message: err.message, detail: err.detail ?? null },
    exitCode: EXIT.integrity,
  };
}

export const packageCommands: Command[] = [
  {
    path: ['package', 'verify'],
    summary: 'check a .handover package before opening it: signer, signature, recipients (no vault needed)',
    usage: 'handover package verify FILE.handover [--sender-key SENDER.pub]',
    options: {
      'sender-key': { type: 'string', description: meaning('the seller public key (minisign .pub) you got out of band; the signer must be this key', '通过其他渠道获得的卖方公钥（minisign .pub）；签名者必须是该密钥') },
    },
    notes: ['Exit code 0 when the package verifies, 5 when it is refused (the reason is named).'],
    async run(io, values, positionals) {
      const file = existingFile(positionals, 'package');
      const senderKeyFile = existingOption(values, 'sender-key');
      // No vault: the files are "picked" as in the app's dialogs, then the public channel reads them.
      const verdict = await withDoor(io, async (door) => {
        await door.call('dialog.chooseToVerify', { kind: 'package' }, { choosePackageFile: file });
        if (senderKeyFile) await door.call('dialog.chooseToVerify', { kind: 'public-key' }, { chooseKeyFile: senderKeyFile });
        return door.call('packages.verifyFile', { file, senderKeyFile });
      });
      if (!verdict.ok || !verdict.info) {
        const r = verdict.refusal;
        return {
          human: `REFUSED: ${r?.message ?? ''}${r?.detail ? ` (${r.detail})` : ''} [${r?.reason ?? ''}]`,
          json: { ok: false, reason: r?.reason ?? null, message: r?.message ?? '', detail: r?.detail ?? null },
          exitCode: EXIT.integrity,
        };
      }
      return { human: ['VERIFIED (not yet decrypted)', ...describe(verdict.info)].join('\n'), json: { ok: true, ...verdict.info } };
    },
  },
  {
    path: ['package', 'open'],
    summary: 'verify, decrypt with an age identity, check the bag, and write it out (no vault needed)',
    usage: 'handover package open FILE.handover --identity KEY.txt --out DIR [--sender-key SENDER.pub]',
    options: {
      identity: { type: 'string', description: meaning('your age identity file (AGE-SECRET-KEY-1…)', '你的 age 身份文件（AGE-SECRET-KEY-1…）') },
      out: { type: 'string', description: meaning('the folder to write the opened package into (must not exist yet)', '解开后交接包的保存文件夹（必须尚不存在）') },
      'sender-key': { type: 'string', description: meaning('the seller public key (minisign .pub) you got out of band; the signer must be this key', '通过其他渠道获得的卖方公钥（minisign .pub）；签名者必须是该密钥') },
    },
    notes: ['KEY.txt: an age-keygen identity file (AGE-SECRET-KEY-1…). DIR must not exist yet; it is written only after everything verified.'],
    async run(_io, values, positionals) {
      const idText = readArg(values, 'identity');
      if (!idText) throw new UsageError('--identity KEY.txt is required');
      const identity = parseIdentity(idText);
      if (!identity) throw new UsageError('--identity: no AGE-SECRET-KEY-1… line in that file');
      if (typeof values.out !== 'string') throw new UsageError('--out DIR is required');
      const out = resolve(values.out);
      if (existsSync(out) && readdirSync(out).length > 0) throw new UsageError(`${out} is not empty`);
      const senderKey = readArg(values, 'sender-key');
      const src = packageFile(positionals);
      // Files are written into a private temp folder as they are decrypted; it becomes DIR only once everything verified.
      const tmp = tempSibling(out);
      mkdirSync(tmp, { mode: 0o700 });
      const write = (path: string, data: Buffer) => {
        const target = join(tmp, path);
        mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
        writeFileSync(target, data, { mode: 0o600 });
      };
      try {
        let opened;
        try {
          opened = await openPackageStream(src, [identity], {
            keep: (path) => BAG_HISTORY_PATHS.includes(path),
            file: (path) => {
              const target = join(tmp, path);
              mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
              const fd = openSync(target, 'wx', 0o600);
              return {
                write: (piece) => void writeSync(fd, piece),
                end: () => closeSync(fd),
              };
            },
          }, senderKey);
        } catch (err) {
          rmSync(tmp, { recursive: true, force: true });
          return refused(err);
        }
        const history = verifyBagHistory(opened.kept, opened.sender.publicKey);
        if (history && !history.ok) {
          rmSync(tmp, { recursive: true, force: true });
          return refused(new PackageError('bag-invalid', 'The handover history does not verify against the seller\'s signed checkpoint', `audit.jsonl: ${history.problem}`));
        }
        for (const [path, data] of opened.kept) if (!path.startsWith('data/')) write(path, data);
        if (existsSync(out)) rmSync(out, { recursive: true });
        renameSync(tmp, out);
        fsyncDir(dirname(out));
        const count = opened.files.length + [...opened.kept.keys()].filter((p) => !p.startsWith('data/')).length;
        const historyLine = history?.ok ? [`history:   ${history.entries} access-log entries, each proven against the signed checkpoint of ${history.size} entries`] : [];
        return {
          human: ['OPENED', ...describe(opened.info), `bag:       ${out} (${count} files, manifest verified)`, ...historyLine].join('\n'),
          json: { ok: true, dir: out, files: count, history: history?.ok ? history.entries : null, ...opened.info },
        };
      } catch (err) {
        rmSync(tmp, { recursive: true, force: true });
        throw err;
      } finally {
        src.close();
      }
    },
  },
  {
    path: ['package', 'export'],
    summary: 'export an approved handover as a signed, encrypted package (every gate must hold)',
    usage: 'handover package export HANDOVER_ID --out FILE.handover [--recipient age1…]… [--include-self]',
    options: {
      out: { type: 'string', description: meaning('the package file to write (.handover)', '要写入的交接包文件（.handover）') },
      recipient: { type: 'string', multiple: true, description: meaning("a buyer's verified age public key (age1…) to encrypt to (repeatable; default: the handover's)", '加密给的已核验买方加密公钥（age1…）（可重复；默认：交接项目中的公钥）') },
      'include-self': { type: 'boolean', default: false, description: meaning("also encrypt to this vault's own key, so you can open the package yourself", '同时加密给本保险库自己的公钥，以便自己也能打开交接包') },
    },
    async run(io, values, positionals) {
      const out = resolve(requireString(values, 'out'));
      const { result: r } = await withVault(io, values, async ({ door }) => door.call('handovers.export', {
        id: await handoverByRef(door, positionals[0]), jobId: door.job('export'), includeSelf: values['include-self'] === true, recipients: (values.recipient as string[] | undefined) ?? [],
      }, { chooseSaveTarget: out }));
      if (!r) throw new UsageError('--out: no file chosen');
      return { human: [`Package written to ${r.path}`, `  id:      ${r.packageId}`, `  blake2b: ${r.checksum} (b2sum payload.tar.age)`, `  signer:  ${r.senderFingerprint}`, `  clients: ${r.clients}, documents: ${r.documents}`].join('\n'), json: r };
    },
  },
  {
    path: ['receipt', 'import'],
    summary: 'take in the buyer\'s signed receipt: the handover becomes acknowledged',
    usage: 'handover receipt import FILE.receipt',
    options: {},
    async run(io, values, positionals) {
      const file = existingFile(positionals, 'receipt');
      const h = await withVault(io, values, async ({ door }) => {
        await door.call('dialog.chooseKeyFile', { kind: 'receipt' }, { chooseKeyFile: file });
        const { id } = await door.call('handovers.receiptHandover', { file });
        return door.call('handovers.importReceipt', { id, file });
      });
      return detailResult(h, `Receipt accepted: ${h.receipt?.receivedBy}.`);
    },
  },
  {
    path: ['package', 'import'],
    summary: 'the buyer\'s side: verify, decrypt with this vault\'s key and import the clients and documents',
    usage: 'handover package import FILE.handover',
    options: {},
    async run(io, values, positionals) {
      const file = existingFile(positionals, 'package');
      const r = await withVault(io, values, async ({ door }) => {
        await door.call('dialog.choosePackageFile', {}, { choosePackageFile: file });
        return door.call('packages.import', { file, jobId: door.job('import') });
      });
      return { human: `Imported ${r.imported} client(s) and ${r.documents} document(s) as segment ${r.tag}; skipped ${r.skipped.length} already here, rejected ${r.rejected.length}.`, json: r };
    },
  },
  {
    path: ['receipt', 'create'],
    summary: 'the buyer\'s side: sign a receipt for a package received',
    usage: 'handover receipt create FILE.handover --out FILE.receipt --organisation NAME',
    options: {
      out: { type: 'string', description: meaning('the receipt file to write (.receipt)', '要写入的回执文件（.receipt）') },
      organisation: { type: 'string', description: meaning('your organisation, as written in the receipt', '回执中写明的你的机构名称') },
    },
    async run(io, values, positionals) {
      const file = existingFile(positionals, 'package');
      const out = resolve(requireString(values, 'out'));
      const organisation = requireString(values, 'organisation');
      const r = await withVault(io, values, async ({ door }) => {
        await door.call('dialog.choosePackageFile', {}, { choosePackageFile: file });
        return door.call('packages.receipt', { file, jobId: door.job('receipt'), organisation }, { chooseSaveTarget: out });
      });
      return { human: `Receipt written to ${out} (SHA-256 ${r.sha256}).`, json: { path: out, receiptSha256: r.sha256 } };
    },
  },
];
