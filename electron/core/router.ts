import { z } from 'zod';
import {
  CONTRACT, LIST_SELECTIONS, idsAt, isChannelName, rowsAt, type ChannelName, type CheckedIdKind, type ClientsMatching, type Contract, type HandoverMatching, type ProposalMatching, type Refs, type RowRef, type Rows,
} from '../../shared/contract';
import { AppError, systemAppError, type AppErrorData, type Result } from '../../shared/errors';

/** The caller as the router sees it: the signed-in user's permissions (null when locked). */
export interface Caller {
  permissions: ReadonlySet<string> | null;
  /** A data-room session is running: only its own channels answer. */
  dataroom?: boolean;
  /** Whether every one of these ids exists and lies in the caller's scope (absent when locked). */
  inScope?: (kind: CheckedIdKind, ids: readonly (number | string)[]) => boolean;
  /** The ids of a handover's clients matching a list's filter and search, in the caller's scope. */
  matchingClients?: (handoverId: number, matching: HandoverMatching) => number[];
  /** The ids of a handover's compensation proposals matching a list's filter and search, that the caller may see. */
  matchingProposals?: (handoverId: number, matching: ProposalMatching) => number[];
  /** The ids of the clients matching the clients list's search and filters, in the caller's scope and with their masks. */
  matchingListClients?: (matching: ClientsMatching) => number[];
  /** Which of these ids exist but lie outside the caller's scope (absent when locked). */
  outsideScope?: (kind: CheckedIdKind, ids: readonly (number | string)[]) => ReadonlySet<number | string>;
}

/** Out of scope and missing answer with the same words: nothing tells them apart. */
const NOT_FOUND: Record<CheckedIdKind, () => AppError> = {
  client: () => new AppError('CLIENT_NOT_FOUND', 'No such client'),
  document: () => new AppError('DOCUMENT_NOT_FOUND', 'No such document'),
  handover: () => new AppError('HANDOVER_NOT_FOUND', 'No such handover'),
  session: () => new AppError('SESSION_NOT_FOUND', 'No such data-room session'),
  question: () => new AppError('QUESTION_NOT_FOUND', 'No such question'),
};

/**
 * The channel's declared ids, each checked against the caller's scope. Parents
 * first (a handover before its clients), so a call about a handover the caller
 * cannot see says so whatever else it names. `entry` and `item` ids are looked
 * up by the handler inside the checked parent named alongside.
 */
function checkRefs(refs: Refs, input: unknown, who: Caller, listSelection: boolean): void {
  const order: CheckedIdKind[] = ['handover', 'session', 'question', 'client', 'document'];
  for (const kind of order) {
    if (kind === 'client') expandMatching(refs, input, who, listSelection);
    for (const [path, k] of Object.entries(refs)) {
      if (k !== kind) continue;
      const ids = idsAt(input, path);
      if (ids.length > 0 && !who.inScope?.(kind, ids)) throw NOT_FOUND[kind]();
    }
  }
}

const isMatching = (v: unknown): v is { matching: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v) && 'matching' in v;

/**
 * A bulk action over every client matching a list (选择全部 N 个符合条件的客户) names no ids.
 * Once the handover is checked, the caller's core lists the matching clients in the caller's scope, as
 * the list showed them; the ids replace the filter and are checked below like picked ones, so a handler
 * only ever sees ids. Only top-level fields can hold such a selection: beside a `handover` ref, a `client`
 * field lists the handover's clients and an `item` field (the only one is compensation's `proposalIds`)
 * its proposals, which the handler then looks up inside the handover like picked ones; in a channel
 * naming no handover (the clients list's bulk actions), a `client` field lists the vault's clients
 * matching the list's search and filters — and so does one of LIST_SELECTIONS (加入交接项目 from the
 * clients list), which names a handover to add them to.
 */
function expandMatching(refs: Refs, input: unknown, who: Caller, listSelection: boolean): void {
  const handoverPath = Object.keys(refs).find((p) => refs[p] === 'handover');
  for (const [path, kind] of Object.entries(refs)) {
    const fields = input as Record<string, unknown>;
    const selection = fields[path];
    if ((kind !== 'client' && kind !== 'item') || !isMatching(selection)) continue;
    let ids: number[];
    if ((!handoverPath || listSelection) && kind === 'client') {
      if (!who.matchingListClients) throw new AppError('VAULT_LOCKED', 'The vault is locked');
      ids = who.matchingListClients(selection.matching as ClientsMatching);
    } else {
      const handoverId = handoverPath ? idsAt(input, handoverPath)[0] : undefined;
      const list = kind === 'client' ? who.matchingClients : who.matchingProposals;
      if (typeof handoverId !== 'number' || !list) throw new AppError('INVALID_INPUT', 'A selection by filter needs a handover');
      ids = (list as (h: number, m: unknown) => number[])(handoverId, selection.matching);
    }
    if (ids.length === 0) throw new AppError('NO_CLIENTS_MATCH', 'No client matches the filter');
    fields[path] = ids;
    Object.defineProperty(fields, MATCHED_BY, { value: { ...matchedBy(fields), [path]: selection.matching }, configurable: true });
  }
}

