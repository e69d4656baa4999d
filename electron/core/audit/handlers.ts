import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Handlers } from '../router';
import type { SessionContext } from '../session-context';
import { vaultSigningKey } from '../keys/vault-keys';
import { accessOf } from '../roles/authz';
import type { OpenVault } from '../vault/open-vault';
import { auditExportName, exportAuditLog } from './export';
import { maskEntryView } from './masked-texts';
import { logFacets, logStats, queryLog } from './query-store';
import { appendLog } from './store';
import { readSmallText, verifyAuditExport } from './verify';

/** A small text file the user picked (a public key, a checkpoint): unreadable says so in words. */
function readPicked(ctx: SessionContext, file: string): string {
  try {
    return readSmallText(ctx.allowedPath(file), basename(file));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('FILE_UNREADABLE', 'The file cannot be read');
  }
}

/**
 * The access log is the whole vault's: its entries name every client, document and handover by
 * code and title, whoever they belong to. Rows cannot be left out of it (the chain, the signed
 * checkpoints and an export prove it whole), so reading or exporting it needs an account that is
 * not limited to a segment of clients.
 */
export function requireUnscopedForLog(vault: OpenVault): void {
  if (accessOf(vault).scopes.length > 0) throw new AppError('SCOPED_AUDIT', 'Reading the access log needs an account that is not limited to a segment of clients');
}

type AuditChannel = Extract<keyof Handlers, `audit.${string}`> | 'dialog.chooseAuditFolder' | 'dialog.chooseToVerify';

/** The access-log channels -> functions (issue 18). */
export function auditHandlers(ctx: SessionContext): Pick<Handlers, AuditChannel> {
  const { now } = ctx;
  return {
    'audit.query': ({ filter, offset, limit }) => {
      const vault = ctx.requireVault();
      requireUnscopedForLog(vault);
      const page = queryLog(vault.db, filter, offset, limit);
      const { masked } = accessOf(vault);
      return { ...page, rows: page.rows.map((e) => maskEntryView(e, masked)) };
    },
    'audit.stats': ({ filter }) => {
      const vault = ctx.requireVault();
      requireUnscopedForLog(vault);
      return logStats(vault.db, filter);
    },
    'audit.facets': () => {
      const vault = ctx.requireVault();
      requireUnscopedForLog(vault);
      return logFacets(vault.db);
    },
    'dialog.chooseAuditFolder': async ({ purpose }) => ctx.picked(await ctx.platform.chooseFolder(purpose)),
    'audit.export': ({ jobId, dir, since, until }) => {
      const vault = ctx.requireVault();
      requireUnscopedForLog(vault);
      const parent = ctx.allowedPath(dir);
      const name = auditExportName(now());
      const masked = accessOf(vault).masked;
      const done = ctx.jobs.run(jobId, (job) => exportAuditLog(vault.db, { parent, name, since, until, actor: vault.user.name, key: vaultSigningKey(vault), masked }, job, now));
      // The folder the export just made, inside one the user picked, may be verified right away ("verify this export").
      return done.then((r) => ({ ...r, dir: ctx.picked(r.dir).path ?? r.dir }));
    },
    // What an auditor was handed, checked with no vault open (issue 14: `audit verify` is a router call like the rest).
    'dialog.chooseToVerify': async ({ kind }) => {
      const { platform } = ctx;
      const path = kind === 'audit-export' ? await platform.chooseFolder('audit-verify')
        : kind === 'package-open' ? await platform.chooseFolder('package-open')
          : kind === 'package' ? await platform.choosePackageFile() : await platform.chooseKeyFile(kind);
      return ctx.picked(path);
    },
    'audit.verifyExport': ({ dir, publicKeyFile, checkpointFile }) => verifyAuditExport(ctx.allowedPath(dir), {
      publicKey: publicKeyFile ? readPicked(ctx, publicKeyFile) : undefined,
      heldCheckpoint: checkpointFile ? readPicked(ctx, checkpointFile) : undefined,
    }),
    'audit.verify': async ({ dir, publicKeyFile, checkpointFile }) => {
      const vault = ctx.requireVault();
      const verdict = await verifyAuditExport(ctx.allowedPath(dir), {
        publicKey: publicKeyFile ? readPicked(ctx, publicKeyFile) : undefined,
        heldCheckpoint: checkpointFile ? readPicked(ctx, checkpointFile) : undefined,
      });
      vault.db.transaction(() => {
        appendLog(vault.db, { actor: vault.user.name, action: 'audit.verify', target: basename(dir), details: { ok: verdict.ok, problem: verdict.problem?.kind ?? '' } }, now());
      }).immediate();
      return verdict;
    },
  };
}
