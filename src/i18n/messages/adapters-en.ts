/**
 * What the adapters themselves say, in English (merged into en.ts): the shell's help, prompts and
 * refusals, Slack's loading views, modal buttons and trouble notices, Teams' greetings, dialog notes and
 * file offers. One whole sentence per message; command words people type (open, claim, log, yes/no) stay
 * as typed in every language.
 */
export const adaptersEn = {
  // The shell (adapters/shell). The help is drawn for an 80-column terminal (shell.ts fits it).
  'shell.help': `Shell commands (N: a row of the last list; #N: a customer id, e.g. #68):
  /overdue [filters]     the worklist (try /overdue help)
  open N                 the account card
  claim N | release N    become the owner / give the account up
  log N                  record a call, asking for and checking each field
  log N result=promised date=2026-12-01 amount=5000 notes="pays Friday"
                         the same on one line; keys: {keys}
                         results: {results}
                         channels: {channels}
                         amounts: 12,500.50 or with {suffixes} (5万 = 50,000)
  history N              every contact, newest first (older | newer for more)
  reassign N [name]      give the account to another collector (managers)
  dispute N | resolve N  open a dispute on some invoices (PB-21) / resolve one
  pause N | unpause N    pause chasing the account or some invoices until a date
                         / end the pause now
  terms N                key-account exemption, habitual late payer, contract
                         interest (managers)
  hand-over N            hand the account to a collection agency (managers);
                         internal chasing stops
  plan N | cancel-plan N propose, renegotiate or cancel a payment plan (PB-17)
  kept N                 mark the open promise kept by hand, with a note (PB-20)
  letter N [template]    preview the letter the ladder suggests (or the one
                         named), then send it
  summary N              after a call: preview its summary e-mail to the
                         customer, then send it (PB-23)
  approve L | reject L   decide on letter L, waiting for a second approval
  mark-sent L | send-again L
                         letter L may or may not have gone out: you found it in
                         the mailbox, or send the same e-mail again (once)
                         (L is the letter number shown with the request, not a
                         row or #id)
  next | prev            the next or previous page of the last list (or history)
  older | newer          the same for a history: older or newer entries
  as NAME                act as another staff member (with the role they have)
  role NAME [role]       their role and where it came from; managers set it:
                         role ann manager
                         (roles: {roles})
  help | quit`,
  'shell.greeting': 'duebot shell: acting as {name}. Type help, or /overdue to see the worklist.',
  'shell.unknownCommand': 'unknown command "{word}"; type help',
  'shell.trouble': 'something went wrong: {error}',
  'shell.as.noName': 'as NAME: say whom to act as',
  'shell.as.onlyName': 'as takes only a name; a manager gives {who} the role with: role {who} {role}',
  'shell.as.now': 'Now acting as {name}.',
  'shell.page.none': 'there is no {which, select, next {next} other {previous}} page',
  'shell.letter.usage': '{verb} L: L is the letter number shown with the request (not a row or #id)',
  'shell.letter.unknown': 'No letter has the number {number}.',
  'shell.letter.badTemplate': '"{template}" is not a letter template name',
  'shell.file.saved': '[file] {path}',
  'shell.thread.reply': '[account thread] {text}',
  'shell.form.elsewhere': '({title}: use log N to fill it in)',
  'shell.confirm.notAsked': '{question} (not asked here; nothing was changed)',
  'shell.confirm.ask': '{question} {yes}? (yes/no)',
  'shell.submit.ask': '{label}? (yes/no)',
  'shell.submit.nothingSent': 'Nothing was sent.',
  'shell.form.inputEnded': 'The input ended before the form was complete; nothing was saved.',
  // What `duebot <job> --dry-run` prints (adapters/shell/posts.ts) and a job command's undelivered line (src/cli/jobs.ts).
  'shell.dryRun.nothing':
    '{hasWhy, select, yes {Nothing would be posted now: {why}.} other {Nothing would be posted now.}}',
  'shell.dryRun.head':
    '── {key} → {to, select, digest {the digest channel} alerts {the alerts channel} meeting {the meeting channel} account {the account thread of {name}} accountGone {the account thread of account #{id}} user {{name} privately ({platform})} userGone {user #{id} privately} other {the {name} channel}}{hasThread, select, yes {, in the thread of {thread}} other {}} ──',
  'shell.dryRun.file': '[file: {name}, {bytes, plural, one {# byte} other {# bytes}}]',
  'shell.dryRun.fileLater': '[file: {name}, made when delivered]',
  'jobs.undelivered':
    '{waiting, plural, =0 {} other {{waiting} of {total} posts not delivered yet: they stay in the outbox and go out at the next start}}{both, select, yes {; } other {}}{failed, plural, =0 {} other {{failed} of {total} posts could not be delivered}}{hasError, select, yes { (last error: {error})} other {}}; see duebot doctor and the log',
  'jobs.when':
    '{day, select, today {{time} today} tomorrow {{time} tomorrow} other {{time} {weekday} {date}}}',
  'jobs.whyNothing':
    '{job, select, alerts {the alert check} meeting {the credit meeting} promise_follow_up {the promise follow-up} digest {the digest} digest_nudge {the digest nudge} aging_report {the aging report} dispute_check {the dispute check} letter_check {the letter check} housekeeping {the housekeeping} other {the {jobText}}} {state, select, new {finds nothing new to post} newSince {finds nothing new to post (last run at {at})} posted {was posted at {at}} empty {ran at {at} and had nothing to post} skipped {of {period} was skipped (missed while duebot was down)} other {of {period} is {status}}}{next, select, afterSync {; it runs after each ledger sync} none {; next at no time within a month} other {; next at {nextAt}}}',
  'shell.nothingSaved': 'Nothing was saved.',
  'shell.search.nobody': 'Nobody who can own accounts is called "{name}".',
  'shell.search.several': '"{name}" matches several people; type more of the name:',
  'shell.search.more': '... and {count} more',
  'shell.row.usage': '{verb} N: N is a row number of the last list; #N is a customer id (e.g. {verb} #68)',
  'shell.row.noId': 'No account has the id {id}.',
  'shell.row.noList':
    'There is no list yet, so {typed} is no row: type /overdue first, or use #{typed} for the customer with id {typed}.',
  'shell.row.notOnList':
    'There is no row {typed}: {span, select, empty {the last list was empty} all {the last list has {count, plural, one {# row} other {# rows}}} other {the last list shows rows {first}-{last}}}; use #{typed} for the customer with id {typed}.',
  'shell.log.notKeyValue': '"{word}" is not key=value; see help',
  'shell.log.unknownKey': '"{key}" is not a key of log; the keys are {keys}. Nothing was saved.',
  'shell.log.twice': '{key} is given twice; give it once. Nothing was saved.',
  'shell.form.optional': '{label} (optional)',
  'shell.form.oneLine': '(one line; type \\n for a line break)',
  'shell.form.choose': 'Choose 1-{count} or one of: {names}.',
  'shell.form.number': '{label} must be a number, e.g. 1200.50.',
  'shell.form.atLeast': '{label} must be at least {min}.',
  'shell.form.atMost': '{label} must be at most {max}.',
  'shell.form.date':
    '{label} must be a date like 2026-12-01{why, select, month { ({value} is not a date: the month must be 01 to 12)} day { ({value} is not a date: {month} has {days} days)} other {}}.',
  'shell.form.tooLong': '{label} is limited to {max} characters.',
  'shell.form.required': '{label} is required.',
  'shell.row.overdue': '{days, plural, one {# day overdue} other {# days overdue}}',
  'shell.row.unclaimed': 'unclaimed',
  'shell.row.owner': 'owner {owner}',
  'shell.page': 'Page {page} of {pages}',
  'shell.page.previous': 'Previous',
  'shell.page.next': 'Next',
  'shell.image': '[image: {alt}]',
  'shell.menu.more': 'more:',
  'shell.post.thread': '[account thread] {name}',
  'shell.post.threadHead': 'Calls and notes on {name}.',
  'shell.post.private': '@{name} (private)',
  'shell.post.inReply': '{where}, in reply',
  'shell.post.updated': '{where}, updated',
  'shell.post.file': '[file saved: {path}]',
  // Slack (adapters/slack).
  'slack.trouble': 'Something went wrong on duebot’s side; nothing was changed. Please try again.',
  'slack.unposted':
    'Saved, and in the account’s history, but duebot could not post it to the account’s thread. Please tell your Slack admin.',
  'slack.loading': 'Loading…',
  'slack.formTooOld': 'This form is too old; open it again.',
  'slack.modal.cancel': 'Cancel',
  'slack.modal.close': 'Close',
  'slack.form.cannotGoOn': 'This form cannot go on from here; open it again from the card.',
  'slack.form.notOpened':
    'The form could not be opened in time; use the *Log call* button on the account card instead.',
  'slack.placed':
    ":warning: Saved. It is posted in {direct, select, yes {your direct messages with duebot} other {the account's thread in {channel}}}{linked, select, yes { ({link})} other {}}.",
  'slack.placed.linkLabel': '{direct, select, yes {here} other {this thread}}',
  'slack.refused.notMember':
    'duebot is not a member of {channel} and may not post there. Invite @duebot to {channel} (`/invite @duebot`), or reinstall duebot so it has the `chat:write.public` scope.',
  'slack.refused.cannotSee':
    'duebot cannot see {channel}: it is a private channel or group conversation duebot was not invited to. Invite @duebot to it (`/invite @duebot`) or work from SLACK_CHANNEL.',
  'slack.thread.fallback': '{name}: calls and notes on this account',
  'slack.thread.head':
    ':file_folder: *{name}*{id, select, none {} other { ({id})}}: calls and notes on this account. Reply in this thread to add a note to its history.',
  // Teams (adapters/teams).
  'teams.welcome':
    'Hi, I am *duebot*: I keep the overdue worklist in front of the team. Say `overdue` (in a channel: `@duebot overdue`) to see it, `overdue help` for the filters.',
  'teams.file.size': '{unit, select, bytes {{n} bytes} kb {{n} KB} other {{n} MB}}',
  'teams.file.meta':
    '{kind, select, pdf {PDF} other {{mime}}} · {size}{hasUntil, select, yes { · link valid until {until}} other {}}',
  'teams.file.open': '{kind, select, pdf {Open PDF} other {Open file}}',
  'teams.file.unavailable':
    '{why, select, noPublicUrl {No link to the PDF: DUEBOT_PUBLIC_URL (duebot’s https address) is not set. Get it with `duebot letter pdf {letterId} --out letter.pdf` on duebot’s server (the shell’s letter copy saves it too).} noSecret {No link to the PDF: DUEBOT_LINK_SECRET is not set. Get it with `duebot letter pdf {letterId} --out letter.pdf` on duebot’s server (the shell’s letter copy saves it too).} here {Teams cannot receive this file from duebot here.} other {Teams cannot receive this file from duebot.}}',
  // The letter-PDF links' refusals (adapters/teams/letter-pdf.ts): a browser reads these, in its language.
  'teams.pdf.onlyRead': 'Letter files can only be read (GET).',
  'teams.pdf.notEnabled': 'Letter links are not enabled on this duebot (DUEBOT_PUBLIC_URL is not set).',
  'teams.pdf.noSuchFile': 'There is no such letter file.',
  'teams.pdf.incomplete': 'This link is incomplete (no signature or expiry), so the letter is not shown.',
  'teams.pdf.badSignature':
    'This link is not valid (its signature does not match), so the letter is not shown.',
  'teams.pdf.expired':
    'This link expired on {date}. Ask a colleague for letter #{letterId} from duebot (duebot letter pdf {letterId}).',
  'teams.pdf.noStoredPdf': 'Letter #{letterId} has no stored PDF.',
  'teams.pdf.trouble': 'duebot could not read the letter file; try again.',
  'teams.trouble': 'Something went wrong on duebot’s side; nothing was changed. Please try again.',
  'teams.savedToHistory': 'Saved to the account’s history.',
  'teams.notUnderstood': 'I did not understand "{text}".',
  'teams.noAction': 'This button carries no action duebot knows.',
  'teams.formGone': 'This form cannot be submitted any more; open it again.',
  'teams.answeredBelow': 'duebot answered below.',
  'teams.posted': 'Posted.',
  'teams.postedInThread': 'Posted in the account’s thread.',
  'teams.done': 'Done.',
  'teams.saved': 'Saved.',
  'teams.savedAnd':
    '{where, select, thread {Saved and posted in the account’s thread: {text}} other {Saved: {text}}}',
  'teams.field.required': '{label} is required',
  'teams.dialog.tooLarge':
    'This form is too large for a Teams dialog ({size} KB; Teams takes at most {most} KB), so it cannot be shown here. Nothing was changed; please tell your duebot admin.',
  'teams.file.uploadFailed': 'The file could not be uploaded; nothing was changed.',
  'teams.file.offerGone': 'This file offer is not valid any more; nothing was uploaded.',
  'teams.file.noUploadUrl': 'Teams gave no upload address for the file; nothing was uploaded.',
  'teams.thread.head':
    'Calls and notes on this account{id, select, none {} other { ({id})}}. Reply here and mention duebot to add a note to its history.',
  'teams.thread.fallback': '{name}: calls and notes on this account',
} as const;

export type AdaptersCatalog = Readonly<Record<keyof typeof adaptersEn, string>>;
