import type { ClientDraft } from '../../../shared/contract/clients';
import type { MaskableField } from '../../../shared/contract/permissions';
import { nameSortKey, pinyinSearchFields } from './pinyin';
import { searchTokens } from './search-tokens';

/**
 * What a client puts into the search index and its sort key: pure functions of the record, so the
 * store (one client at a time) and the import worker (100,000 at a time) derive exactly the same.
 */
export type IndexedParts = Pick<ClientDraft, 'code' | 'name' | 'type' | 'region' | 'city' | 'address' | 'owner' | 'industry' | 'tags'> & {
  contacts: Pick<ClientDraft['contacts'][number], 'name' | 'phones' | 'emails'>[];
};

/**
 * The texts the search index holds for a client. `hidden` leaves out fields a user sees masked, so
 * their search can be held to what they may see (clients/masked-search.ts).
 */
export function indexFields(draft: IndexedParts, hidden: ReadonlySet<MaskableField> = new Set()): string[] {
  const fields = [draft.code, draft.name, draft.region, draft.city, hidden.has('address') ? '' : draft.address, draft.owner, draft.industry, ...draft.tags];
  for (const c of draft.contacts) fields.push(c.name, ...(hidden.has('phones') ? [] : c.phones), ...(hidden.has('emails') ? [] : c.emails));
  fields.push(...pinyinSearchFields(pinyinNames(draft)));
  return fields;
}

export function indexText(draft: ClientDraft): string {
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

/** The index text of everything but the code (see withCodeTokens). */
export function indexTextWithoutCode(draft: IndexedParts): string {
  return searchTokens(indexFields(draft).slice(1));
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
