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

  // What a command says when it fails or finishes (src/cli.ts, src/cli/*.ts, src/embedded/open.ts).
  'cli.bug': 'duebot: unexpected error (a bug; please report it with this trace):',
  'cli.settings.problems': 'duebot cannot start: the settings have problems',
  'cli.failure.ledger': 'duebot: accounting database: {detail}',
  'cli.failure.noSnapshot':
    'duebot cannot start: the ledger cannot be read ({detail}) and there is no snapshot of it to serve yet',
  'cli.failure.connection': 'duebot: {detail}',
  'cli.job.failed': 'duebot {job}: the run failed: {error}',
  'cli.failure.fix': 'fix: {fix}',
  'cli.failure.doctor': '(run duebot doctor to check every setting)',
  'cli.embedded.held':
    'duebot: the embedded database in {dataDir} is held by duebot process {pid}{remote, select, yes { on {host}} other {}} (`{command}`, started {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}), which cannot be reached; stop that process, or set DATABASE_URL to a PostgreSQL database',
  'cli.embedded.ownerGone':
    'duebot: duebot process {pid}{remote, select, yes { on {host}} other {}} (`{command}`, started {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}), whose embedded database this process used, has stopped; start duebot again',
  'cli.embedded.attached':
    'Using the embedded database of duebot process {pid}{remote, select, yes { on {host}} other {}} (`{command}`, started {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}})',
  'cli.embedded.tookOver':
    'The embedded database was left locked by duebot process {pid}{remote, select, yes { on {host}} other {}} (`{command}`, started {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}), which no longer runs; this process takes it over',
  'cli.embedded.noTemplate':
    'The ready-made empty database could not be loaded ({error}); creating one instead, which takes a few seconds more',
  'cli.template.made':
    'duebot: prepared the embedded database template ({megabytes} MB, {seconds} s); new data dirs start from it',
  'cli.template.failed':
    'duebot: could not prepare the embedded database template ({error}); the first start will create its database itself',
  'cli.demo.ledgerUrl':
    'duebot demo: LEDGER_URL is set, so the demo ledger is not in use; unset it to use the demo',
  // `duebot letter pdf|preview` (src/letters/preview-command.ts).
  'cli.letter.notPdf': '--out {out}: expected a file name ending in .pdf',
  'cli.letter.noFolder': '--out {out}: the folder {folder} does not exist; create it first',
  'cli.letter.folderIsFile': '--out {out}: {folder} is a file, not a folder',
  'cli.letter.cannotWrite': '--out {out}: cannot write the file ({code})',
  'cli.letter.emptyWorklist': 'the worklist is empty: there is no account to write to (run duebot sync)',
  'cli.letter.noAccount': '--account {account}: no account has this customer id or name',
  'cli.letter.manyAccounts':
    '--account {account}: matches {count, number} accounts ({names}); give the customer id',
  'cli.letter.badLocale': '--locale {locale}: expected en, zh-CN or zh-TW',
  'cli.letter.badNumber': '{letter}: expected a letter number, as shown with the letter (#12)',
  'cli.letter.noStoredPdf':
    'letter #{letter} has no stored PDF (there is no such letter, or it was never sent or prepared)',
  'cli.letter.wrotePreview':
    'wrote {out}: {template} ({locale}) to {customer}, "{subject}", {bytes, number} bytes; nothing was sent',
  'cli.letter.wroteStored': 'wrote {out}: {file}, "{subject}", {bytes, number} bytes, sha256 {sha256}',
  // `npm run teams:package` (adapters/teams/package.ts).
  'cli.teams.wrote': 'wrote {out}: upload it in Teams (Apps > Manage your apps > Upload an app)',
  'cli.teams.badUrl':
    "{variable} (or {flag}): found {found, select, nothing {nothing} other {{value}}}, expected the https:// address of {what, select, websiteUrl {your company's or duebot's web page} privacyUrl {your privacy statement} other {your terms of use}}, shown in the Teams app details",
  'cli.teams.badAppId':
    "MicrosoftAppId: found {found, select, nothing {nothing} other {{value}}}, expected the bot's app id (a GUID) to put in the manifest",
  'cli.teams.usage':
    '{error}; usage: npm run teams:package -- [out.zip] --website URL --privacy URL --terms URL',
  'cli.teams.tooMany': 'expected at most one output file, found {count, number}: {files}',
  // Payment plans agreed in one step (src/worklist/plans.ts createPaymentPlan): its fields' refusals.
  'plan.field.installments': 'a whole number from 1 to 24',
  'plan.field.firstPercent': 'a percentage between 0 and 100',
  'plan.field.everyDays': 'a whole number of days from 1 to 92',
  'plan.field.fromToday': 'today ({today}) or later',
  'plan.field.noOpen': 'no open {currency} invoices',
} as const;

export type CliCatalog = Readonly<Record<keyof typeof cliEn, string>>;
