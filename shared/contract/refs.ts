import type { z } from 'zod';
import type { Access } from './permissions';

/**
 * What an id in a channel's input names. The router checks `client`,
 * `document`, `handover`, `session` and `question` ids against the caller's
 * scope before the handler runs (a missing id and an out-of-scope one answer
 * alike). `entry` (a client's transaction or communication) and `item` (a
 * handover's NDA, risk or checklist item) belong to the client or handover
 * named alongside in the same input: the handler looks them up only inside
 * that parent, which the router has checked.
 */
export const ID_KINDS = ['client', 'document', 'handover', 'session', 'question', 'entry', 'item'] as const;
export type IdKind = (typeof ID_KINDS)[number];
/** The kinds the router looks up itself (the others are children of one of these). */
export type CheckedIdKind = Exclude<IdKind, 'entry' | 'item'>;

/** Input field path (dots for nesting; an array of ids is checked whole) -> what the ids name. */
export type Refs = Readonly<Record<string, IdKind>>;
/** A channel whose input names no client, document, handover, session or question. */
export const NO_REFS: Refs = Object.freeze({});

/**
 * How a list in a channel's output is filtered by scope: the rows of the array
 * at `path` (dots for nesting, '' for an output that is itself the array) each
 * name a client, document, handover, session or question in their field
 * `field` (for clients also `code`). The router drops every row whose id
 * exists and lies outside the caller's scope, whatever the handler returned.
 */
export interface RowRef {
  kind: CheckedIdKind;
  field: string;
}
/** Output array path -> what its rows name (one ref, or several when a row names more than one). */
export type Rows = Readonly<Record<string, RowRef | readonly RowRef[]>>;
/** A channel whose output holds no rows naming scoped records. */
export const NO_ROWS: Rows = Object.freeze({});

export interface ChannelSpec<I extends z.ZodType, O extends z.ZodType> {
  access: Access;
  input: I;
  output: O;
  refs: Refs;
  rows: Rows;
}

/**
 * Every channel says who may call it, its shapes, which of its input fields name
 * ids (required) and, when its output lists scoped records, how they are filtered.
 */
export function channel<I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O, refs: Refs, rows: Rows = NO_ROWS): ChannelSpec<I, O> {
  return { access, input, output, refs, rows };
}

/** The rows of the array at a dot path of an output ('' is the output itself); absent or not an array gives none. */
export function rowsAt(output: unknown, path: string): unknown[] | null {
  let value: unknown = output;
  for (const key of path === '' ? [] : path.split('.')) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[key];
  }
  return Array.isArray(value) ? value : null;
}

/** The ids at a dot path of a parsed input: none when absent or null, every element of an array. */
export function idsAt(input: unknown, path: string): (number | string)[] {
  let value: unknown = input;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return [];
    value = (value as Record<string, unknown>)[key];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is number | string => typeof v === 'number' || typeof v === 'string');
}
