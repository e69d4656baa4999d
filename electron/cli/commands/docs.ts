import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { clientIdByCode } from '../../core/clients/repository';
import { attachDocument, exportDocument, listDocuments } from '../../core/documents/documents';
import { silentJob } from '../../core/jobs/jobs';
import type { OpenVault } from '../../core/vault/vault';
import type { Command } from '../command';
import { progressPrinter, UsageError } from '../io';
import { now, requireString, withRight, withVault } from '../session';

function clientOf(vault: OpenVault, code: string): number {
  const id = clientIdByCode(vault.db, code);
  if (id === null) throw new AppError('CLIENT_NOT_FOUND', `No client with code ${code}`);
  return id;
}


const fmtSize = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`);

export const docCommands: Command[] = [
  {
    path: ['docs', 'add'],
    summary: 'attach a file (up to 2 GB) to a client; stored encrypted inside the vault',
    usage: 'handover docs add CODE FILE',
    options: {},
    async run(io, values, positionals) {
      if (positionals.length !== 2) throw new UsageError('give a client CODE and a FILE');
      return withRight(io, values, 'documents.manage', async (vault) => {
        const doc = await attachDocument(vault, clientOf(vault, positionals[0]!), resolve(positionals[1]!), { ...silentJob(), progress: progressPrinter(io, 'attach') }, now);
        return { human: `Attached ${doc.name} (${fmtSize(doc.size)}) to ${positionals[0]}\nSHA-256 ${doc.sha256}`, json: doc };
      });
    },
  },
  {
    path: ['docs', 'list'],
    summary: 'list a client\'s documents with size and SHA-256',
    usage: 'handover docs list CODE',
    options: {},
    async run(io, values, positionals) {
      if (positionals.length !== 1) throw new UsageError('give a client CODE');
      return withVault(io, values, (vault) => {
        const docs = listDocuments(vault.db, clientOf(vault, positionals[0]!));
        return { human: docs.map((d) => `${d.name}\t${fmtSize(d.size)}\t${d.sha256}`).join('\n') || '(no documents)', json: docs };
      });
    },
  },
  {
    path: ['docs', 'export'],
    summary: 'export a copy of a document (checked against its SHA-256, logged)',
    usage: 'handover docs export CODE NAME --out FILE',
    options: { out: { type: 'string' } },
    async run(io, values, positionals) {
      if (positionals.length !== 2) throw new UsageError('give a client CODE and a document NAME');
      const out = resolve(requireString(values, 'out'));
      return withRight(io, values, 'documents.manage', async (vault) => {
        const doc = listDocuments(vault.db, clientOf(vault, positionals[0]!)).find((d) => d.name === positionals[1]);
        if (!doc) throw new AppError('DOCUMENT_NOT_FOUND', `No document named ${positionals[1]}`);
        await exportDocument(vault, doc.id, out, { ...silentJob(), progress: progressPrinter(io, 'export') }, now);
        return { human: `Exported ${doc.name} to ${out}`, json: { ...doc, path: out } };
      });
    },
  },
];
