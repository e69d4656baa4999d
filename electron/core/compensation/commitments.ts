import { z } from 'zod';
import { clientsCsvHeader, csvCell, csvLine, money } from '../formats/csv-cell';
import type { Db } from '../db/database';
import { agreedCommitments } from './proposals-read-model';
import { insertReceivedCommitment } from './store';

/**
 * What the buyer inherits (issue 19, 待履行承诺): each client's agreed
 * compensation — what was promised, what is paid, what is still owed — in the
 * package (a `commitments` array on the client in clients.json, three columns
 * in clients.csv, and data/commitments.csv listed in the bag's manifest), and,
 * on the buyer's side, kept with the imported clients.
 */
export const COMMITMENTS_CSV = 'data/commitments.csv';

export const commitmentSchema = z.strictObject({
  method: z.string().max(50),
  promise: z.string().max(2000),
  agreedFen: z.number().int().min(0),
  paidFen: z.number().int().min(0),
  owedFen: z.number().int().min(0),
  agreedOn: z.string().max(10).nullable(),
  dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  currency: z.literal('CNY'),
});
export type Commitment = z.infer<typeof commitmentSchema>;

/** The commitments of each client in the handover's scope (an agreement recorded). */
export function commitmentsByClient(db: Db, handoverId: number): Map<number, Commitment[]> {
  const m = new Map<number, Commitment[]>();
  for (const r of agreedCommitments(db, handoverId)) {
    const c: Commitment = { method: r.method, promise: r.promise, agreedFen: r.agreedFen, paidFen: r.paidFen, owedFen: r.owedFen, agreedOn: r.agreedOn, dueOn: r.dueOn, currency: 'CNY' };
    m.set(r.clientId, [...(m.get(r.clientId) ?? []), c]);
  }
  return m;
}

/** clients.csv's extra cells for a client: agreed, paid and owed in 元 (blank without an agreement). */
export function commitmentCells(list: Commitment[] | undefined): string[] {
  if (!list?.length) return ['', '', ''];
  const sum = (f: (c: Commitment) => number) => money(list.reduce((a, c) => a + f(c), 0));
  return [sum((c) => c.agreedFen), sum((c) => c.paidFen), sum((c) => c.owedFen)];
}

/** clients.csv's header, with the commitment columns when the handover made commitments. */
export function packageClientsCsvHeader(withCommitments: boolean): string {
  const head = clientsCsvHeader();
  if (!withCommitments) return head;
  return `${head.slice(0, -2)},${['compensation_agreed', 'compensation_paid', 'compensation_owed'].map(csvCell).join(',')}\r\n`;
}

/** data/commitments.csv: one line per agreed client compensation, amounts in 元, the agreement's SHA-256 when one is attached. */
export function commitmentsCsv(db: Db, handoverId: number): Buffer {
  const head = ['client_code', 'client_name', 'method', 'promise', 'agreed', 'paid', 'owed', 'currency', 'agreed_on', 'due_on', 'agreement_sha256'];
  const lines = agreedCommitments(db, handoverId).map((r) => csvLine([
    r.code, r.name, r.method, r.promise, money(r.agreedFen), money(r.paidFen), money(r.owedFen), 'CNY', r.agreedOn, r.dueOn, r.agreementSha256,
  ]));
  return Buffer.from(`\uFEFF${head.map(csvCell).join(',')}\r\n${lines.join('')}`);
}

/** The commitments a received clients.json carries (malformed ones are left out, never guessed at). */
export function receivedCommitmentsOf(row: Record<string, unknown>): Commitment[] {
  if (!Array.isArray(row.commitments)) return [];
  return row.commitments.flatMap((c) => {
    const parsed = commitmentSchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * What a package promised, for the Receive page before import. For a role
 * that masks amounts the amounts are null (shown as ***): what was promised
 * and when stays readable, how much does not (issue 19).
 */
export function commitmentsPreview(rows: Record<string, unknown>[], maskAmounts: boolean) {
  const amount = (fen: number) => (maskAmounts ? null : fen);
  return rows.flatMap((row) => receivedCommitmentsOf(row).map((c) => ({
    code: String(row.code ?? ''), name: String(row.name ?? ''), method: c.method, promise: c.promise, agreedFen: amount(c.agreedFen), paidFen: amount(c.paidFen), owedFen: amount(c.owedFen), dueOn: c.dueOn,
  })));
}

/** Keep the commitments with the clients just imported (same transaction as the import). */
export function storeReceivedCommitments(db: Db, rows: Record<string, unknown>[], clientIds: Map<string, number>, packageId: string, handoverRef: string, at: string): number {
  let n = 0;
  for (const row of rows) {
    const clientId = clientIds.get(String(row.code ?? ''));
    if (clientId === undefined) continue;
    for (const c of receivedCommitmentsOf(row)) n += insertReceivedCommitment(db, clientId, packageId, handoverRef, c, at);
  }
  return n;
}
