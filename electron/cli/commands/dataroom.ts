import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { listSessions, writeSessionReport } from '../../core/datarooms/session';
import { allHandovers } from '../../core/handovers/store';
import { AppError } from '../../../shared/errors';
import type { Command } from '../command';
import { UsageError } from '../io';
import { now, requireString, withRight } from '../session';

/** `handover dataroom list|report`: past data-room sessions and their signed reports. */
export const dataroomCommands: Command[] = [
  {
    path: ['dataroom', 'list'],
    summary: 'list data-room sessions (of one handover, or all)',
    usage: 'handover dataroom list [--handover ID]',
    options: { handover: { type: 'string' } },
    async run(io, values) {
      const rows = await withRight(io, values, 'clients.read', (vault) => {
        let id: number | null = null;
        if (values.handover) {
          const h = allHandovers(vault.db).find((x) => x.ref === values.handover || String(x.id) === values.handover);
          if (!h) throw new AppError('HANDOVER_NOT_FOUND', `No handover ${String(values.handover)}`, { id: String(values.handover) });
          id = h.id;
        }
        return listSessions(vault.db, id);
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
    summary: 'write a session\'s report: report.json, its minisign signature, vault.pub and a PDF',
    usage: 'handover dataroom report SESSION --out DIR',
    options: { out: { type: 'string' } },
    notes: ['Check it with: minisign -Vm report.json -p vault.pub'],
    async run(io, values, positionals) {
      if (positionals.length !== 1) throw new UsageError('give exactly one SESSION id (DR-…)');
      const out = resolve(requireString(values, 'out'));
      if (!existsSync(out)) throw new UsageError(`--out: ${out}: no such folder`);
      const dir = await withRight(io, values, 'clients.read', (vault) => writeSessionReport(vault, positionals[0]!, out, now));
      return { human: `Report written to ${dir} (report.json, report.json.minisig, vault.pub, report.pdf).`, json: { path: dir } };
    },
  },
];
