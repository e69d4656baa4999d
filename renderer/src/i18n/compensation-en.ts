import {
  COMPENSATION_BASIS_LABELS,
  COMPENSATION_METHOD_LABELS,
  NEGOTIATION_KIND_LABELS,
  PROPOSAL_STATUS_LABELS,
  labelsIn,
} from '../../../shared/i18n/domain-labels';

/** Client compensation (issue 19), English. */
export const compensationEn = {
  tab: 'Compensation',
  kinds: { client: 'Clients', staff: 'Staff exit compensation' },
  standard: {
    title: 'Compensation standard', none: 'No standard yet: set one rule for every client, then each client gets a proposal.',
    masked: 'A standard is set; amounts are masked for your role.', version: 'Version {{version}}, set by {{by}}',
    basis: 'Basis', bases: labelsIn(COMPENSATION_BASIS_LABELS, 'en'),
    rate: 'Share (%)', fixed: 'Amount for tier {{tier}} (yuan)', tierFactor: 'Factor for tier {{tier}}',
    loyalty: 'Loyalty: renewal rate at least (%)', loyaltyFactor: 'then factor', stability: 'Stability: years of cooperation at least', stabilityFactor: 'then factor',
    floor: 'Floor per client (yuan)', cap: 'Cap per client (yuan)', methods: 'Methods allowed', defaultMethod: 'Default method', budget: 'Total budget (yuan)',
    preview: 'Preview the change', apply: 'Apply the standard', applied: 'Standard applied: {{count}} proposals.',
    change: '{{proposals}} proposals; {{changed}} change ({{increased}} up, {{decreased}} down); {{kept}} exceptions keep their amount.',
    totals: 'Total before {{before}}, after {{after}}, budget {{budget}}.', voids: 'Applying voids {{count}} standing approvals: the standard is part of what is approved.',
    exampleHead: 'Who changes (first ten)',
  },
  methods: labelsIn(COMPENSATION_METHOD_LABELS, 'en'),
  status: labelsIn(PROPOSAL_STATUS_LABELS, 'en'),
  filters: { all: 'All', exceptions: 'Exceptions', agreed: 'Agreed', owed: 'Still owed', overdue: 'Overdue' },
  col: {
    code: 'Code', name: 'Client', person: 'Person', region: 'Region', proposed: 'Proposed', method: 'Method', agreed: 'Agreed', paid: 'Paid', owed: 'Owed',
    status: 'Status', due: 'Due', actions: '',
  },
  totals: '{{count}} proposals · proposed {{proposed}} · budget {{budget}} · agreed {{agreed}} · paid {{paid}} · owed {{owed}}',
  maskedTotals: '{{count}} proposals · amounts masked for your role',
  recompute: 'Recompute from current value data', recomputed: 'Recomputed: {{count}} proposals.',
  exception: {
    button: 'Exception…', title: 'Exception for {{name}} (needs a written reason)', amount: 'Amount (yuan)', reason: 'Reason', clear: 'Back to the standard',
    hint: 'An exception is listed in the report and voids standing approvals.', saved: 'Exception saved; approvals must be given again.', mark: 'exception',
  },
  fairness: {
    title: 'Fairness view', byTier: 'By tier', byRegion: 'By region', group: 'Group', count: 'Clients', total: 'Total', min: 'Lowest', median: 'Median', max: 'Highest',
    outliers: 'Outliers within their tier', outlier: { high: 'high', low: 'low' }, noOutliers: 'No outliers: every amount lies within its tier’s range.',
    exceptions: 'Exceptions', noExceptions: 'No exceptions: every amount follows the standard.', computed: 'by the standard {{amount}}',
    budget: 'Total {{total}} of budget {{budget}}', atFloor: '{{count}} at the floor', atCap: '{{count}} at the cap', masked: 'Amounts are masked for your role.',
  },
  detail: {
    open: 'Details', title: '{{name}}: compensation', inputs: 'How it was computed',
    inputsText: 'Basis {{basis}} × {{rate}} % × tier factor {{tier}} × loyalty {{loyalty}} × stability {{stability}}, rounded half up, held between {{floor}} and {{cap}} = {{amount}}',
    inputsMasked: 'Amounts and their inputs are masked for your role.',
    negotiation: 'Negotiation record', kind: 'Kind', kinds: labelsIn(NEGOTIATION_KIND_LABELS, 'en'), date: 'Date', amount: 'Amount (yuan)',
    ourSide: 'Our side (who spoke)', theirSide: 'Their side (to whom)', note: 'Note', addNegotiation: 'Record', noNegotiation: 'Nothing recorded yet.',
    agreement: 'Compensation agreement', agreedOn: 'Agreed on', dueOn: 'Due by', promise: 'What was promised', attach: 'Attach the signed agreement…', attached: 'Attached: {{name}}',
    recordAgreement: 'Record the agreement', agreementSaved: 'Agreement recorded.',
    payments: 'Payments', paidOn: 'Paid on', evidence: 'Evidence (e.g. bank slip number)', recordPayment: 'Record the payment', paymentSaved: 'Payment recorded.', noPayments: 'No payments yet.',
    by: 'by {{name}}',
  },
  overdue: { title: 'Overdue compensation promises', none: 'No overdue promises.', row: '{{ref}} · {{name}}: {{owed}} owed, due {{due}} ({{days}} days ago)' },
  evaluation: {
    title: 'Compensation evaluation', compensated: 'Compensated clients', others: 'Other clients', clients: 'Clients', retention: 'Retention', satisfaction: 'Satisfaction',
    cost: 'Compensation paid per 100 yuan of retained revenue: {{cost}}', noCost: 'Cost per retained revenue: not yet known (no retained compensated client).',
  },
  received: { title: 'Commitments to fulfil', none: 'The package carries no commitments.', row: '{{code}} {{name}}: {{method}}, agreed {{agreed}}, paid {{paid}}, owed {{owed}}, due {{due}}' },
};
