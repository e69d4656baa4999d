/** The wizard's client tables (issue 17): page size, and selecting every match rather than one page. */
export const WIZARD_LISTS = {
  en: {
    pageSelected: 'All {{count}} clients on this page are selected',
    selectAll: 'Select all {{n}} matching clients',
    allSelected: 'All {{n}} matching clients are selected',
    clear: 'Clear selection',
    total: '{{n}} clients',
    search: 'Search by code or name',
  },
  'zh-CN': {
    pageSelected: '已选择本页 {{count}} 项',
    selectAll: '选择全部 {{n}} 个符合条件的客户',
    allSelected: '已选择全部 {{n}} 个符合条件的客户',
    clear: '清除选择',
    total: '共 {{n}} 个客户',
    search: '按编号或名称搜索',
  },
} as const;
