/**
 * `duebot doctor` in English (merged into en.ts): its headings, each check's line and fix, the effective
 * settings' words, and the explanations of connection and mapping errors. Setting names, SQL, file names
 * and README sections are identifiers: they come in as placeholders, never written into a message.
 */
export const doctorEn = {
  'doctor.heading.settings': 'Settings:',
  'doctor.heading.checks': 'Checks:',
  'doctor.status': '{ok, select, yes {ok} other {FAIL}}',
  'doctor.line': '{name}: {detail}',
  'doctor.fixLine': 'fix: {fix}',
  'doctor.listSeparator': ', ',
  'doctor.value.unset': `{name, select,
    DATABASE_URL {(unset: embedded PGlite)}
    LEDGER_URL {(unset: demo ledger)}
    LEDGER_MAPPING {(unset: built-in demo mapping, or {preset})}
    LEDGER_PRESET {(unset: {mapping} names the mapping)}
    LEDGER_PARAMS {(unset: none; a preset finds the single company itself)}
    LEDGER_STALE_AFTER_MINUTES {(unset: twice {interval} plus 5)}
    DUEBOT_TODAY {(unset: the real date)}
    DUEBOT_LADDER_FILE {(unset: the built-in ladder)}
    DUEBOT_POLICY_FILE {(unset: the playbook's numbers)}
    LOG_FORMAT {(unset: {pretty} on a terminal, {json} otherwise)}
    DUEBOT_SHELL_USER {(unset: your login name)}
    SMTP_URL {(unset: letters are not e-mailed)}
    SLACK_BOT_TOKEN {(unset: Slack off)}
    SLACK_API_URL {(unset: Slack's own)}
    other {(unset)}}`,
  'doctor.value.secret': '**** (set)',
  'doctor.value.none': '(none)',
  'doctor.value.unknown': '(unknown)',

  'doctor.check.botDatabase': 'bot database',
  'doctor.check.ledger': 'accounting database',
  'doctor.check.incremental': 'incremental sync',
  'doctor.check.paidAt': 'payment dates',
  'doctor.check.horizon': 'incremental sync start',
  'doctor.skipped': 'not checked until {setting} is fixed',

  'doctor.dataDir.ok': '{dir}: a writable folder',
  'doctor.dataDir.fix': 'set {setting} to a folder duebot may create and write (or set {database})',
  'doctor.dir.notFolder': '{path} is a file, not a folder',
  'doctor.dir.cannotCreate': 'cannot create {path} ({code})',
  'doctor.dir.cannotWrite': 'cannot write in {path} ({code})',
  'doctor.path.missing': '{path} does not exist',
  'doctor.path.unreadable': '{path} cannot be read ({code})',
  'doctor.policy.ok': '{file}: a valid {ladder, select, yes {ladder} other {policy}}',
  'doctor.policy.unreadable': 'cannot read {file} ({code})',
  'doctor.policy.fix':
    "{ladder, select, yes {correct the ladder file (start from {example}), or unset {setting} for the built-in one} other {correct the policy file (start from {example}), or unset {setting} for the playbook's numbers}}",
  'doctor.stamp.notImage': '{file} is not a PNG or JPEG image',
  'doctor.stamp.ok': '{file}: an image',
  'doctor.stamp.fix':
    'set {setting} to a readable PNG or JPEG file, or unset it to send letters without a stamp',
  'doctor.templates.ok': '{dir}: a folder',
  'doctor.templates.fix': 'set {setting} to the folder of your templates ({layout}), or unset it',
  'doctor.mapping.ok': '{file}: a query with {watermark}',
  'doctor.mapping.fix': 'set {setting} to a readable SQL file',
  'doctor.mapping.unset': 'no ledger mapping file is set',
  'doctor.mapping.unsetFix': 'point {setting} at a SQL file (see the demo mapping)',
  'doctor.mapping.missing': 'ledger mapping file {file} does not exist',
  'doctor.mapping.unreadable': 'ledger mapping file {file} cannot be read ({code})',
  'doctor.mapping.empty': '{named, select, yes {{file}} other {the ledger mapping}} is empty',
  'doctor.mapping.emptyFix':
    'write one SELECT returning the ledger columns into {named, select, yes {{file}} other {the ledger mapping}} (see the demo mapping)',
  'doctor.mapping.noWatermark':
    '{named, select, yes {{file}} other {the ledger mapping}} has no {watermark} placeholder, so a sync could not read only changed rows',
  'doctor.mapping.noWatermarkFix':
    'add e.g. "{example}" to {named, select, yes {{file}} other {the ledger mapping}}',

  'doctor.conn.refused': 'nothing is listening at {where} (connection refused)',
  'doctor.conn.refusedFix': 'start the database server, or correct the host and port in {setting}',
  'doctor.conn.unknownHost': 'the host in {setting} ({where}) cannot be resolved',
  'doctor.conn.unknownHostFix': 'check the host name in {setting}',
  'doctor.conn.timeout': 'no answer from {where} in time',
  'doctor.conn.timeoutFix':
    '{network, select, yes {check that {where} is reachable from here (firewall, VPN) and the port in {setting}} other {check that {where} is reachable and the port in {setting}}}',
  'doctor.conn.login': '{where} refused the user or password in {setting}',
  'doctor.conn.loginFix':
    "{mysql, select, yes {check the user name and password in {setting}, and that the server lets user {user} connect from this host ({grant})} other {check the user name and password in {setting} (and the server's {hba})}}",
  'doctor.conn.denied': 'user {user} may not read what it needs on {where} ({reason})',
  'doctor.conn.deniedFix':
    '{mysql, select, yes {{grant} TO the user in {setting}, or use a user that has it} other {{grant} on the tables (and {usage} on their schema) to the user in {setting}, or use a user that has it}}',
  'doctor.conn.noDatabase': 'database "{database}" does not exist on {where}',
  'doctor.conn.noDatabaseFix':
    "{ledger, select, yes {correct the database name in {setting}: the accounting database's name on that server} other {create it (e.g. {create}) or correct the database name in {setting}}}",
  'doctor.conn.otherFix': 'check {setting}',
  'doctor.held':
    'the embedded database in {dir} is held by duebot process {pid}{remote, select, yes { on {host}} other {}} (`{command}`, started {today, select, yes {{at, time, ::HHmm}} other {{at, date, medium} {at, time, ::HHmm}}}), which cannot be reached',
  'doctor.heldFix': 'stop that process, or set {setting} to a PostgreSQL database',

  'doctor.botDatabase.ok':
    '{embedded, select, yes {embedded PGlite in {dir}} other {{url}}}: reachable, {pending, plural, =0 {schema up to date} one {# migration pending (applied at start-up, or run {command})} other {# migrations pending (applied at start-up, or run {command})}}',
  'doctor.ledger.demo': 'not configured: duebot reads its demo ledger (set {setting} to connect yours)',
  'doctor.ledger.ok':
    '{url}: reachable, {preset, select, none {mapping} other {preset {preset}}} returns every column{hasParams, select, yes {, parameters {params}} other {}}{read, select, yes {, a full sync would read {rows, plural, one {# row} other {# rows}}} other {}}',
  'doctor.ledger.fileFix': 'correct {named, select, yes {{file}} other {the mapping file}}',
  'doctor.ledger.writesFix':
    'make {named, select, yes {{file}} other {the mapping file}} only read: no functions that write, no {forUpdate}',
  'doctor.ledger.columnsFix':
    'return {columns} from the {select} in {named, select, yes {{file}} other {the mapping file}} ({alias})',
  'doctor.ledger.queryFix':
    'correct the query in {named, select, yes {{file}} other {the mapping file}} (run it in your SQL client with {watermark} replaced by {epoch})',
  'doctor.ledger.noTable':
    '{preset, select, none {the ledger mapping} other {{presetSetting}}}: the accounting database has no table {tables} (is {setting} the {preset, select, none {mapped} other {{system}}} database?)',
  'doctor.ledger.noTableFix':
    '{preset, select, none {point {setting} at the database the mapping reads, or correct its {tablesLine} line} other {point {setting} at the {system} database, or {grant} on {tables} to its user (README, "{section}")}}',
  'doctor.params.unknown':
    '{setting}: {names} {count, plural, one {is not a parameter} other {are not parameters}} of {preset, select, none {the ledger mapping} other {{presetSetting}}} (it takes {hasUsed, select, yes {{used}} other {none besides {watermark}}})',
  'doctor.params.unknownFix': '{hasUsed, select, yes {set only {used} in {setting}} other {unset {setting}}}',
  'doctor.params.needs':
    '{setting}: {preset, select, none {the ledger mapping} other {{presetSetting}}} needs {name}, which is not set',
  'doctor.params.setValue': "set {setting}={name}='<value>'{or, select, yes {, or check {url}} other {}}",
  'doctor.params.oneOf': "set {setting}={name}='<'one of {choices}'>'",
  'doctor.params.notInDatabase':
    '{setting}: {given} is not in the database, which holds {count, number} ({listed})',
  'doctor.params.unsetChoose':
    '{setting}: {preset, select, none {the ledger mapping} other {{presetSetting}}} needs {name}, which is not set, and the database {count, plural, =0 {has none to choose from} other {holds # ({listed})}}',
  'doctor.ledger.writes':
    'the ledger mapping tries to write, and duebot reads the ledger only in read-only transactions: {message} (SQLSTATE {state})',
  'doctor.ledger.queryFails': 'the ledger mapping query fails: {message} (SQLSTATE {state})',
  'doctor.ledger.missingColumns':
    'the ledger mapping does not return {missing} (it returns {hasFound, select, yes {{found}} other {no columns}})',
  'doctor.horizon.warning':
    'warning: each incremental sync reads the last {seconds, plural, one {# second} other {# seconds}} ({setting}) again, instead of starting where no ledger transaction still running can have written, because {reasons}',
  'doctor.horizon.sessionsHidden': "{user} cannot see other users' sessions (it is not a member of {role})",
  'doctor.horizon.notTracked': "{setting} is off on the ledger's server",
  'doctor.horizon.standby': "the database is a standby, written by another server's transactions",
  'doctor.horizon.subscriber':
    "the database subscribes to logical replication, written by another server's transactions",
  'doctor.horizon.fixGrant': `an administrator of the database may run {grant} (README, "{section}")`,
  'doctor.horizon.fixTrack': "an administrator may set {setting} = on in the server's configuration",
  'doctor.horizon.fixPrimary': 'point {setting} at the server where the ERP writes',
  'doctor.paidAt.warning':
    "warning: the mapping returns no {column}, so grades, credit hold, blacklist and DSO/CEI date payments by each row's last change ({updated}): approximate, and wrong after a bulk update in the ledger",
  'doctor.paidAt.fix':
    'return {column} (when the open amount last went down) from the mapping, or use {preset}',
  'doctor.scan.warning':
    "warning: every incremental sync reads {tables} in full, however few rows changed: no index serves the mapping's comparisons with the watermark",
  'doctor.scan.table': '{table} ({rows, plural, one {# row} other {# rows}})',
  'doctor.scan.fixIndexes':
    'an administrator of the database (duebot\'s read-only user cannot) may add, as the tables\' owner: {indexes} (README, "{section}")',
  'doctor.scan.fixMapping':
    'index the columns the mapping compares with {watermark}, or compare each table\'s own column in a branch of a {union} (README, "{section}")',
} as const;

/** Doctor's keys, for the other languages' halves. */
export type DoctorCatalog = Readonly<Record<keyof typeof doctorEn, string>>;
