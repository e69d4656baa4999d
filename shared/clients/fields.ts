/**
 * Client fields as an import maps them, with the header names seller staff
 * actually have in CRM exports (Chinese and English), and length limits.
 */
export const CLIENT_FIELDS = [
  'code', 'name', 'type', 'industry', 'region', 'city', 'address', 'owner', 'department', 'importance', 'tags',
  'cooperationStart', 'annualRevenue', 'grossProfit', 'renewalRate', 'satisfaction', 'notes',
  'contactName', 'contactTitle', 'phone', 'email',
] as const;
export type ClientField = (typeof CLIENT_FIELDS)[number];

export const MAX_LENGTH: Record<ClientField, number> = {
  code: 64, name: 200, type: 32, industry: 100, region: 100, city: 100, address: 500, owner: 100,
  department: 100, importance: 32, tags: 500, cooperationStart: 32, annualRevenue: 64, grossProfit: 64,
  renewalRate: 32, satisfaction: 32, notes: 100_000, contactName: 100, contactTitle: 100, phone: 200, email: 300,
};

const SYNONYMS: Record<ClientField, string[]> = {
  code: ['客户编号', '客户代码', '客户编码', '编号', '代码', 'code', 'clientcode', 'customercode', 'customerid', 'clientid', 'accountid', 'id'],
  name: ['客户名称', '客户名', '名称', '公司名称', '企业名称', '客户', 'name', 'company', 'companyname', 'customer', 'customername', 'client', 'clientname', 'account', 'accountname'],
  type: ['客户类型', '类型', '客户性质', 'type', 'customertype', 'clienttype'],
  industry: ['行业', '所属行业', 'industry', 'sector'],
  region: ['区域', '大区', '地区', '所属区域', 'region', 'area', 'territory'],
  city: ['城市', '所在城市', 'city'],
  address: ['地址', '详细地址', '公司地址', 'address', 'street', 'billingaddress'],
  owner: ['负责人', '客户经理', '销售', '销售代表', '跟进人', 'owner', 'accountowner', 'salesrep', 'accountmanager'],
  department: ['部门', '所属部门', 'department', 'dept'],
  importance: ['重要性', '重要程度', '客户级别', '客户等级', 'importance', 'priority', 'rating'],
  tags: ['标签', 'tags', 'tag', 'labels'],
  cooperationStart: ['合作开始日期', '合作开始', '合作日期', '开始合作时间', '合作起始日期', 'since', 'customersince', 'startdate', 'cooperationstart'],
  annualRevenue: ['年收入', '年营收', '营收', '年销售额', '年度收入', 'revenue', 'annualrevenue'],
  grossProfit: ['毛利', '毛利润', '年毛利', 'grossprofit', 'profit', 'margin'],
  renewalRate: ['续约率', '续费率', 'renewalrate', 'renewal'],
  satisfaction: ['满意度', '客户满意度', 'satisfaction', 'csat'],
  notes: ['备注', '说明', 'notes', 'note', 'remark', 'remarks', 'comments', 'description'],
  contactName: ['联系人', '联系人姓名', '联系人名称', 'contact', 'contactname', 'contactperson'],
  contactTitle: ['职位', '职务', '联系人职位', 'title', 'jobtitle', 'position'],
  phone: ['手机', '手机号', '手机号码', '电话', '联系电话', '联系方式', 'mobile', 'phone', 'tel', 'telephone', 'cell'],
  email: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'email', 'e-mail', 'mail', 'emailaddress'],
};

function headerKey(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[\s_\-:：()（）*]/g, '');
}

/** Suggest a field for each header (or null); each field is used at most once, first header wins. */
export function suggestMapping(headers: readonly string[]): (ClientField | null)[] {
  const used = new Set<ClientField>();
  return headers.map((h) => {
    const key = headerKey(h);
    const field = CLIENT_FIELDS.find((f) => !used.has(f) && SYNONYMS[f].some((s) => headerKey(s) === key));
    if (field) used.add(field);
    return field ?? null;
  });
}
