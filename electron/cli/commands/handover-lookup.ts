import { AppError } from '../../../shared/errors';
import type { CliDoor } from '../door';
import { meaning } from '../command';
import { UsageError } from '../io';

/**
 * A handover by its reference (HO-2026-001) or number, among those the
 * router lets this user list: one the user may not see is not found, as in the app.
 */
export async function handoverByRef(door: CliDoor, arg: string | undefined): Promise<number> {
  if (!arg) throw new UsageError(meaning('give the handover: its reference (HO-2026-001) or number', '请给出交接项目：编号（HO-2026-001）或序号'));
  const found = (await door.call('handovers.list', {})).find((h) => h.ref === arg || String(h.id) === arg);
  if (!found) throw new AppError('HANDOVER_NOT_FOUND', `No handover ${arg}`, { id: arg });
  return found.id;
}
