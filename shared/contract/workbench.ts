import { z } from 'zod';
import { channel, NO_REFS, type Rows } from './refs';

/**
 * The workbench (工作台, issue 17): what waits for the signed-in user, each
 * row naming the handover whose step acts on it. One read channel; the
 * handovers it lists are the ones `handovers.list` shows this user.
 */
const handoverRef = { handoverId: z.number().int(), ref: z.string(), title: z.string() };

export const workbenchSchema = z.strictObject({
  /** Submitted handovers this user may approve and has not (four eyes: never their own). */
  approvals: z.array(z.strictObject({ ...handoverRef, submittedBy: z.string(), submittedAt: z.string().nullable() })),
  /** Notices still to generate or to record as sent, while the plan is open; `dueOn` the notice start date they were due by. */
  notices: z.array(z.strictObject({ ...handoverRef, toGenerate: z.number().int(), toSend: z.number().int(), dueOn: z.string().nullable() })),
  /**
   * Objection windows: open ones (the deadline, days left, clients who have not answered), and closed ones whose
   * unanswered clients still wait for a keep-or-drop decision (`days` negative: the decision is that many days overdue).
   */
  objections: z.array(z.strictObject({ ...handoverRef, deadline: z.string(), days: z.number().int(), undecided: z.number().int() })),
  /** Reviewers' data-room questions without an answer. */
  questions: z.array(z.strictObject({ ...handoverRef, open: z.number().int() })),
  /** Handovers with unmet export conditions (a link to the plan each). */
  blocked: z.array(z.strictObject({ ...handoverRef, gatesOpen: z.number().int() })),
  /** The newest backup of the vault (whole vault or a handover's), from the access log. */
  lastBackupAt: z.string().nullable(),
  /** First-run checklist: what this vault already has. */
  setup: z.strictObject({
    users: z.number().int(),
    clients: z.number().int(),
    verifiedKeys: z.number().int(),
    handovers: z.number().int(),
  }),
});
export type Workbench = z.infer<typeof workbenchSchema>;

const byHandover = { kind: 'handover', field: 'handoverId' } as const;
const WORKBENCH_ROWS = { approvals: byHandover, notices: byHandover, objections: byHandover, questions: byHandover, blocked: byHandover } as const satisfies Rows;

export const WORKBENCH_CONTRACT = {
  'workbench.summary': channel('clients.read', z.strictObject({}), workbenchSchema, NO_REFS, WORKBENCH_ROWS),
} as const;
