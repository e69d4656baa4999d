import type { Db } from '../db/database';
import type { HandoverRow, PackageRecord } from './store';

/**
 * What the transfer writes on a handover row (issue 18): the backup taken before it, the package
 * exported (the handover becomes 'exported', its transfer date set), and the buyer's receipt
 * (it becomes 'acknowledged'). The rest of the row is read and written in store.ts and plan-store.ts.
 */

export function writeBackupRecord(db: Db, id: number, backup: NonNullable<HandoverRow['backup']>): void {
  db.prepare('UPDATE handovers SET backup = ? WHERE id = ?').run(JSON.stringify(backup), id);
}

export function writePackageRecord(db: Db, id: number, record: PackageRecord, timeline: HandoverRow['timeline']): void {
  db.prepare("UPDATE handovers SET package = ?, status = 'exported' WHERE id = ?").run(JSON.stringify(record), id);
  db.prepare('UPDATE handovers SET timeline = ? WHERE id = ?').run(JSON.stringify(timeline), id);
}

/** Whether the vault recorded a package of this id as exported (an export killed before its rename is finished then: packages/export-temp.ts). */
export function packageRecorded(db: Db, packageId: string): boolean {
  return db.prepare("SELECT 1 FROM handovers WHERE package IS NOT NULL AND json_extract(package, '$.packageId') = ?").get(packageId) !== undefined;
}

export function writeReceiptRecord(db: Db, id: number, receipt: NonNullable<HandoverRow['receipt']>): void {
  db.prepare("UPDATE handovers SET receipt = ?, status = 'acknowledged' WHERE id = ?").run(JSON.stringify(receipt), id);
}
