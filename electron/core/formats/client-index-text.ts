import type { ClientDraft } from '../../../shared/contract/clients';
import { nameSortKey, pinyinSearchFields } from './pinyin';
import { searchTokens } from './search-tokens';
import { searchTokensUtf8, Utf8Sink } from './search-tokens-utf8';

/**
 * What a client puts into the search index and its sort key: pure functions of the record, so the
 * store (one client at a time) and the import worker (100,000 at a time) derive exactly the same.
 */
export type IndexedParts = Pick<ClientDraft, 'code' | 'name' | 'type' | 'region' | 'city' | 'address' | 'owner' | 'industry' | 'tags'> & {
  contacts: Pick<ClientDraft['contacts'][number], 'name' | 'phones' | 'emails'>[];
};

/**
 * The search index's columns (clients/store.ts CLIENT_SEARCH): each field a role can mask in its own
 * column, everything else in `t`. A search matches across all of them; a user who sees some of them
 * masked searches the others only (FTS5's column filter, clients/masked-search.ts), so a masked field
 * is never a search oracle. No token or phrase spans two fields, so splitting them into columns finds
 * exactly what one column of all of them found.
 */
export const INDEX_COLUMNS = ['t', 'phones', 'emails', 'address'] as const;
export type IndexColumn = (typeof INDEX_COLUMNS)[number];

/**
 * An index text holds the columns in that order, each ended by a line break but the last: no token holds
 * one (search-tokens.ts splits at white space), and `t` comes first, so the code's tokens go in front of
 * the whole text (withCodeTokens) — as a string, or as the UTF-8 the import's worker hands over.
 */
const COLUMN_BREAK = '\n';

/** The index text's columns, in INDEX_COLUMNS order: strings, or views into the UTF-8 bytes (no copy). */
export function indexColumns(text: string | Uint8Array): (string | Uint8Array)[] {
  if (typeof text === 'string') return text.split(COLUMN_BREAK);
  const out: Uint8Array[] = [];
  let from = 0;
  for (let at = text.indexOf(0x0a); at >= 0; at = text.indexOf(0x0a, from)) {
    out.push(text.subarray(from, at));
    from = at + 1;
  }
  out.push(text.subarray(from));
  return out;
}

export function indexText(draft: IndexedParts): string {
  return withCodeTokens(draft.code, indexTextWithoutCode(draft));
}

/**
 * The index text with the code's tokens put first. The import's worker tokenises everything but the
 * code (a code may still be given to a row when duplicates are resolved, on the main thread); the
 * result is the same text as tokenising all fields at once, since no token spans two fields.
 */
export function withCodeTokens(code: string, rest: string): string {
  const head = searchTokens([code]);
  return head && rest ? `${head} ${rest}` : head || rest;
}

/**
 * withCodeTokens for a text the import's worker made, in UTF-8 (clients/import/prepared-batch.ts):
 * used when a row had no code and was given one while duplicates were resolved.
 */
export function withCodeTokensUtf8(code: string, rest: Uint8Array): Uint8Array {
  const head = searchTokens([code]);
  if (!head) return rest;
  return rest.length ? Buffer.concat([Buffer.from(`${head} `), rest]) : Buffer.from(head);
}

/** The index text of everything but the code (see withCodeTokens); names also by their pinyin. */
export function indexTextWithoutCode(draft: IndexedParts): string {
  return indexedFields(draft).map(searchTokens).join(COLUMN_BREAK);
}

/** The fields each column of the index holds, in INDEX_COLUMNS order. */
function indexedFields(draft: IndexedParts): string[][] {
  const t = [draft.name, draft.region, draft.city, draft.owner, draft.industry, ...draft.tags, ...draft.contacts.map((c) => c.name), ...pinyinSearchFields(pinyinNames(draft))];
  const phones = draft.contacts.flatMap((c) => c.phones);
  const emails = draft.contacts.flatMap((c) => c.emails);
  return [t, phones, emails, [draft.address]];
}

const sink = new Utf8Sink();

/** indexText(draft) as UTF-8, written without the intermediate strings (the import's worker makes 100,000). */
export function indexTextUtf8(draft: IndexedParts): Uint8Array {
  sink.length = 0;
  // As withCodeTokens joins them: the code's tokens and a space, then the columns.
  if (searchTokensUtf8([draft.code], sink)) sink.byte(0x20);
  indexedFields(draft).forEach((fields, i) => {
    if (i > 0) sink.byte(0x0a);
    searchTokensUtf8(fields, sink);
  });
  return sink.copy();
}

/** The names found by pinyin (client, contacts, owner); people's names are read with surname rules. */
function pinyinNames(draft: IndexedParts): { text: string; person: boolean }[] {
  return [
    { text: draft.name, person: draft.type === 'individual' },
    { text: draft.owner, person: true },
    ...draft.contacts.map((c) => ({ text: c.name, person: true })),
  ];
}

export const clientSortKey = (draft: Pick<ClientDraft, 'name' | 'type'>) => nameSortKey(draft.name, draft.type === 'individual');
