import type { Language } from '../contract/schemas';

/**
 * What the `handover` CLI prints for a person, in each language it speaks (HANDOVER_LANG / LANG:
 * electron/cli/io.ts), in GLOSSARY.md's words: help titles, table headers and values, progress, prompts,
 * success lines. Command summaries and option help sit beside their commands (`meaning(en, zh)`);
 * errors are shared/i18n/errors.ts; vocabularies (roles, statuses) shared/i18n/domain-labels.ts.
 * `--json` prints machine values and ISO instants and never reads this file.
 * {{name}} is filled by cliText. One entry per line; test/unit/glossary.test.ts reads the Chinese ones.
 */
export const CLI_TEXT = {
  // help
  'help.title': { en: 'handover — Handover Vault from the command line', 'zh-CN': 'handover —— 客户交接保险库命令行工具' },
  'help.usage': { en: 'Usage: {{usage}}', 'zh-CN': '用法：{{usage}}' },
  'help.mainUsage': { en: 'handover <command> [options]', 'zh-CN': 'handover <命令> [选项]' },
  'help.groupUsage': { en: 'handover {{group}} <command>', 'zh-CN': 'handover {{group}} <命令>' },
  'help.commands': { en: 'Commands:', 'zh-CN': '命令：' },
  'help.options': { en: 'Options:', 'zh-CN': '选项：' },
  'help.commonOptions': { en: 'Options for every command:', 'zh-CN': '所有命令都接受的选项：' },
  'help.passphrases': { en: 'Passphrases are never taken as arguments: a no-echo prompt, or HANDOVER_PASSPHRASE /\nHANDOVER_NEW_PASSPHRASE / HANDOVER_RECOVERY_KEY for scripts.', 'zh-CN': '密码从不作为参数传入：在不回显的提示中输入，脚本中则用 HANDOVER_PASSPHRASE /\nHANDOVER_NEW_PASSPHRASE / HANDOVER_RECOVERY_KEY。' },
  'help.exitCodes': { en: 'Exit codes: 0 ok, 1 failed, 2 usage, 3 authentication, 4 not allowed, 5 integrity.', 'zh-CN': '退出码：0 成功，1 失败，2 用法错误，3 身份验证失败，4 无权操作，5 校验未通过（文件被改动或损坏）。' },
  'help.more': { en: 'Run "handover <command> --help" for a command\'s options.', 'zh-CN': '运行“handover <命令> --help”查看某个命令的选项。' },
  'help.unknown': { en: 'unknown command "{{command}}"', 'zh-CN': '没有命令“{{command}}”' },
  'help.badArguments': { en: '{{reason}}', 'zh-CN': '参数有误（{{reason}}）' },
  // prompts and progress (stderr)
  'prompt.passphrase': { en: 'Passphrase for {{user}}: ', 'zh-CN': '{{user}} 的密码：' },
  'prompt.newPassphrase': { en: 'New passphrase for {{user}}: ', 'zh-CN': '{{user}} 的新密码：' },
  'prompt.newUserPassphrase': { en: 'Passphrase for the new user {{user}}: ', 'zh-CN': '新用户 {{user}} 的密码：' },
  'prompt.yourNewPassphrase': { en: 'New passphrase: ', 'zh-CN': '新密码：' },
  'prompt.repeat': { en: 'Repeat: ', 'zh-CN': '再输入一次：' },
  'prompt.recoveryKey': { en: 'Recovery key: ', 'zh-CN': '恢复密钥：' },
  'prompt.needsTerminal': { en: 'no terminal to ask for it: set {{variable}}', 'zh-CN': '没有可输入的终端：请设置环境变量 {{variable}}' },
  'progress.re-encrypt': { en: 're-encrypt', 'zh-CN': '正在重新加密' },
  'progress.backup': { en: 'backup', 'zh-CN': '正在备份' },
  'progress.upgrade': { en: 'upgrade', 'zh-CN': '正在升级加密' },
  'progress.restore': { en: 'restore', 'zh-CN': '正在恢复' },
  'progress.import': { en: 'import', 'zh-CN': '正在导入' },
  'progress.reassign': { en: 'reassign', 'zh-CN': '正在更换负责人' },
  'progress.tag': { en: 'tag', 'zh-CN': '正在修改标签' },
  'progress.archive': { en: 'archive', 'zh-CN': '正在归档' },
  'progress.unarchive': { en: 'restore', 'zh-CN': '正在取消归档' },
  'progress.add-to-handover': { en: 'add-to-handover', 'zh-CN': '正在加入交接项目' },
  'progress.attach': { en: 'attach', 'zh-CN': '正在添加文档' },
  'progress.export': { en: 'export', 'zh-CN': '正在导出' },
  'progress.notices': { en: 'notices', 'zh-CN': '正在生成通知' },
  'progress.open': { en: 'open', 'zh-CN': '正在打开交接包' },
  'progress.receipt': { en: 'receipt', 'zh-CN': '正在签署回执' },
  // words in tables
  'word.yes': { en: 'yes', 'zh-CN': '是' },
  'word.no': { en: 'no', 'zh-CN': '否' },
  'word.none': { en: '-', 'zh-CN': '—' },
  'word.active': { en: 'active', 'zh-CN': '已启用' },
  'word.disabled': { en: 'disabled', 'zh-CN': '已停用' },
  'word.allClients': { en: 'all clients', 'zh-CN': '全部客户' },
  'word.scoped': { en: 'scoped', 'zh-CN': '限定范围' },
  'word.running': { en: 'running', 'zh-CN': '进行中' },
  'word.masked': { en: 'masked', 'zh-CN': '已脱敏' },
  // users
  'users.header': { en: 'NAME|ROLE|STATE|SCOPE|LAST UNLOCK', 'zh-CN': '姓名|角色|状态|范围|最近解锁' },
  'users.added': { en: 'Added {{name}} ({{role}}).', 'zh-CN': '已添加 {{name}}（{{role}}）。' },
  'users.disabled': { en: 'Disabled {{name}}.', 'zh-CN': '已停用 {{name}}。' },
  'users.rotated': { en: 'Disabled {{name}}. The vault was re-encrypted under a new key: their old key slot opens nothing.', 'zh-CN': '已停用 {{name}}。保险库已换用新密钥重新加密：其旧登录无法再打开任何内容。' },
  'users.rotatedLost': { en: 'These users\' logins were not upgraded yet and no longer open the vault; give each a new passphrase (handover user enable): {{names}}', 'zh-CN': '以下用户自上次更新后尚未登录，他们的登录已无法打开保险库。请为每人设置新密码（handover user enable）：{{names}}' },
  'users.rotatedRecovery': { en: 'The old recovery key no longer opens the vault. New recovery key — write it down now (the app shows it to administrators at sign-in until one confirms it was written down):', 'zh-CN': '旧恢复密钥已无法打开保险库。以下是新的恢复密钥，请立即抄写（在有管理员确认已记下之前，每位管理员登录时都会看到它）：' },
  'users.enabled': { en: 'Enabled {{name}}.', 'zh-CN': '已启用 {{name}}。' },
  'users.passwd': { en: 'Passphrase changed for {{name}}.', 'zh-CN': '已修改 {{name}} 的密码。' },
  'users.roleSet': { en: '{{name}} is now {{role}}.', 'zh-CN': '{{name}} 的角色已改为{{role}}。' },
  // vault
  'vault.created': { en: 'Vault created in {{dir}} for {{user}} (admin).', 'zh-CN': '已在 {{dir}} 创建保险库，管理员为 {{user}}。' },
  'vault.recoveryOnce': { en: 'Recovery key — write it down now, it is shown only once:', 'zh-CN': '恢复密钥——请立即抄写，它只显示这一次：' },
  'vault.integrity': { en: 'integrity: {{result}}', 'zh-CN': '数据库检查：{{result}}' },
  'vault.logOk': { en: 'access log: ok ({{entries}} entries, head {{head}}…)', 'zh-CN': '访问日志：通过（{{entries}} 条记录，最新哈希 {{head}}…）' },
  'vault.logBroken': { en: 'access log: BROKEN at entry {{seq}} ({{reason}})', 'zh-CN': '访问日志：第 {{seq}} 条记录处损坏（{{reason}}）' },
  'vault.checkpointsOk': { en: 'checkpoints: ok ({{count}} signed checkpoints match the log)', 'zh-CN': '检查点：通过（{{count}} 个已签名检查点与日志一致）' },
  'vault.checkpointsFailed': { en: 'checkpoints: FAILED at the checkpoint of size {{size}} ({{reason}})', 'zh-CN': '检查点：未通过，大小为 {{size}} 的检查点不符（{{reason}}）' },
  'vault.treeHeadOk': { en: 'signed tree head (kept with the key slots): ok (the log holds its {{size}} entries unchanged)', 'zh-CN': '已签名树头（与密钥槽一起保存）：通过（日志中的 {{size}} 条记录未被改动）' },
  'vault.treeHeadMissing': { en: 'signed tree head (kept with the key slots): MISSING', 'zh-CN': '已签名树头（与密钥槽一起保存）：缺失' },
  'vault.treeHeadShorter': { en: 'signed tree head (kept with the key slots): FAILED — the log is shorter than the {{size}} entries signed', 'zh-CN': '已签名树头（与密钥槽一起保存）：未通过——日志比已签名的 {{size}} 条记录短' },
  'vault.treeHeadDiffers': { en: 'signed tree head (kept with the key slots): FAILED — the first {{size}} entries differ from what was signed', 'zh-CN': '已签名树头（与密钥槽一起保存）：未通过——前 {{size}} 条记录与签名时不同' },
  'vault.treeHeadBadSignature': { en: 'signed tree head (kept with the key slots): FAILED — its signature does not verify', 'zh-CN': '已签名树头（与密钥槽一起保存）：未通过——签名核验失败' },
  'vault.checkPassed': { en: 'vault check passed', 'zh-CN': '保险库检查通过' },
  'vault.checkFailed': { en: 'vault check FAILED', 'zh-CN': '保险库检查未通过' },
  'vault.backup': { en: 'Backup written: {{path}}\n{{bytes}} bytes, SHA-256 {{sha256}}', 'zh-CN': '备份已写入：{{path}}\n{{bytes}} 字节，SHA-256：{{sha256}}' },
  'vault.upgraded': { en: 'Vault encryption upgraded: {{from}} -> {{to}} ({{bytes}} bytes rewritten, {{rows}} rows verified).', 'zh-CN': '保险库加密已升级：{{from}} → {{to}}（重写 {{bytes}} 字节，核验 {{rows}} 行）。' },
  'vault.restored': { en: 'Restored {{file}} into {{dir}}', 'zh-CN': '已将 {{file}} 恢复到 {{dir}}' },
  'vault.recovered': { en: 'New passphrase set for {{name}}.', 'zh-CN': '已为 {{name}} 设置新密码。' },
  // clients
  'clients.found': { en: '{{count}} found', 'zh-CN': '找到 {{count}} 个客户' },
  'clients.header': { en: 'CODE|NAME|REGION|CONTACT|PHONE', 'zh-CN': '客户编号|客户名称|区域|联系人|手机' },
  'clients.archived': { en: ' (archived)', 'zh-CN': '（已归档）' },
  'clients.importDone': { en: 'Imported: {{imported}} imported, {{updated}} updated, {{skipped}} skipped, {{rejected}} rejected of {{rows}} rows ({{encoding}}).', 'zh-CN': '导入完成：共 {{rows}} 行，导入 {{imported}} 个，更新 {{updated}} 个，跳过 {{skipped}} 个，拒绝 {{rejected}} 个（{{encoding}}）。' },
  'clients.importDry': { en: 'Dry run (nothing written): {{imported}} imported, {{updated}} updated, {{skipped}} skipped, {{rejected}} rejected of {{rows}} rows ({{encoding}}).', 'zh-CN': '试运行（未写入任何数据）：共 {{rows}} 行，可导入 {{imported}} 个，更新 {{updated}} 个，跳过 {{skipped}} 个，拒绝 {{rejected}} 个（{{encoding}}）。' },
  'clients.problem': { en: '  row {{row}}, column "{{column}}": {{reason}}', 'zh-CN': '  第 {{row}} 行，“{{column}}”列：{{reason}}' },
  'clients.moreProblems': { en: '  … {{count}} more problems (use --json)', 'zh-CN': '  ……另有 {{count}} 个问题（用 --json 查看）' },
  'clients.exported': { en: 'Exported {{count}} clients to {{path}}', 'zh-CN': '已将 {{count}} 个客户导出到 {{path}}' },
  // handovers
  'handovers.header': { en: 'REF|STATUS|CLIENTS|GATES OPEN|TITLE', 'zh-CN': '编号|状态|客户数|未满足条件|名称' },
  // documents
  'docs.header': { en: 'NAME|SIZE|SHA-256', 'zh-CN': '文档名称|大小|SHA-256' },
  'docs.none': { en: '(no documents)', 'zh-CN': '（没有文档）' },
  'docs.attached': { en: 'Attached {{name}} ({{size}}) to {{client}}\nSHA-256 {{sha256}}', 'zh-CN': '已将 {{name}}（{{size}}）添加到客户 {{client}}\nSHA-256：{{sha256}}' },
  'docs.exported': { en: 'Exported {{name}} to {{path}}', 'zh-CN': '已将 {{name}} 导出到 {{path}}' },
  // roles and scopes
  'roles.header': { en: 'NAME|LABEL|USERS|PERMISSIONS|MASKED', 'zh-CN': '角色|名称|用户数|权限|脱敏字段' },
  'roles.builtin': { en: ' — built-in', 'zh-CN': '（内置）' },
  'roles.users': { en: '{{count}} user(s)', 'zh-CN': '{{count}} 个用户' },
  'roles.masked': { en: 'masked: {{fields}}', 'zh-CN': '脱敏字段：{{fields}}' },
  'roles.scope': { en: 'scope: {{scope}}', 'zh-CN': '范围：{{scope}}' },
  'roles.nothing': { en: 'nothing', 'zh-CN': '无' },
  'roles.created': { en: 'Created role {{name}}.', 'zh-CN': '已创建角色 {{name}}。' },
  'roles.deleted': { en: 'Deleted role {{name}}.', 'zh-CN': '已删除角色 {{name}}。' },
  'scope.own': { en: 'own accounts only', 'zh-CN': '仅本人负责的客户' },
  'scope.owners': { en: 'owners: {{values}}', 'zh-CN': '负责人：{{values}}' },
  'scope.departments': { en: 'departments: {{values}}', 'zh-CN': '部门：{{values}}' },
  'scope.regions': { en: 'regions: {{values}}', 'zh-CN': '区域：{{values}}' },
  'scope.industries': { en: 'industries: {{values}}', 'zh-CN': '行业：{{values}}' },
  'scope.tiers': { en: 'tiers: {{values}}', 'zh-CN': '等级：{{values}}' },
  'scope.tags': { en: 'tags: {{values}}', 'zh-CN': '标签：{{values}}' },
  'scope.user': { en: '{{name}}: {{scope}}', 'zh-CN': '{{name}}：{{scope}}' },
  // access log
  'audit.entries': { en: '{{count}} entries', 'zh-CN': '共 {{count}} 条记录' },
  'audit.header': { en: 'SEQ|TIME|ACTOR|ACTION|TARGET|DETAILS', 'zh-CN': '序号|时间|用户|操作|对象|详情' },
  'audit.exported': { en: 'Exported entries {{first}}-{{last}} to {{dir}}\nsigned checkpoint: size {{size}}, root {{root}}\nkey fingerprint: {{fingerprint}}', 'zh-CN': '已将第 {{first}}–{{last}} 条记录导出到 {{dir}}\n已签名检查点：大小 {{size}}，根哈希 {{root}}\n密钥指纹：{{fingerprint}}' },
  'audit.verified': { en: 'VERIFIED', 'zh-CN': '核验通过' },
  'audit.failed': { en: 'FAILED: {{kind}}{{where}}', 'zh-CN': '核验未通过：{{kind}}{{where}}' },
  'audit.atLine': { en: ' at line {{line}}', 'zh-CN': '，第 {{line}} 行' },
  'audit.atEntry': { en: ' (entry {{seq}})', 'zh-CN': '（第 {{seq}} 条记录）' },
  'audit.atEntryExpected': { en: ' (entry {{seq}}, expected {{expected}})', 'zh-CN': '（第 {{seq}} 条记录，应为 {{expected}}）' },
  'audit.verifyEntries': { en: 'entries: {{count}}{{range}}', 'zh-CN': '记录数：{{count}}{{range}}' },
  'audit.signature': { en: 'signature (minisign): {{status}}', 'zh-CN': '签名（minisign）：{{status}}' },
  'audit.checkpoint': { en: 'checkpoint: {{origin}} size {{size}}', 'zh-CN': '检查点：{{origin}}，大小 {{size}}' },
  'audit.checkpointInvalid': { en: 'checkpoint: invalid', 'zh-CN': '检查点：无效' },
  'audit.held': { en: 'held checkpoint (size {{size}}): {{status}}', 'zh-CN': '保留的检查点（大小 {{size}}）：{{status}}' },
  'audit.fingerprint': { en: 'key fingerprint: {{fingerprint}}', 'zh-CN': '密钥指纹：{{fingerprint}}' },
  'audit.fingerprintUnconfirmed': { en: 'key fingerprint: {{fingerprint}} (from the export itself: compare it with the seller\'s)', 'zh-CN': '密钥指纹：{{fingerprint}}（取自导出文件本身：请与卖方提供的指纹比对）' },
  'audit.redacted': { en: 'masked: {{count}} search text(s) masked for the exporter\'s role (their original hashes are proven by the chain and checkpoint)', 'zh-CN': '脱敏：{{count}} 条搜索内容按导出人的角色脱敏（其原始哈希由哈希链和检查点证明）' },
  // keys
  'keys.fingerprint': { en: 'fingerprint: {{value}}', 'zh-CN': '指纹：{{value}}' },
  'keys.keyId': { en: 'minisign key id: {{value}}', 'zh-CN': 'minisign 密钥 ID：{{value}}' },
  'keys.origin': { en: 'checkpoint origin: {{value}}', 'zh-CN': '检查点来源：{{value}}' },
  'keys.ageRecipient': { en: 'age recipient (packages to this vault): {{value}}', 'zh-CN': '本保险库的加密公钥（age，发给本保险库的交接包用它加密）：{{value}}' },
  'keys.noteKey': { en: 'signed-note verifier key: {{value}}', 'zh-CN': '签名记录（signed note）核验公钥：{{value}}' },
  'keys.wrotePub': { en: 'Wrote {{path}} (fingerprint {{fingerprint}})', 'zh-CN': '已写入 {{path}}（指纹 {{fingerprint}}）' },
  'keys.added': { en: 'Added key #{{id}} ({{kind}}) fingerprint {{fingerprint}}. Read it back with the owner, then: handover keys verify {{id}} --fingerprint "…"', 'zh-CN': '已添加密钥 #{{id}}（{{kind}}），指纹 {{fingerprint}}。请与密钥持有人逐字核验指纹后运行：handover keys verify {{id}} --fingerprint "…"' },
  'keys.verified': { en: 'Key #{{id}} verified ({{how}}).', 'zh-CN': '密钥 #{{id}} 已核验（{{how}}）。' },
  'keys.identity': { en: 'Identity written to {{path}}. WARNING: it is a secret key; anyone with it can open this vault\'s packages.', 'zh-CN': 'age 身份已写入 {{path}}。警告：这是私钥，任何持有它的人都能打开发给本保险库的交接包。' },
  // data room
  'dataroom.header': { en: 'SESSION|HANDOVER|REVIEWER|STARTED|ENDED|VIEWS|QUESTIONS', 'zh-CN': '会话|交接项目|审阅人|开始时间|结束时间|查看次数|提问数' },
  'dataroom.report': { en: 'Report written to {{path}} (report.json, report.json.minisig, vault.pub, report.pdf).', 'zh-CN': '报告已写入 {{path}}（report.json、report.json.minisig、vault.pub、report.pdf）。' },
  // packages and receipts
  'package.verified': { en: 'VERIFIED (not yet decrypted)', 'zh-CN': '核验通过（尚未解密）' },
  'package.opened': { en: 'OPENED', 'zh-CN': '已打开' },
  'package.refused': { en: 'REFUSED: {{message}}{{detail}} [{{reason}}]', 'zh-CN': '已拒绝：{{message}}{{detail}} [{{reason}}]' },
  'package.id': { en: 'package:', 'zh-CN': '交接包：' },
  'package.handover': { en: 'handover:', 'zh-CN': '交接项目：' },
  'package.created': { en: 'created:', 'zh-CN': '创建时间：' },
  'package.signedBy': { en: 'signed by:', 'zh-CN': '签名者：' },
  'package.for': { en: 'for:', 'zh-CN': '加密给：' },
  'package.payload': { en: 'payload:', 'zh-CN': '加密内容：' },
  'package.bag': { en: 'bag:', 'zh-CN': '解开内容：' },
  'package.history': { en: 'history:', 'zh-CN': '交接历史：' },
  'package.keyGiven': { en: '{{fingerprint}} (the key you gave)', 'zh-CN': '{{fingerprint}}（你提供的公钥）' },
  'package.keyShipped': { en: '{{fingerprint}} (key shipped in the package: compare its fingerprint with the sender\'s)', 'zh-CN': '{{fingerprint}}（交接包自带的公钥：请与发送方核验指纹）' },
  'package.recipients': { en: '{{count}} recipient(s) {{fingerprints}}', 'zh-CN': '{{count}} 把买方加密公钥 {{fingerprints}}' },
  'package.payloadSize': { en: '{{bytes}} bytes, BLAKE2b-512 {{checksum}} (b2sum)', 'zh-CN': '{{bytes}} 字节，交接包校验码（BLAKE2b-512，b2sum）{{checksum}}' },
  'package.bagFiles': { en: '{{dir}} ({{files}} files, manifest verified)', 'zh-CN': '{{dir}}（{{files}} 个文件，清单核验通过）' },
  'package.historyEntries': { en: '{{count}} access-log entries, each proven against the seller\'s signed checkpoint', 'zh-CN': '{{count}} 条访问日志记录，每条都已对照卖方的已签名检查点证明' },
  'package.written': { en: 'Package written to {{path}}', 'zh-CN': '交接包已写入 {{path}}' },
  'package.writtenId': { en: '  id:', 'zh-CN': '  交接包 ID：' },
  'package.writtenChecksum': { en: '  blake2b:', 'zh-CN': '  交接包校验码：' },
  'package.writtenSigner': { en: '  signer:', 'zh-CN': '  签名者：' },
  'package.writtenCounts': { en: '  clients: {{clients}}, documents: {{documents}}', 'zh-CN': '  {{clients}} 个客户，{{documents}} 份文档' },
  'package.imported': { en: 'Imported {{imported}} client(s) and {{documents}} document(s) as segment {{tag}}; skipped {{skipped}} already here, rejected {{rejected}}.', 'zh-CN': '已导入 {{imported}} 个客户和 {{documents}} 份文档，标签为 {{tag}}；跳过已有的 {{skipped}} 个，拒绝 {{rejected}} 个。' },
  'receipt.written': { en: 'Receipt written to {{path}} (SHA-256 {{sha256}}).', 'zh-CN': '回执已写入 {{path}}（SHA-256：{{sha256}}）。' },
  'receipt.accepted': { en: 'Receipt accepted: {{by}}.', 'zh-CN': '已接受回执：{{by}}。' },
} as const satisfies Record<string, Record<Language, string>>;

export type CliTextKey = keyof typeof CLI_TEXT;
export type CliVars = Record<string, string | number>;

/** An entry in one language, {{name}} filled from `vars` (numbers written as the language writes them). */
export function cliText(lang: Language, key: CliTextKey, vars: CliVars = {}): string {
  return CLI_TEXT[key][lang].replace(/\{\{(\w+)\}\}/g, (_m, name: string) => {
    const v = vars[name];
    return typeof v === 'number' ? v.toLocaleString(lang) : (v ?? '');
  });
}

/** A table's header row: the entry's column names, split at |. */
export function cliHeader(lang: Language, key: CliTextKey): string[] {
  return CLI_TEXT[key][lang].split('|');
}
