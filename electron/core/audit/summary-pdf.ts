import type { Db } from '../db/database';
import { PdfDoc } from '../pdf/pdf';
import { logCountsBy, logTimeSpan } from './store';
import { actionText } from '../../../shared/audit/actions';
import { momentText } from '../../../shared/i18n/moments';

export interface AuditSummaryFacts {
  firstSeq: number;
  lastSeq: number;
  origin: string;
  fingerprint: string;
  root: string;
  by: string;
  at: Date;
}

/**
 * summary.pdf of an audit export, for people: what the export holds and the totals per user,
 * action and client, bilingual like the rest of the export. Written by the core's own PDF
 * writer (not Chromium), so the app and the CLI put the same summary in the same export.
 */
export function auditSummaryPdf(db: Db, p: AuditSummaryFacts): Buffer {
  const span = logTimeSpan(db, p.firstSeq, p.lastSeq);
  const count = (n: number) => n.toLocaleString('en');
  // Times as people read them, in this computer's zone (named, for an auditor reading it elsewhere);
  // actions as words in both languages, never their ids.
  const zone = utcOffset(p.at);
  const moment = (iso: string | null) => (iso ? `${momentText('zh-CN', iso)} / ${momentText('en', iso)}` : '-');
  const action = (id: string) => `${actionText('zh-CN', id)} / ${actionText('en', id)}`;
  const doc = new PdfDoc(`Access log export / 访问日志导出 · ${p.origin}`);
  doc.heading('Access log export / 访问日志导出', 16);
  const facts: [string, string][] = [
    ['Entries / 记录', `${count(p.firstSeq)}–${count(p.lastSeq)} (${count(Math.max(p.lastSeq - p.firstSeq + 1, 0))})`],
    ['Period / 时间', `${moment(span.a)} — ${moment(span.b)} (${zone})`],
    ['Exported by / 导出人', `${p.by}, ${moment(p.at.toISOString())} (${zone})`],
    ['Checkpoint / 检查点', `${p.origin} · ${p.lastSeq} · ${p.root}`],
    ['Vault key fingerprint / 保险库密钥指纹', p.fingerprint],
  ];
  for (const [label, value] of facts) doc.row([label, value], [0.32, 0.68], { size: 9.5 });
  doc.gap(8);
  doc.text('Verify / 验证：minisign -Vm audit.jsonl -p vault.pub · handover audit verify . --pubkey vault.pub', 9);
  const table = (title: string, col: 'actor' | 'action' | 'target', limit: number) => {
    doc.heading(title, 12);
    for (const r of logCountsBy(db, col, p.firstSeq, p.lastSeq, limit)) doc.row([col === 'action' ? action(r.k) : r.k, count(r.n)], [0.8, 0.2]);
  };
  table('Entries per user / 各用户记录数', 'actor', 50);
  table('Entries per action / 各操作记录数', 'action', 60);
  table('Most accessed clients / 访问最多的客户', 'target', 30);
  return doc.toBuffer({ title: 'Access log export summary / 访问日志导出摘要' });
}

/** The computer's offset from UTC at a moment, as UTC+08:00. */
function utcOffset(at: Date): string {
  const minutes = -at.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
