import type { DataroomReport } from '../../../shared/contract/datarooms';
import { DATA_CATEGORY_LABELS, DATAROOM_END_REASON_LABELS, MASKABLE_FIELD_LABELS } from '../../../shared/i18n/domain-labels';
import { PdfDoc } from '../pdf/pdf';

/**
 * The session report as a bilingual PDF, for the facilitator and the buyer's reviewer. report.json (signed) keeps
 * the ids and ISO times; this says them as people read them (GLOSSARY.md): data categories and masked fields in
 * words, times as 2026年11月22日 17:05:09 on this computer's clock, full-width punctuation beside Chinese.
 */
type Bilingual = Readonly<Record<string, { en: string; 'zh-CN': string }>>;

/** `English / 中文` for a vocabulary value; an unknown one (a newer vault's) as it was recorded. */
function words(labels: Bilingual, value: string): string {
  const label = Object.hasOwn(labels, value) ? labels[value] : undefined;
  return label ? `${label.en} / ${label['zh-CN']}` : value;
}

const list = (labels: Bilingual, values: readonly string[]) => (values.length ? values.map((v) => words(labels, v)).join('、') : '—');

const pad = (n: number) => String(n).padStart(2, '0');

/** A recorded instant as a local date and time; text that is not a time stays as it is. */
function reportTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function reportPdf(r: DataroomReport): Buffer {
  const doc = new PdfDoc(`${r.sessionId} · data-room report / 数据室报告`);
  doc.heading(`Data-room session report / 数据室会话报告 ${r.sessionId}`, 15);
  doc.text(`Handover / 交接项目：${r.handover}`);
  doc.text(`Reviewer / 数据室审阅人：${r.reviewer.name}，${r.reviewer.organisation}${r.reviewer.idNumber ? `，ID / 证件号码 ${r.reviewer.idNumber}` : ''}`);
  doc.text(`Facilitator / 陪同人：${r.facilitator}`);
  doc.text(`From / 开始：${reportTime(r.startedAt)}  To / 结束：${reportTime(r.endedAt)}`);
  doc.text(`Duration / 时长：${Math.round(r.seconds / 60)} min / 分钟 — ended / 结束方式：${words(DATAROOM_END_REASON_LABELS, r.endReason)}`);
  doc.text(`Clients / 客户：${r.scope.clients}`);
  doc.text(`Data categories / 数据类别：${list(DATA_CATEGORY_LABELS, r.scope.categories)}`);
  doc.text(`Masked / 脱敏：${list(MASKABLE_FIELD_LABELS, r.scope.masked)}`);
  doc.text(`Documents may be opened / 可打开文档：${r.scope.documents ? 'yes / 是' : 'no / 否'}`);
  doc.heading('Clients viewed / 查看的客户');
  doc.row(['Code / 编号', 'Name / 名称', 'Views / 次数', 'Seconds / 秒'], [0.2, 0.45, 0.15, 0.2], { header: true });
  for (const c of r.clients) doc.row([c.code, c.name, String(c.views), String(c.seconds)], [0.2, 0.45, 0.15, 0.2]);
  doc.heading('Documents opened / 打开的文档');
  doc.row(['Client / 客户', 'Document / 文档', 'Pages / 页', 'Seconds / 秒'], [0.2, 0.45, 0.15, 0.2], { header: true });
  for (const d of r.documents) doc.row([d.client, d.name, d.pages.join('、') || '1', String(d.seconds)], [0.2, 0.45, 0.15, 0.2]);
  doc.heading('Searches / 搜索');
  for (const s of r.searches) doc.text(`${reportTime(s.at)}  “${s.text}” — ${s.hits} found / 条结果`, 9);
  doc.heading('Questions / 提问');
  for (const q of r.questions) doc.text(`${reportTime(q.at)}  ${q.client ?? ''}  ${q.question}`, 9);
  if (r.refused) doc.text(`Refused calls / 被阻止的操作：${r.refused}`);
  return doc.toBuffer({ title: `${r.sessionId} report` });
}
