import { DATAROOM_END_REASON_LABELS, labelsIn } from '../../../shared/i18n/domain-labels';

/** Strings of the data-room pages (issue 7), English. */
export const dataroomEn = {
  tab: 'Data room',
  start: 'Start a session…', startTitle: 'Start a supervised data-room session',
  reviewer: 'Reviewer', organisation: 'Organisation', idNumber: 'ID number (optional)',
  clients: 'Clients', allClients: 'All clients of the handover ({{count}})', someClients: 'Only these clients',
  categories: 'Data categories shown', masked: 'Fields that stay masked', documents: 'Documents may be viewed', minutes: 'Time limit (minutes)',
  passphrase: 'Your passphrase (the facilitator\'s)', passphraseHelp: 'Needed to start and to end the session.',
  facilitator: 'Facilitator', span: '{{from}} – {{to}} ({{count}} min)',
  go: 'Start the session', sessions: 'Sessions', none: 'No sessions yet.',
  col: { id: 'Session', reviewer: 'Reviewer', started: 'Started', ended: 'Ended', reason: 'How it ended', views: 'Views', questions: 'Questions' },
  reasons: labelsIn(DATAROOM_END_REASON_LABELS, 'en'),
  running: 'running', report: 'Report', exportReport: 'Export report (signed JSON + PDF)…', exported: 'Report written to {{path}}',
  reportTitle: 'Session report {{id}}', duration: 'Duration', viewed: 'Clients viewed', opened: 'Documents opened', searches: 'Searches', pages: 'Pages', seconds: 'Seconds', views: 'Views', refused: 'Blocked attempts (copy, print…)',
  qa: 'Questions from reviewers', answer: 'Answer', answerSave: 'Save answer', noQuestions: 'No questions yet.', unanswered: 'open',
  mode: {
    title: 'Data room', session: 'Session {{id}}', reviewer: '{{name}}, {{organisation}}', left: 'Time left', end: 'End session…', endTitle: 'End the session',
    endHelp: 'The facilitator enters their passphrase to end the session.', search: 'Search clients by name or code', pick: 'Choose a client on the left.',
    readOnly: 'Read-only. Copying, printing and saving are disabled; every view is recorded.', ask: 'Ask a question…', askTitle: 'Question to the seller',
    askAbout: 'About {{client}}', questions: 'Questions and answers', documents: 'Documents', open: 'Open', noDocuments: 'No documents in this session.',
    blocked: 'Not allowed in the data room.', contacts: 'Contacts', transactions: 'Transactions and contracts', notes: 'Notes', basic: 'Client',
  },
};
