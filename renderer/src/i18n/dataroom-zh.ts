import { DATAROOM_END_REASON_LABELS, labelsIn } from '../../../shared/i18n/domain-labels';

import type { dataroomEn } from './dataroom-en';

/** 数据室页面（第 7 项）的中文文本。 */
export const dataroomZh: typeof dataroomEn = {
  tab: '数据室',
  start: '开始会话…', startTitle: '开始有陪同人的数据室会话',
  reviewer: '审阅人', organisation: '所属机构', idNumber: '证件号码（可选）',
  clients: '客户', allClients: '交接项目的全部客户（{{count}} 个）', someClients: '仅以下客户',
  categories: '可查看的数据类别', masked: '保持脱敏的字段', documents: '允许查看文档', minutes: '时限（分钟）',
  passphrase: '您的密码（陪同人）', passphraseHelp: '开始和结束会话都需要。',
  facilitator: '陪同人', span: '{{from}} – {{to}}（{{count}} 分钟）',
  go: '开始会话', sessions: '会话记录', none: '还没有会话。',
  col: { id: '会话', reviewer: '审阅人', started: '开始', ended: '结束', reason: '结束方式', views: '查看次数', questions: '提问' },
  reasons: labelsIn(DATAROOM_END_REASON_LABELS, 'zh-CN'),
  running: '进行中', report: '报告', exportReport: '导出报告（签名 JSON + PDF）…', exported: '报告已写入 {{path}}',
  reportTitle: '会话报告 {{id}}', duration: '时长', viewed: '查看的客户', opened: '打开的文档', searches: '搜索', pages: '页', seconds: '秒', views: '次数', refused: '被阻止的操作（复制、打印等）',
  qa: '审阅人提问', answer: '答复', answerSave: '保存答复', noQuestions: '还没有提问。', unanswered: '待答复',
  mode: {
    title: '数据室', session: '会话 {{id}}', reviewer: '{{name}}，{{organisation}}', left: '剩余时间', end: '结束会话…', endTitle: '结束会话',
    endHelp: '由陪同人输入密码结束会话。', search: '按名称或编号搜索客户', pick: '请在左侧选择客户。',
    readOnly: '只读。已禁用复制、打印和保存；每次查看都会被记录。', ask: '提问…', askTitle: '向卖方提问',
    askAbout: '关于 {{client}}', questions: '问答', documents: '文档', open: '打开', noDocuments: '本会话没有可查看的文档。',
    blocked: '数据室内不允许此操作。', contacts: '联系人', transactions: '交易与合同', notes: '备注', basic: '客户',
  },
};
