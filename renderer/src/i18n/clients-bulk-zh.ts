import type { clientsBulkEn } from './clients-bulk-en';

/** 客户列表的选择与批量操作（第 17 项）的中文文本。 */
export const clientsBulkZh: typeof clientsBulkEn = {
  selectPage: '选择前 {{count}} 行',
  selectRow: '选择 {{name}}',
  picked: '已选择 {{count}} 个客户',
  clear: '清除选择',
  addToHandover: '加入交接项目…',
  addTitle: '将 {{count}} 个客户加入交接项目',
  handover: '交接项目',
  addHelp: '只有尚未导出交接包的交接项目可以加入客户。已审批的交接项目加入客户后，审批将失效。',
  added: '已将 {{count}} 个客户加入 {{ref}}。',
  noHandover: '没有可加入客户的交接项目。请先在“交接项目”页新建。',
  exportPicked: '导出所选',
  exportXlsx: '导出为 Excel（.xlsx）',
  exportCsv: '导出为 CSV',
  exportAllXlsx: '导出为 Excel（.xlsx）',
  exported: '已将 {{count}} 个客户写入 {{path}}',
};
