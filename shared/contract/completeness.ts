import { z } from 'zod';
import { channel } from './refs';

/**
 * 资料完整度 (issue 17: "with a tooltip naming what is missing"): what the data categories a handover sends
 * lead the buyer to expect of each client, and per item which clients lack it. The items are the package's
 * completeness checks (packages/export-clients.ts): basic fields, a reachable contact, transactions, notes or
 * communications, value figures, documents.
 */
export const COMPLETENESS_ITEMS = [
  'name', 'industry', 'region', 'city', 'address', 'owner', 'contact', 'transactions', 'notes', 'annualRevenue', 'grossProfit', 'renewalRate', 'satisfaction', 'documents',
] as const;
export type CompletenessItem = (typeof COMPLETENESS_ITEMS)[number];

/** How many clients an item names by name (the first few, by code): the tooltip lists them as links. */
export const COMPLETENESS_EXAMPLES = 3;

export const handoverCompletenessSchema = z.strictObject({
  /** The handover's included clients counted: those in the caller's scope. */
  clients: z.number().int(),
  /** Whether the caller's scope limits the clients counted (the tooltip says 仅计你可查看的客户). */
  scoped: z.boolean(),
  /** Items present and expected over those clients (the ratio 资料完整度 shows). */
  present: z.number().int(),
  expected: z.number().int(),
  /** Each item the categories expect that some client lacks, and how many lack it. */
  missing: z.array(z.strictObject({ item: z.enum(COMPLETENESS_ITEMS), count: z.number().int() })),
  /** The first few clients lacking each item, by code (a flat list, so the router's row filter covers it too). */
  examples: z.array(z.strictObject({ item: z.enum(COMPLETENESS_ITEMS), clientId: z.number().int(), code: z.string(), name: z.string() })),
  /** Items not counted for this caller because their fields are masked for them (whether they are empty is not shown). */
  masked: z.array(z.enum(COMPLETENESS_ITEMS)),
});
export type HandoverCompleteness = z.infer<typeof handoverCompletenessSchema>;

export const COMPLETENESS_CONTRACT = {
  /** 资料完整度 of the handover's scope now, counted over the clients the caller may see, masked fields left out. */
  'handovers.completeness': channel('clients.read', z.strictObject({ id: z.number().int().positive() }), handoverCompletenessSchema, { id: 'handover' }, { examples: { kind: 'client', field: 'clientId' } }),
} as const;
