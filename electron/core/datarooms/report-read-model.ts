import type { DataroomReport } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { maskTypedText } from '../audit/masked-texts';
import type { Db } from '../db/database';
import { scopeSql, type UserAccess } from '../roles/authz';

/**
 * A data-room session goes with its handover, and a handover is visible to a
 * scoped user when one of its clients is theirs. The session's record must
 * not then hand them the others: its report shows a scoped viewer only the
 * clients, documents and questions of their own clients, and the reviewer's
 * search texts masked as the viewer's role masks them (a reviewer may have
 * typed a phone number).
 */
export function reportAsSeenBy(db: Db, access: UserAccess, report: DataroomReport): { report: DataroomReport; narrowed: boolean } {
  const scope = scopeSql(access);
  const codes = [...new Set([...report.clients.map((c) => c.code), ...report.documents.map((d) => d.client), ...report.questions.flatMap((q) => (q.client ? [q.client] : []))])];
  const visible = scope
    ? new Set(db.prepare(`SELECT c.code FROM clients c WHERE c.code IN (SELECT value FROM json_each(?)) AND ${scope.sql}`).pluck().all(JSON.stringify(codes), ...scope.params) as string[])
    : new Set(codes);
  const seen: DataroomReport = {
    ...report,
    clients: report.clients.filter((c) => visible.has(c.code)),
    documents: report.documents.filter((d) => visible.has(d.client)),
    questions: report.questions.filter((q) => q.client === null || visible.has(q.client)),
    searches: report.searches.map((s) => ({ ...s, text: maskTypedText(s.text, access.masked) })),
  };
  return { report: seen, narrowed: JSON.stringify(seen) !== JSON.stringify(report) };
}

/**
 * The exported report is the signed file itself: it cannot be narrowed without breaking its
 * signature, so a viewer for whom it would be narrowed cannot export it (an unscoped,
 * unmasked account can).
 */
export function requireWholeReport(db: Db, access: UserAccess, report: DataroomReport): void {
  if (reportAsSeenBy(db, access, report).narrowed) {
    throw new AppError('REPORT_BEYOND_SCOPE', 'This signed report shows clients or values outside what you may see');
  }
}
