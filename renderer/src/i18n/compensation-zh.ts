import {
  COMPENSATION_BASIS_LABELS,
  COMPENSATION_METHOD_LABELS,
  NEGOTIATION_KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  labelsIn,
} from '../../../shared/i18n/domain-labels';

import type { compensationEn } from './compensation-en';

/** 客户补偿（第 19 项）的中文文本，用词见 GLOSSARY.md。 */
export const compensationZh: typeof compensationEn = {
  tab: '客户补偿',
  kinds: { client: '客户', staff: '员工客户资源退出补偿' },
  standard: {
    title: '补偿标准', none: '尚未设置补偿标准：为所有客户设定同一规则后，每个客户都会得到建议补偿。',
    masked: '已设置补偿标准；您的角色看到的金额已脱敏。', version: '第 {{version}} 版，由 {{by}} 设置',
    basis: '计算基数', bases: labelsIn(COMPENSATION_BASIS_LABELS, 'zh-CN'),
    rate: '比例（%）', fixed: '{{tier}} 类客户金额（元）', tierFactor: '{{tier}} 类客户系数',
    loyalty: '忠诚度：续约率不低于（%）', loyaltyFactor: '则系数', stability: '稳定性：合作年限不少于', stabilityFactor: '则系数',
    floor: '每个客户下限（元）', cap: '每个客户上限（元）', methods: '允许的补偿方式', defaultMethod: '默认方式', budget: '总预算（元）',
    preview: '预览变更', apply: '应用补偿标准', applied: '已应用补偿标准：{{count}} 条建议补偿。',
    change: '共 {{proposals}} 条建议补偿；{{changed}} 条变化（增加 {{increased}}，减少 {{decreased}}）；{{kept}} 条例外调整保持原金额。',
    totals: '变更前合计 {{before}}，变更后 {{after}}，预算 {{budget}}。', voids: '应用后 {{count}} 个已有审批将作废：补偿标准属于审批内容。',
    exampleHead: '受影响的客户（前十个）',
  },
  methods: labelsIn(COMPENSATION_METHOD_LABELS, 'zh-CN'),
  status: labelsIn(PROPOSAL_STATUS_LABELS, 'zh-CN'),
  filters: { all: '全部', exceptions: '例外调整', agreed: '已约定', owed: '尚欠', overdue: '已逾期' },
  col: {
    code: '编号', name: '客户', person: '员工', region: '地区', proposed: '建议补偿', method: '方式', agreed: '约定补偿', paid: '已支付', owed: '尚欠',
    status: '状态', due: '到期日', actions: '',
  },
  totals: '共 {{count}} 条 · 建议补偿 {{proposed}} · 预算 {{budget}} · 约定补偿 {{agreed}} · 已支付 {{paid}} · 尚欠 {{owed}}',
  maskedTotals: '共 {{count}} 条 · 您的角色看到的金额已脱敏',
  recompute: '按当前价值数据重新计算', recomputed: '已重新计算：{{count}} 条。',
  exception: {
    button: '例外调整…', title: '{{name}} 的例外调整（需说明理由）', amount: '金额（元）', reason: '理由', clear: '恢复按标准计算',
    hint: '例外调整会列入交接报告，并使已有审批作废。', saved: '已保存例外调整，需要重新审批。', mark: '例外',
  },
  fairness: {
    title: '公平性视图', byTier: '按客户分级', byRegion: '按地区', group: '分组', count: '客户数', total: '合计', min: '最低', median: '中位数', max: '最高',
    outliers: '同类客户中的异常值', outlier: { high: '偏高', low: '偏低' }, noOutliers: '没有异常值：每个金额都在同类客户的范围内。',
    exceptions: '例外调整', noExceptions: '没有例外调整：所有金额都按补偿标准计算。', computed: '按标准为 {{amount}}',
    budget: '合计 {{total}}，预算 {{budget}}', atFloor: '{{count}} 个为下限', atCap: '{{count}} 个为上限', masked: '您的角色看到的金额已脱敏。',
  },
  detail: {
    open: '详情', title: '{{name}}：客户补偿', inputs: '计算依据',
    inputsText: '基数 {{basis}} × {{rate}}% × 分级系数 {{tier}} × 忠诚度系数 {{loyalty}} × 稳定性系数 {{stability}}，四舍五入，限定在 {{floor}} 至 {{cap}} 之间 = {{amount}}',
    inputsMasked: '您的角色看到的金额及计算依据已脱敏。',
    negotiation: '协商记录', kind: '类型', kinds: labelsIn(NEGOTIATION_KIND_LABELS, 'zh-CN'), date: '日期', amount: '金额（元）',
    ourSide: '我方（沟通人）', theirSide: '对方（沟通对象）', note: '备注', addNegotiation: '登记', noNegotiation: '尚无协商记录。',
    agreement: '补偿协议', agreedOn: '约定日期', dueOn: '履行期限', promise: '承诺内容', attach: '附上已签署的补偿协议…', attached: '已附：{{name}}',
    recordAgreement: '登记补偿协议', agreementSaved: '已登记补偿协议。',
    payments: '支付记录', paidOn: '支付日期', evidence: '凭证（如银行回单号）', recordPayment: '登记支付', paymentSaved: '已登记支付。', noPayments: '尚无支付记录。',
    by: '由 {{name}}',
  },
  overdue: { title: '逾期的补偿承诺', none: '没有逾期的补偿承诺。', row: '{{ref}} · {{name}}：尚欠 {{owed}}，应于 {{due}} 前履行（已逾期 {{days}} 天）' },
  evaluation: {
    title: '补偿效果评估', compensated: '获得补偿的客户', others: '其他客户', clients: '客户数', retention: '留存率', satisfaction: '满意度',
    cost: '每 100 元留存收入对应的补偿支出：{{cost}}', noCost: '每留存收入的补偿成本：暂无（尚无获得补偿且已留存的客户）。',
  },
  received: { title: '待履行承诺', none: '交接包中没有待履行承诺。', row: '{{code}} {{name}}：{{method}}，约定补偿 {{agreed}}，已支付 {{paid}}，尚欠 {{owed}}，履行期限 {{due}}' },
};
