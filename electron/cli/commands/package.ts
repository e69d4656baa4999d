import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Language, PackageVerdict } from '../../../shared/contract';
import { displayWidth, padToWidth } from '../../../shared/i18n/text-width';
import { meaning, type Command, type Values } from '../command';
import { EXIT, UsageError } from '../io';
import { requireString, withDoor, withVault } from '../session';
import { say, when } from '../text';
import { detailResult } from './handover-text';
import { handoverByRef } from './handover-lookup';

/**
 * `handover package verify|open`: for a buyer or anyone holding a package, no vault needed;
 * `package export|import` and `receipt create|import`: the two vaults' sides of a handover.
 * Every one is a router call (issue 14): the vault-less ones through its public channels.
 */

/** An option naming a file, resolved, which must exist (undefined when not given). */
function existingOption(values: Values, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !existsSync(v)) throw new UsageError(meaning(`--${name}: no such file`, `--${name}：文件不存在`));
  return resolve(v);
}

/** The one FILE argument, resolved, which must exist. */
function existingFile(positionals: string[], what: 'package' | 'receipt'): string {
  if (positionals.length !== 1) throw new UsageError(meaning(`give exactly one ${what} FILE`, `请给出一个${what === 'package' ? '交接包' : '回执'}文件`));
  const file = resolve(positionals[0]!);
  if (!existsSync(file)) throw new UsageError(meaning(`${positionals[0]}: no such file`, `文件 ${positionals[0]} 不存在`));
  return file;
}

/** `label: value` lines, the values in one column (labels padded by display width: 交接包： is 10 columns wide). */
function labelled(language: Language, pairs: [Parameters<typeof say>[1], string][]): string[] {
  const labels = pairs.map(([key]) => say(language, key));
  const width = Math.max(...labels.map(displayWidth)) + 1;
  return pairs.map(([, value], i) => `${padToWidth(labels[i]!, width)}${value}`.trimEnd());
}

function describe(language: Language, info: NonNullable<PackageVerdict['info']>, more: [Parameters<typeof say>[1], string][] = []): string[] {
  const l = language;
  return labelled(l, [
    ['package.id', info.packageId],
    ['package.handover', info.handoverId],
    ['package.created', when(l, info.created)],
    ['package.signedBy', say(l, info.senderKeyConfirmed ? 'package.keyGiven' : 'package.keyShipped', { fingerprint: info.senderFingerprint })],
    ['package.for', say(l, 'package.recipients', { count: String(info.recipientCount), fingerprints: info.recipientFingerprints.join(', ') })],
    ['package.payload', say(l, 'package.payloadSize', { bytes: String(info.payloadBytes), checksum: info.payloadBlake2b512 })],
    ...more,
  ]);
}

/** A refusal from the core, as the CLI prints it (exit 5). */
function refusedVerdict(language: Language, r: PackageVerdict['refusal']) {
  return {
    human: say(language, 'package.refused', { message: r?.message ?? '', detail: r?.detail ? (language === 'zh-CN' ? `（${r.detail}）` : ` (${r.detail})`) : '', reason: r?.reason ?? '' }),
    json: { ok: false, reason: r?.reason ?? null, message: r?.message ?? '', detail: r?.detail ?? null },
    exitCode: EXIT.integrity,
  };
}

