/** The workbench (issue 17): what waits for me, and the first-run checklist. */
export const workbenchEn = {
  nav: 'Workbench',
  title: 'Workbench',
  intro: 'What waits for you. Each line opens the step that settles it.',
  nothing: 'Nothing waits for you right now.',
  approvals: { title: 'Approvals waiting for me', row: '{{ref}} {{title}} — submitted by {{by}}', act: 'Review' },
  notices: { title: 'Client notices to send', row: '{{ref}} {{title}} — {{generate}} to generate, {{send}} to record as sent', act: 'Open notices' },
  objections: {
    title: 'Objection windows closing or awaiting a decision', act: 'Open notices',
    row: '{{ref}} {{title}} — closes {{date}} ({{days}}), {{undecided}} clients have not answered',
    closedRow: '{{ref}} {{title}} — the window closed {{date}}; decide whether to keep or drop {{undecided}} clients who did not answer',
    days_one: 'in {{count}} day', days_other: 'in {{count}} days', today: 'today',
  },
  questions: { title: 'Reviewers\u2019 questions to answer', row: '{{ref}} {{title}} — {{count}} open', act: 'Answer' },
  blocked: { title: 'Handovers with unmet conditions', row: '{{ref}} {{title}} — {{count}} unmet', act: 'See what is missing' },
  backup: {
    title: 'Last backup', never: 'This vault has never been backed up.', at: '{{when}} ({{age}})', act: 'Back up now',
    ageToday: 'today', age_one: '{{count}} day ago', age_other: '{{count}} days ago', old: 'Older than a week: back up again.',
  },
  setup: {
    title: 'Getting started', progress: '{{done}} of {{total}} done', empty: 'A new vault: start with these steps.',
    users: 'Add colleagues (each with their own login)', clients: 'Import clients from your CRM export', keys: 'Add and verify the buyer\u2019s keys',
    handover: 'Create a handover', backup: 'Back up the vault',
    go: { users: 'Add colleagues', clients: 'Import clients', keys: 'Verify a key', handover: 'New handover', backup: 'Back up' },
    done: 'Done',
  },
};
