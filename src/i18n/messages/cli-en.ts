/**
 * What the `duebot` command line says to the person who runs it, in English (merged into en.ts): the
 * start-up greeting, its totals and schedule, and the commands' results and refusals, in the company's
 * language (DUEBOT_LOCALE). The log stays English for operators and log search; commander's --help too.
 */
export const cliEn = {
  // The start-up greeting (src/main.ts).
  'cli.totals.head':
    'Open receivables on {date} ({ledger, select, demo {demo ledger} at {ledger at {where}} other {ledger}}):',
  'cli.totals.none': 'nothing open',
  'cli.totals.line':
    '{open} open in {openItems, plural, one {# invoice} other {# invoices}} of {customers, plural, one {# customer} other {# customers}}; {overdue} overdue in {overdueItems, plural, one {# invoice} other {# invoices}}',
  'cli.schedule': 'Scheduled posts ({timeZone}): {jobs}.',
  'cli.schedule.job':
    '{job, select, digest {digest} digest_nudge {digest-nudge} promise_follow_up {promise-follow-up} aging_report {aging-report} alerts {alerts} meeting {meeting} dispute_check {dispute-check} letter_check {letter-check} housekeeping {housekeeping} other {{jobText}}} {next, select, afterSync {after each sync} none {not within a month} other {{at}}}',
} as const;

export type CliCatalog = Readonly<Record<keyof typeof cliEn, string>>;
