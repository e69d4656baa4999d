import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { meaning, type Command } from '../command';
import { UsageError } from '../io';
import { requireString, withVault } from '../session';
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
      return {
        human: ['SESSION\tHANDOVER\tREVIEWER\tSTARTED\tENDED\tVIEWS\tQUESTIONS',
          ...rows.map((r) => `${r.id}\t${r.handoverRef}\t${r.reviewer} (${r.organisation})\t${r.startedAt}\t${r.endedAt ? `${r.endedAt} ${r.endReason}` : 'running'}\t${r.views}\t${r.questions}`)].join('\n'),
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
      if (positionals.length !== 1) throw new UsageError('give exactly one SESSION id (DR-…)');
      const out = resolve(requireString(values, 'out'));
      if (!existsSync(out)) throw new UsageError(`--out: ${out}: no such folder`);
      const { path } = await withVault(io, values, ({ door }) => door.call('dataroom.exportReport', { id: positionals[0]! }, { chooseFolder: out }));
      return { human: `Report written to ${path} (report.json, report.json.minisig, vault.pub, report.pdf).`, json: { path } };
    },
  },
];
