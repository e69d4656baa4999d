import type { workbenchEn } from './workbench-en';

/** 工作台（第 17 项）的中文文本。 */
export const workbenchZh: typeof workbenchEn = {
  nav: '工作台',
  title: '工作台',
  intro: '等您处理的事项。点击任一项即可进入处理它的步骤。',
  nothing: '目前没有等您处理的事项。',
  approvals: { title: '待我审批', row: '{{ref}} {{title}}——{{by}} 提交', act: '去审批' },
  notices: { title: '待发送的客户通知', row: '{{ref}} {{title}}——待生成 {{generate}} 份，待登记发送 {{send}} 份', act: '处理通知' },
  objections: {
    title: '异议期：即将截止或待决定', act: '处理通知',
    row: '{{ref}} {{title}}——{{date}} 截止（{{days}}），{{undecided}} 个客户尚未答复',
    closedRow: '{{ref}} {{title}}——异议期已于 {{date}} 结束，{{undecided}} 个未答复客户待决定保留或移出',
    days_one: '还有 {{count}} 天', days_other: '还有 {{count}} 天', today: '今天',
  },
  questions: { title: '待答复的审阅人提问', row: '{{ref}} {{title}}——{{count}} 个待答复', act: '去答复' },
  blocked: { title: '有未满足条件的交接项目', row: '{{ref}} {{title}}——未满足条件 {{count}} 项', act: '查看缺少什么' },
  backup: {
    title: '最近备份', never: '此保险库还没有备份过。', at: '{{when}}（{{age}}）', act: '立即备份',
    ageToday: '今天', age_one: '{{count}} 天前', age_other: '{{count}} 天前', old: '已超过一周，请重新备份。',
  },
  setup: {
    title: '开始使用', progress: '已完成 {{done}} / {{total}}', empty: '这是一个新的保险库：请按以下步骤开始。',
    users: '添加同事（每人有自己的登录）', clients: '从 CRM 导出文件导入客户', keys: '添加并核验买方公钥',
    handover: '创建交接项目', backup: '备份保险库',
    go: { users: '添加同事', clients: '导入客户', keys: '核验公钥', handover: '新建交接', backup: '备份' },
    done: '已完成',
  },
};