export const packageCommands: Command[] = [
  {
    path: ['package', 'verify'],
    summary: meaning('check a .handover package before opening it: signer, signature, recipients (no vault needed)', '打开前核验 .handover 交接包：签名者、签名、买方加密公钥（无需保险库）'),
    usage: 'handover package verify FILE.handover [--sender-key SENDER.pub]',
    options: {
      'sender-key': { type: 'string', description: meaning('the seller public key (minisign .pub) you got out of band; the signer must be this key', '通过其他渠道获得的卖方公钥（minisign .pub）；签名者必须是该密钥') },
    },
    notes: [meaning('Exit code 0 when the package verifies, 5 when it is refused (the reason is named).', '交接包核验通过时退出码为 0，被拒绝时为 5（并说明原因）。')],
    async run(io, values, positionals) {
      const file = existingFile(positionals, 'package');
      const senderKeyFile = existingOption(values, 'sender-key');
      // No vault: the files are "picked" as in the app's dialogs, then the public channel reads them.
      const verdict = await withDoor(io, async (door) => {
        await door.call('dialog.chooseToVerify', { kind: 'package' }, { choosePackageFile: file });
        if (senderKeyFile) await door.call('dialog.chooseToVerify', { kind: 'public-key' }, { chooseKeyFile: senderKeyFile });
        return door.call('packages.verifyFile', { file, senderKeyFile });
      });
      if (!verdict.ok || !verdict.info) return refusedVerdict(io.language, verdict.refusal);
      return { human: [say(io.language, 'package.verified'), ...describe(io.language, verdict.info)].join('\n'), json: { ok: true, ...verdict.info } };
    },
  },
  {
    path: ['package', 'open'],
    summary: meaning('verify, decrypt with an age identity, check the bag, and write it out (no vault needed)', '核验交接包，用 age 身份解密，核验内容清单后写出（无需保险库）'),
    usage: 'handover package open FILE.handover --identity KEY.txt --out DIR [--sender-key SENDER.pub]',
    options: {
      identity: { type: 'string', description: meaning('your age identity file (AGE-SECRET-KEY-1…)', '你的 age 身份文件（AGE-SECRET-KEY-1…）') },
      out: { type: 'string', description: meaning('the folder to write the opened package into (must not exist yet)', '解开后交接包的保存文件夹（必须尚不存在）') },
      'sender-key': { type: 'string', description: meaning('the seller public key (minisign .pub) you got out of band; the signer must be this key', '通过其他渠道获得的卖方公钥（minisign .pub）；签名者必须是该密钥') },
    },
    notes: [meaning('KEY.txt: an age-keygen identity file (AGE-SECRET-KEY-1…). DIR must not exist yet; it is written only after everything verified.', 'KEY.txt：age-keygen 生成的身份文件（AGE-SECRET-KEY-1…）。DIR 必须尚不存在；全部核验通过后才写入。')],
    async run(io, values, positionals) {
      const file = existingFile(positionals, 'package');
      const identityFile = existingOption(values, 'identity');
      if (!identityFile) throw new UsageError(meaning('--identity KEY.txt is required', '缺少 --identity 身份文件'));
      if (typeof values.out !== 'string') throw new UsageError(meaning('--out DIR is required', '缺少 --out 文件夹'));
      const out = resolve(values.out);
      const senderKeyFile = existingOption(values, 'sender-key');
      // No vault: each file (and the folder) is "picked" as in the app's dialogs, then the public channel opens the package.
      const opened = await withDoor(io, async (door) => {
        await door.call('dialog.chooseToVerify', { kind: 'package' }, { choosePackageFile: file });
        await door.call('dialog.chooseToVerify', { kind: 'identity' }, { chooseKeyFile: identityFile });
        await door.call('dialog.chooseToVerify', { kind: 'package-open' }, { chooseFolder: out });
        if (senderKeyFile) await door.call('dialog.chooseToVerify', { kind: 'public-key' }, { chooseKeyFile: senderKeyFile });
        return door.call('packages.openFile', { jobId: door.job('open'), file, identityFile, outDir: out, senderKeyFile });
      });
      if (!opened.ok || !opened.info) return refusedVerdict(io.language, opened.refusal);
      const l = io.language;
      const bag: [Parameters<typeof say>[1], string][] = [['package.bag', say(l, 'package.bagFiles', { dir: String(opened.dir), files: String(opened.files) })]];
      if (opened.history !== null) bag.push(['package.history', say(l, 'package.historyEntries', { count: String(opened.history) })]);
      return {
        human: [say(l, 'package.opened'), ...describe(l, opened.info, bag)].join('\n'),
        json: { ok: true, dir: opened.dir, files: opened.files, history: opened.history, ...opened.info },
      };
    },
  },
  {
    path: ['package', 'export'],
    summary: meaning('export an approved handover as a signed, encrypted package (every gate must hold)', '将已批准的交接项目导出为已签名、加密的交接包（导出前置条件须全部满足）'),
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
      if (!r) throw new UsageError(meaning('--out: no file chosen', '--out：没有选择文件'));
      const l = io.language;
      const lines = l === 'zh-CN'
        ? [say(l, 'package.written', { path: r.path }), ...labelled(l, [['package.writtenId', r.packageId], ['package.writtenChecksum', `${r.checksum}（b2sum payload.tar.age）`], ['package.writtenSigner', r.senderFingerprint]]), say(l, 'package.writtenCounts', { clients: r.clients, documents: r.documents })]
        : [`Package written to ${r.path}`, `  id:      ${r.packageId}`, `  blake2b: ${r.checksum} (b2sum payload.tar.age)`, `  signer:  ${r.senderFingerprint}`, `  clients: ${r.clients}, documents: ${r.documents}`];
      return { human: lines.join('\n'), json: r };
    },
  },
  {
    path: ['receipt', 'import'],
    summary: meaning('take in the buyer\'s signed receipt: the handover becomes acknowledged', '导入买方签署的回执：交接项目变为已确认收到'),
    usage: 'handover receipt import FILE.receipt',
    options: {},
    async run(io, values, positionals) {
      const file = existingFile(positionals, 'receipt');
      const h = await withVault(io, values, async ({ door }) => {
        await door.call('dialog.chooseKeyFile', { kind: 'receipt' }, { chooseKeyFile: file });
        const { id } = await door.call('handovers.receiptHandover', { file });
        return door.call('handovers.importReceipt', { id, file });
      });
      return detailResult(io.language, h, say(io.language, 'receipt.accepted', { by: String(h.receipt?.receivedBy) }));
    },
  },
  {
    path: ['package', 'import'],
    summary: meaning('the buyer\'s side: verify, decrypt with this vault\'s key and import the clients and documents', '买方：核验交接包，用本保险库的密钥解密，并导入客户和文档'),
    usage: 'handover package import FILE.handover',
    options: {},
    async run(io, values, positionals) {
      const file = existingFile(positionals, 'package');
      const r = await withVault(io, values, async ({ door }) => {
        await door.call('dialog.choosePackageFile', {}, { choosePackageFile: file });
        return door.call('packages.import', { file, jobId: door.job('import') });
      });
      return { human: say(io.language, 'package.imported', { imported: r.imported, documents: r.documents, tag: r.tag, skipped: r.skipped.length, rejected: r.rejected.length }), json: r };
    },
  },
  {
    path: ['receipt', 'create'],
    summary: meaning('the buyer\'s side: sign a receipt for a package received', '买方：为收到的交接包签署回执'),
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
      return { human: say(io.language, 'receipt.written', { path: out, sha256: String(r.sha256) }), json: { path: out, receiptSha256: r.sha256 } };
    },
  },
];
