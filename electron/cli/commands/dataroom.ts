import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { meaning, type Command } from '../command';
import { UsageError } from '../io';
import { DATAROOM_END_REASON_LABELS } from '../../../shared/i18n/domain-labels';
import { requireString, withVault } from '../session';
import { say, table, when } from '../text';
import { handoverByRef } from './handover-lookup';

/** `handover dataroom list|report`: past data-room sessions and their signed reports. */
export const dataroomCommands: Command[] = [
  {
    path: ['dataroom', 'list'],
    summary: meaning('list data-room sessions (of one handover, or all)', '列出数据室会话（某个交接项目的，或全部）'),
    usage: 'handover dataroom list [--handover ID]',
    options: { handover: { type: 'string', description: meaning('only the sessions of this handover', '只列出该交接项目的数据室会话') } },
    async run(io, values) {
      const rows = await withVault(io, values, async ({ door }) => {
        const handoverId = values.handover ? await handoverByRef(door, values.handover as string) : null;
        return door.call('dataroom.list', { handoverId });
      });
      const l = io.language;
      const ended = (r: (typeof rows)[number]) => {
        if (!r.endedAt) return say(l, 'word.running');
        const reason = r.endReason && Object.hasOwn(DATAROOM_END_REASON_LABELS, r.endReason) ? DATAROOM_END_REASON_LABELS[r.endReason as keyof typeof DATAROOM_END_REASON_LABELS][l] : r.endReason;
        return reason ? (l === 'zh-CN' ? `${when(l, r.endedAt)}（${reason}）` : `${when(l, r.endedAt)} (${reason})`) : when(l, r.endedAt);
      };
      return {
        human: table(l, 'dataroom.header', rows.map((r) => [r.id, r.handoverRef, l === 'zh-CN' ? `${r.reviewer}（${r.organisation}）` : `${r.reviewer} (${r.organisation})`, when(l, r.startedAt), ended(r), String(r.views), String(r.questions)])),
        json: rows,
      };
    },
  },
  {
    path: ['dataroom', 'report'],
    summary: meaning('write a session\'s report: report.json, its minisign signature, vault.pub and a PDF', '写出会话报告：report.json、其 minisign 签名、vault.pub 和 PDF'),
    usage: 'handover dataroom report SESSION --out DIR',
    options: {
      out: { type: 'string', description: meaning('the folder to write the signed session report into (report.json, its signature, report.pdf)', '签名会话报告的保存文件夹（report.json、签名、report.pdf）') },
    },
    notes: [meaning('Check it with: minisign -Vm report.json -p vault.pub', '核验方法：minisign -Vm report.json -p vault.pub')],
    async run(io, values, positionals) {
      if (positionals.length !== 1) throw new UsageError(meaning('give exactly one SESSION id (DR-…)', '请给出一个会话编号（DR-…）'));
      const out = resolve(requireString(values, 'out'));
      if (!existsSync(out)) throw new UsageError(meaning(`--out: ${out}: no such folder`, `--out：文件夹 ${out} 不存在`));
      const { path } = await withVault(io, values, ({ door }) => door.call('dataroom.exportReport', { id: positionals[0]! }, { chooseFolder: out }));
      return { human: say(io.language, 'dataroom.report', { path: String(path) }), json: { path } };
    },
  },
];
