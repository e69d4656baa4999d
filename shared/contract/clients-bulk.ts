import { z } from 'zod';
import { clientDraftSchema, clientQuerySchema } from './clients';
import { channel } from './refs';
import { jobIdSchema } from './schemas';

/**
 * Bulk actions on the clients list (issue 17): a new owner (the WeCom 在职继承 case: all of 张伟's
 * clients to 李娜), tags, archive — on the rows picked or on every client matching the list.
 */

/** The list's search and filters without its sort and page: what "every client matching" means. */
export const clientFilterSchema = clientQuerySchema.pick({ text: true, region: true, industry: true, owner: true, type: true, tag: true, tier: true, includeArchived: true });
export type ClientFilter = z.input<typeof clientFilterSchema>;

/**
 * "Every client matching the list's search and filters" (选择全部 N 个符合条件的客户), for a bulk action over
 * all pages. It names no ids: the router lists the matches in the caller's scope, with their masks (a
 * masked field matches nothing), and checks them like picked ones before the handler runs.
 */
export const clientsMatchingSchema = z.strictObject({ matching: clientFilterSchema });
export type ClientsMatching = z.infer<typeof clientsMatchingSchema>['matching'];
/** The most ids one call takes (a vault of 100,000 clients, and room). */
export const BULK_MAX_CLIENTS = 200_000;
const clientSelection = z.union([z.array(z.number().int().positive()).min(1).max(BULK_MAX_CLIENTS), clientsMatchingSchema]);

/** An owner as on client records: a colleague's user name or any name the records use. */
const ownerName = clientDraftSchema.shape.owner.min(1);
const tagList = z.array(clientDraftSchema.shape.tags.element).max(30);

/** What a bulk action did: how many clients it was given, and how many of them it changed (the rest already were so). */
export const bulkResultSchema = z.strictObject({ count: z.number().int(), changed: z.number().int() });
export type BulkResult = z.infer<typeof bulkResultSchema>;

const bulkInput = z.strictObject({ jobId: jobIdSchema, clientIds: clientSelection });
const CLIENT_SELECTION = { clientIds: 'client' } as const;

export const CLIENTS_BULK_CONTRACT = {
  /** 更换负责人: the selection's owner becomes `owner`; archived clients are refused (restore them first). */
  'clients.reassignOwner': channel('clients.edit', bulkInput.extend({ owner: ownerName }), bulkResultSchema, CLIENT_SELECTION),
  /** 添加标签 / 移除标签 on every client of the selection (a client keeps at most 30 tags). */
  'clients.tag': channel('clients.edit', bulkInput.extend({ add: tagList, remove: tagList }), bulkResultSchema, CLIENT_SELECTION),
  /** 归档 / 取消归档 the selection. */
  'clients.archiveMany': channel('clients.edit', bulkInput.extend({ archived: z.boolean() }), bulkResultSchema, CLIENT_SELECTION),
  /**
   * 加入交接项目: the selection joins the handover's scope (a scope change: standing approvals are voided).
   * Its `clientIds` is a selection of the clients LIST even though a handover is named (LIST_SELECTIONS).
   */
  'handovers.addClients': channel('handover.plan', bulkInput.extend({ handover: z.number().int().positive() }), bulkResultSchema, { handover: 'handover', clientIds: 'client' }),
} as const;

/**
 * Channels whose selection by filter is the clients list's (every vault client matching, in the caller's
 * scope and masks) although the input also names a handover; elsewhere, beside a handover, a selection
 * by filter lists that handover's own clients (router.ts expandMatching).
 */
export const LIST_SELECTIONS: ReadonlySet<string> = new Set<keyof typeof CLIENTS_BULK_CONTRACT>(['handovers.addClients']);
