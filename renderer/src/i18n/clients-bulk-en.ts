/** Strings of the client list's row selection and bulk actions (issue 17), English. */
export const clientsBulkEn = {
  selectPage: 'Select the first {{count}} rows',
  selectRow: 'Select {{name}}',
  picked: '{{count}} client(s) selected',
  clear: 'Clear selection',
  addToHandover: 'Add to a handover…',
  addTitle: 'Add {{count}} client(s) to a handover',
  handover: 'Handover',
  addHelp: 'Only handovers whose package has not been exported can take more clients. If the handover was approved, adding clients voids the approval.',
  added: '{{count}} client(s) added to {{ref}}.',
  noHandover: 'No handover can take clients. Create one under Handovers first.',
  exportPicked: 'Export selected',
  exportXlsx: 'Export as Excel (.xlsx)',
  exportCsv: 'Export as CSV',
  exportAllXlsx: 'Export as Excel (.xlsx)',
  exported: '{{count}} client(s) written to {{path}}',
};
