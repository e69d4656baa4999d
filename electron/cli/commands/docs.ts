import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { meaning, type Command } from '../command';
import { UsageError } from '../io';
import { requireString, withVault } from '../session';
import { say, table } from '../text';
import { clientByCode } from './clients';

const fmtSize = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`);

/** `handover docs …`: a client's documents, each call checked by the router (right and scope) like the app's. */
export const docCommands: Command[] = [
  {
    path: ['docs', 'add'],
    summary: meaning('attach a file (up to 2 GB) to a client; stored encrypted inside the vault', '为客户添加文件（最大 2 GB），加密保存在保险库中'),
    usage: 'handover docs add CODE FILE',
    options: {},
    async run(io, values, positionals) {
      if (positionals.length !== 2) throw new UsageError(meaning('give a client CODE and a FILE', '请给出客户编号和文件'));
      const file = resolve(positionals[1]!);
      const doc = await withVault(io, values, async ({ door }) => {
        const clientId = await clientByCode(door, positionals[0]!);
        await door.call('dialog.chooseDocumentFile', {}, { chooseDocumentFile: file });
        return door.call('documents.attach', { jobId: door.job('attach'), clientId, file });
      });
      return { human: say(io.language, 'docs.attached', { name: doc.name, size: fmtSize(doc.size), client: positionals[0]!, sha256: doc.sha256 }), json: doc };
    },
  },
  {
    path: ['docs', 'list'],
    summary: meaning('list a client\'s documents with size and SHA-256', '列出客户的文档及其大小和 SHA-256'),
    usage: 'handover docs list CODE',
    options: {},
    async run(io, values, positionals) {
      if (positionals.length !== 1) throw new UsageError(meaning('give a client CODE', '请给出客户编号'));
      const docs = await withVault(io, values, async ({ door }) => door.call('documents.list', { clientId: await clientByCode(door, positionals[0]!) }));
      return { human: docs.length ? table(io.language, 'docs.header', docs.map((d) => [d.name, fmtSize(d.size), d.sha256])) : say(io.language, 'docs.none'), json: docs };
    },
  },
  {
    path: ['docs', 'export'],
    summary: meaning('export a copy of a document (checked against its SHA-256, logged)', '导出文档副本（按 SHA-256 核验，记入访问日志）'),
    usage: 'handover docs export CODE NAME --out FILE',
    options: {
      out: { type: 'string', description: meaning('where to write the decrypted copy of the document', '文档解密副本的保存位置') },
    },
    async run(io, values, positionals) {
      if (positionals.length !== 2) throw new UsageError(meaning('give a client CODE and a document NAME', '请给出客户编号和文档名称'));
      const out = resolve(requireString(values, 'out'));
      const doc = await withVault(io, values, async ({ door }) => {
        const docs = await door.call('documents.list', { clientId: await clientByCode(door, positionals[0]!) });
        const found = docs.find((d) => d.name === positionals[1]);
        if (!found) throw new AppError('DOCUMENT_NOT_FOUND', `No document named ${positionals[1]}`);
        await door.call('documents.export', { jobId: door.job('export'), id: found.id }, { chooseSaveTarget: out });
        return found;
      });
      return { human: say(io.language, 'docs.exported', { name: doc.name, path: out }), json: { ...doc, path: out } };
    },
  },
];