/** Where the router keeps the filters it turned into ids (a symbol: no schema, JSON or renderer sees it). */
const MATCHED_BY = Symbol('matchedBy');
const matchedBy = (input: object): Record<string, unknown> => (input as { [MATCHED_BY]?: Record<string, unknown> })[MATCHED_BY] ?? {};

/**
 * The list filter a bulk action's selection at `path` was given as, before the router turned it into
 * ids, for the action's log entry ("all of 张伟's clients"); null when the rows were picked.
 */
export function selectionFilter(input: object, path: string): unknown {
  return matchedBy(input)[path] ?? null;
}

/** A bulk action's client ids, as the router hands them to a handler (it has already listed a selection by filter). */
export function pickedIds(selection: number[] | { matching: unknown }): number[] {
  if (Array.isArray(selection)) return selection;
  throw new AppError('INTERNAL', 'A selection by filter reached a handler unexpanded');
}

/**
 * The channel's declared output lists, without a row outside the caller's scope.
 * A plain list is filtered here alone; a handler whose list is paged also
 * filters in its query (so pages and totals are right), and this is the
 * declared guarantee behind it: a row a handler let through never leaves.
 */
function filterRows(rows: Rows, output: unknown, who: Caller): void {
  if (!who.outsideScope) return;
  for (const [path, declared] of Object.entries(rows)) {
    const list = rowsAt(output, path);
    if (!list || list.length === 0) continue;
    for (const { kind, field } of Array.isArray(declared) ? declared : [declared as RowRef]) {
      const ids = list.flatMap((row) => {
        const id = (row as Record<string, unknown>)[field];
        return typeof id === 'number' || typeof id === 'string' ? [id] : [];
      });
      const outside = who.outsideScope(kind, ids);
      if (outside.size === 0) continue;
      const kept = list.filter((row) => !outside.has((row as Record<string, unknown>)[field] as number | string));
      list.splice(0, list.length, ...kept);
    }
  }
}

/** During a data-room session, besides the session's channels, only these answer. */
const OPEN_DURING_DATAROOM = new Set<string>(['app.info', 'app.setLanguage', 'session.activity']);

export type Handler<C extends ChannelName> = (
  input: z.output<Contract[C]['input']>,
) => Promise<z.input<Contract[C]['output']>> | z.input<Contract[C]['output']>;
export type Handlers = { [C in ChannelName]: Handler<C> };

export function toErrorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  const system = systemAppError(err);
  if (system) return system.toData();
  if (err instanceof z.ZodError) {
    const first = err.issues[0];
    return {
      code: 'INVALID_INPUT',
      message: `Invalid input${first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : ''}`,
      details: { field: first ? first.path.join('.') : null },
    };
  }
  // Unknown failures are reported without their text: it may hold paths or data.
  return { code: 'INTERNAL', message: 'An internal error occurred' };
}

/**
 * One router for every transport (Electron IPC, the e2e harness, tests):
 * parse the input with the channel's schema, check the access the channel
 * declares, check every id the channel declares against the caller's scope,
 * run the handler, and check the output against its schema, so a handler can
 * never send the renderer more than the contract says nor act on what the
 * caller cannot see.
 */
export async function route(
  handlers: Handlers,
  caller: () => Caller,
  channel: unknown,
  rawInput: unknown,
): Promise<Result<unknown>> {
  try {
    if (!isChannelName(channel)) throw new AppError('UNKNOWN_CHANNEL', 'Unknown channel');
    const spec = CONTRACT[channel];
    const input = spec.input.parse(rawInput ?? {});
    const who = caller();
    if (who.dataroom && spec.access !== 'dataroom' && !OPEN_DURING_DATAROOM.has(channel)) {
      throw new AppError('DATAROOM_ACTIVE', 'Not available during a data-room session');
    }
    if (spec.access !== 'public') {
      const { permissions } = who;
      if (permissions === null) throw new AppError('VAULT_LOCKED', 'The vault is locked');
      if (spec.access === 'dataroom') {
        if (!who.dataroom) throw new AppError('DATAROOM_NOT_ACTIVE', 'No data-room session is running');
      } else if (spec.access !== 'unlocked' && !permissions.has(spec.access)) {
        throw new AppError('FORBIDDEN', 'You do not have the right to do this', { permission: spec.access });
      }
    }
    checkRefs(spec.refs, input, who, LIST_SELECTIONS.has(channel));
    const handler = handlers[channel] as (i: unknown) => unknown;
    const output = spec.output.parse(await handler(input));
    filterRows(spec.rows, output, who);
    return { ok: true, value: output };
  } catch (err) {
    if (!(err instanceof AppError) && !(err instanceof z.ZodError) && !systemAppError(err)) {
      // Keep the failure visible to developers without its message (could hold data).
      process.stderr.write(`handover: internal error in ${String(channel)}: ${(err as Error)?.name ?? 'Error'}\n`);
    }
    return { ok: false, error: toErrorData(err) };
  }
}
