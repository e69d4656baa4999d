import { AppError } from '../../../shared/errors';
import { pickedIds, selectionFilter, type Handlers } from '../router';
import { accessOf } from '../roles/authz';
import { idsInScope } from '../roles/scope-read-model';
import type { SessionContext } from '../session-context';
import { addCommunication, addTransaction, removeEntry, updateCommunication, updateTransaction } from './entries';
import { checkImport, previewImport, requireUnscoped, runImport, writeRejectedReport } from './import/service';
import {
  archiveClient, clientValue, createClient, editClient, exportClients, facetsForUser, purgeClient, revealField, saveFilter, savedFilters,
  searchForUser, setValueWeights, viewClient,
} from './service';
import { clientIdByCode, isArchived } from './store';
import { archiveMany, reassignOwner, tagClients } from './bulk';
import { localDay } from '../../../shared/dates';

type ClientChannels = Pick<Handlers, Extract<keyof Handlers, `clients.${string}`> | 'dialog.chooseImportFile'>;

/** The clients.* channels -> the clients domain's service functions. Where does `clients.search` happen? Here. */
export function clientsHandlers(ctx: SessionContext): ClientChannels {
  const { now } = ctx;
  const v = () => ctx.requireVault();
  return {
    'dialog.chooseImportFile': async () => ctx.picked(await ctx.platform.chooseImportFile()),
    'clients.search': (query) => searchForUser(v(), query, now),
    'clients.facets': () => facetsForUser(v()),
    'clients.reveal': ({ id, path, reason }) => revealField(v(), id, path, reason, now),
    'clients.get': ({ id }) => viewClient(v(), id, now),
    'clients.byCode': ({ code }) => {
      const vault = v();
      const id = clientIdByCode(vault.db, code);
      // A code the router cannot check for the caller: missing and out of scope answer alike here.
      if (id === null || !idsInScope(vault.db, accessOf(vault), 'client', [id])) throw new AppError('CLIENT_NOT_FOUND', 'No such client');
      return { id, archived: isArchived(vault.db, id) };
    },
    'clients.create': (draft) => createClient(v(), draft, now),
    'clients.update': ({ id, draft }) => editClient(v(), id, draft, now),
    'clients.archive': ({ id, archived }) => {
      archiveClient(v(), id, archived, now);
      return {};
    },
    // Bulk actions hold one transaction open across batches: exclusive jobs, like an import (progress, cancel).
    'clients.reassignOwner': (input) => {
      const vault = v();
      return ctx.exclusive(() => ctx.jobs.run(input.jobId, (job) => reassignOwner(vault, pickedIds(input.clientIds), input.owner, selectionFilter(input, 'clientIds'), job, now)));
    },
    'clients.tag': (input) => {
      const vault = v();
      return ctx.exclusive(() => ctx.jobs.run(input.jobId, (job) => tagClients(vault, pickedIds(input.clientIds), input.add, input.remove, selectionFilter(input, 'clientIds'), job, now)));
    },
    'clients.archiveMany': (input) => {
      const vault = v();
      return ctx.exclusive(() => ctx.jobs.run(input.jobId, (job) => archiveMany(vault, pickedIds(input.clientIds), input.archived, selectionFilter(input, 'clientIds'), job, now)));
    },
    'clients.importPreview': ({ file, encoding }) => previewImport(v(), ctx.allowedPath(file), encoding),
    'clients.importCheck': ({ file, encoding, mapping, onDuplicate }) => checkImport(v(), ctx.allowedPath(file), encoding, mapping, onDuplicate),
    'clients.importRun': ({ jobId, file, encoding, mapping, onDuplicate, saveMappingAs }) => {
      const vault = v();
      const source = ctx.allowedPath(file);
      return ctx.exclusive(() => ctx.jobs.run(jobId, (job) => runImport(vault, { file: source, encoding, mapping, policy: onDuplicate, saveMappingAs }, job, now)));
    },
    'clients.saveRejected': async ({ file, encoding, mapping, onDuplicate, language }) => {
      const vault = v();
      requireUnscoped(vault);
      const source = ctx.allowedPath(file);
      const out = await ctx.saveTarget(language === 'en' ? 'rejected-rows.csv' : '未导入的行.csv');
      if (!out) return { path: null, count: 0 };
      const count = await writeRejectedReport(vault, out, { file: source, encoding, mapping, policy: onDuplicate, language });
      return { path: out, count };
    },
    'clients.export': async ({ query, format, ids }) => {
      const vault = v();
      const out = await ctx.saveTarget(`clients-${localDay(now())}.${format}`);
      if (!out) return { path: null, count: 0 };
      return { path: out, count: exportClients(vault, out, query, format, now, ids) };
    },
    'clients.value': () => clientValue(v()),
    'clients.setValueWeights': (weights) => setValueWeights(v(), weights, now),
    'clients.addTransaction': ({ clientId, ...t }) => addTransaction(v(), clientId, t, now),
    'clients.addCommunication': ({ clientId, ...m }) => addCommunication(v(), clientId, m, now),
    'clients.updateTransaction': ({ clientId, id, ...t }) => updateTransaction(v(), clientId, id, t, now),
    'clients.updateCommunication': ({ clientId, id, ...m }) => updateCommunication(v(), clientId, id, m, now),
    'clients.removeEntry': ({ clientId, entry, id }) => removeEntry(v(), clientId, entry, id, now),
    'clients.purge': ({ id, confirmCode }) => {
      purgeClient(v(), id, confirmCode, now);
      return {};
    },
    'clients.savedFilters': () => savedFilters(v()),
    'clients.saveFilter': (filter) => saveFilter(v(), filter),
    'clients.deleteFilter': ({ name }) => saveFilter(v(), { name }),
  };
}
