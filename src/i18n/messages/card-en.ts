/**
 * The account card, its history, the notices and refusals around a click (merged into en.ts): one ICU
 * message per sentence; codes stored in the history (channels, results, roles) are chosen with select.
 */
export const cardEn = {
  // Item states and due dates
  'card.state.disputed': 'disputed since {since}',
  'card.state.disputedFlag': 'disputed',
  'card.state.paused': '{scope, select, account {account paused} other {paused}}',
  'card.state.pausedUntil':
    '{scope, select, account {account paused until {until}} other {paused until {until}}}',
  'card.state.plan': 'in plan #{planId}',
  'card.state.planNext': 'in plan #{planId}, next {next}',
  'card.state.promised': 'promised {amount} by {date}',
  'card.due.status':
    '{state, select, overdue {{days, plural, one {# day overdue} other {# days overdue}}} today {due today} tomorrow {due tomorrow} other {due in {days, plural, one {# day} other {# days}}}}',
  'card.item.line': '*{number}* · due {due} · {status} · {amount}',
  'card.item.interest': 'interest {amount}',
  'card.items.none': 'No open invoices.',
  'card.items.more': '{count, plural, one {and # more invoice} other {and # more invoices}}',
  'card.settled.title': 'Settled recently:',
  'card.settled.line': '*{number}* · due {due} · settled {paid} · {amount}',
  // Fields
  'card.field.open': 'Open',
  'card.field.daysOverdue': 'Days overdue',
  'card.field.interest': 'Late interest',
  'card.field.grade': 'Grade',
  'card.field.owner': 'Owner',
  'card.field.ladder': 'Ladder',
  'card.field.next': 'Next action',
  'card.field.lastContact': 'Last contact',
  'card.field.apContact': 'AP contact',
  'card.field.salesRep': 'Sales rep',
  'card.nothing': 'nothing',
  'card.none': 'none',
  'card.unclaimed': 'unclaimed',
  'card.someone': 'someone',
  'card.daysOverdue.value':
    '{days} ({overdue} of {total, plural, one {# invoice} other {# invoices}} overdue)',
  'card.interest.value': '{amounts} at {rate} a day (PB-16)',
  'card.grade.value': '{grade}: {reason}',
  'card.next.value': '{late, select, yes {{action}, late since {date}} other {{action}, by {date}}}',
  'card.lastContact.none': 'none yet',
  'card.lastContact.value':
    '{date} by {who}: {channel, select, call {call} email {email} visit {visit} note {note} other {contact}} {result, select, reached {reached} no_answer {no answer} voicemail {voicemail} promised {promised} in_process {in process} disputed {disputed} refused {refused} paid {paid} wrong_contact {wrong contact} cash_flow {cash flow} other {logged}}',
  'card.apContact.missing': 'missing: add one in the ledger',
  // Flags and standing
  'card.flag.keyAccount':
    '*Key account*: {days, plural, one {# day} other {# days}} overdue: key account (PB-06)',
  'card.flag.keyAccountNoException':
    '*Key account*: {days, plural, one {# day} other {# days}} overdue: key account without exception from {from} days (PB-06)',
  'card.flag.creditHold': '*Credit hold*: {reason}',
  'card.flag.blacklisted': '*Blacklisted*: {reason}',
  'card.grade.why':
    '{grade}: {rule, select, late {{late} of {considered, plural, one {# invoice} other {# invoices}} {open, select, none {paid more than {tolerance} days late} all {unpaid more than {tolerance} days past due} other {paid more than {tolerance} days late or still unpaid}}} worst {an invoice went {days} days past due} new {new customer since {since}, no late payments yet} few {only {considered, plural, one {# invoice} other {# invoices}} to judge by, none late} other {all {considered, plural, one {# invoice} other {# invoices}} paid within {tolerance} days of the due date}}',
  'card.flag.creditHoldWhy':
    '*Credit hold*: {perMonth}+ invoices {monthEnd, select, yes {overdue at the end of each of} other {overdue {minDays}+ days in each of}} {months}; until {invoices} {count, plural, one {is} other {are}} cleared (PB-10)',
  'card.flag.blacklistUnpaid': '*Blacklisted*: {invoice} unpaid {days} days past due (PB-11)',
  'card.flag.blacklistIncidents':
    '*Blacklisted*: {count} invoices went more than {days} days past due ({invoices}) (PB-11)',
  'card.flag.missedPromises': 'Missed promises: {dates}',
  'card.handedOver':
    '*Handed over to {agency}* on {on} (PB-30): {amounts} handed over after {days} days and {attempts} contact attempts; internal chasing stopped',
  'card.inCollection':
    '*In the collection procedure* (PB-05): {days} days overdue{owned, select, yes {} other {; nobody owns it yet: claim it}}',
  'card.sevens.line': '7-7-7 (PB-13): {first} · {tries} · {resolve}',
  'card.sevens.noContact':
    '{late, select, yes {no contact yet (due within {days} days)} other {no contact yet}}',
  'card.sevens.firstContact':
    '{late, select, yes {first contact on day {day} (late: within {days})} other {first contact on day {day}}}',
  'card.sevens.attemptsDone':
    '{attempts} of {wanted} attempts in {weeks} weeks{short, select, yes { (short)} other {}}',
  'card.sevens.attemptsRunning': '{attempts} of {wanted} attempts, week {week} of {weeks}',
  'card.sevens.unresolved': 'unresolved {days} days past {months} months ({by})',
  'card.sevens.resolveBy': 'day {day} of {allowed} to resolve ({months} months, by {by})',
  'card.dispute.line': 'Dispute #{id} since {since} on {invoices}: {reason}',
  'card.dispute.lineContact': 'Dispute #{id} since {since} on {invoices}: {reason} · after-sales: {contact}',
  // Buttons
  'card.button.claim': 'Claim',
  'card.button.log': 'Log call',
  'card.button.letter': 'Send letter',
  'card.button.history': 'History',
  'card.button.release': 'Release',
  'card.button.reassign': 'Reassign',
  'card.button.dispute': 'Dispute',
  'card.button.resolve': 'Resolve dispute',
  'card.button.pause': 'Pause',
  'card.button.unpause': 'Un-pause',
  'card.button.terms': 'Account terms',
  'card.button.handOver': 'Hand over to agency',
  'card.button.plan': 'Payment plan',
  'card.button.renegotiatePlan':
    '{several, select, yes {Renegotiate {currency} plan} other {Renegotiate plan}}',
  'card.button.cancelPlan': '{several, select, yes {Cancel {currency} plan} other {Cancel plan}}',
  'card.footer': 'Customer {id} · assessed {assessed}',
  'card.footer.owned': 'Customer {id} · assessed {assessed} · claimed by {owner}',
  'card.fallback': '{name}: {total} open, {days} days overdue',
  // Payment record (PB-02) and promises (PB-20)
  'card.record.none': '*Payment history*: no paid invoices on record yet.',
  'card.record.summary':
    '*Payment history*: {paid} paid, {late} of them late{all, select, no {, newest {shown} shown} other {}}',
  'card.record.paidLine':
    '{number} · {amount} · due {due} · paid {paid} · {late, plural, =0 {on time} one {# day late} other {# days late}}',
  'card.promises.none': 'Promises to pay: none decided yet.',
  'card.promises.summary': '*Promises*: {kept} kept, {partial} partly kept, {broken} broken',
  'card.promises.line':
    '{what, select, installment {installment} other {promise}} of {amount} by {date}: {status, select, kept {kept} broken {broken} other {partly kept}}',
  'card.promises.linePartial':
    '{what, select, installment {installment} other {promise}} of {amount} by {date}: partly kept ({paid} paid)',
  // The ledger's age
  'card.age':
    '{unit, select, now {less than a minute} minutes {{n} min} hours {{n} h} other {{n, plural, one {# day} other {# days}}}}',
  'card.stale.why':
    '{why, select, unreachable {the accounting database is unreachable} mapping {the ledger mapping query fails} other {the ledger sync fails} none {no sync has finished since}}',
  'card.stale.line': 'Ledger last read {age} ago: {why}.',
  'card.stale.lineNever': 'Ledger never read: {why}.',
  'card.outage.text':
    '*duebot cannot read the ledger*: {why}. Lists, cards and the digest show the data last read {at} ({age} ago) and say so. duebot keeps trying and says here when it reads the ledger again.',
  'card.outage.textNever':
    '*duebot cannot read the ledger*: {why}. Lists, cards and the digest show the data last read never and say so. duebot keeps trying and says here when it reads the ledger again.',
  'card.outage.details': 'Details: `duebot doctor` on the server, or GET /healthz.',
  'card.outage.fallback': 'duebot cannot read the ledger: {why}',
  'card.recovered.text':
    '*duebot reads the ledger again* (at {at}, after {age} without it). Lists, cards and the digest are current.',
  'card.recovered.fallback': 'duebot reads the ledger again',
  // History (PB-02, PB-03)
  'card.history.title': 'History: {name}',
  'card.history.pastLast':
    'There is no page {asked}: the history has {pages, plural, one {# page} other {# pages}}. Here is the oldest.',
  'card.history.empty': 'Nothing recorded yet.',
  'card.history.entries': 'Entries {first}-{last} of {total}, newest first',
  'card.history.newer': 'Newer',
  'card.history.older': 'Older',
  'card.history.outcome':
    '{who} logged {channel, select, call {a call} email {an email} visit {a visit} note {a note} other {a {channelText}}}: {result, select, reached {reached} no_answer {no answer} voicemail {voicemail} promised {promised} in_process {in process} disputed {disputed} refused {refused} paid {paid} wrong_contact {wrong contact} cash_flow {cash flow} other {{resultText}}}{promised, select, yes { {amount} by {date}} other {}}{hasFollowUp, select, yes {; follow up {followUp}} other {}}{hasNotes, select, yes { — "{notes}"} other {}}',
  'card.history.note': '{who} noted: "{notes}"',
  'card.history.claimed': '{who} claimed the account',
  'card.history.released':
    '{hasFrom, select, yes {{who} released the account (owned by {from})} other {{who} released the account}}',
  'card.history.reassigned':
    '{hasFrom, select, yes {{who} reassigned the account from {from} to {to}} other {{who} reassigned the account from nobody to {to}}}',
  'card.history.promiseOutcome':
    'Promise of {amount} {outcome, select, kept {kept} partial {partial} other {broken}}: {paid} paid',
  'card.history.escalated': 'Escalated: {reason}',
  'card.history.escalatedWhy':
    'Escalated: {cause, select, stalled {"in process" {times, plural, one {once} =2 {twice} other {# times}} with no concrete step (PB-14)} promise {the promise to pay by {date} was {status, select, broken {broken} other {only partly kept}} (PB-20)} other {key account at {days} days overdue (PB-06); a manager was told}}',
  'card.history.ownerTold':
    '{who} told {told}{cause, select, stalled {: "in process" {times, plural, one {once} =2 {twice} other {# times}} with no concrete step (PB-14)} promise {: the promise to pay by {date} was {status, select, broken {broken} other {only partly kept}} (PB-20)} other {}}',
  'card.history.planCancelled':
    '{who} cancelled payment plan #{planId}{count, plural, =0 {} one { (# open installment cancelled)} other { (# open installments cancelled)}}',
  'card.history.meetingDecision':
    '{who} decided in the credit meeting of {meeting}: {decision}{hasPrevious, select, yes { (changed from {previous})} other {}}',
  'card.history.toldNobody': 'nobody',
  'card.history.disputeOpened':
    '{hasContact, select, yes {{who} opened dispute #{id} on {invoices}: {reason} (after-sales: {contact})} other {{who} opened dispute #{id} on {invoices}: {reason}}}',
  'card.history.disputeResolved':
    '{who} resolved dispute #{id}{hasInvoices, select, yes { on {invoices}} other {}}: {outcome, select, upheld_credit_note {upheld credit note} rejected_collect {rejected collect} withdrawn {withdrawn} partially_credited {partially credited} other {{outcomeText}}}{hasNote, select, yes {, because {note}} other {}}',
  'card.history.disputeRaised':
    '{hasOwner, select, yes {Dispute #{id} open for {days} days: raised to {owner}} other {Dispute #{id} open for {days} days: raised to the team}}',
  'card.history.planCreated': '{who} agreed a payment plan of {amount} in {count} installments',
  'card.history.paused':
    '{who} paused chasing{hasInvoices, select, yes { {invoices}} other {}}{hasUntil, select, yes { until {until}} other {}}: {reason}',
  'card.history.pauseLifted': '{who} un-paused chasing',
  'card.history.pauseEnded': 'The pause until {until} ended; chasing resumes',
  'card.history.letterRequested':
    '{who} asked for the {template} letter ({status, select, requested {requested} sending {sending} queued {queued} awaiting_approval {awaiting approval} other {{statusText}}})',
  'card.history.letterSent':
    '{who} sent the {template} letter ({locale}) to {recipient}: "{subject}", message id {messageId}',
  'card.history.noSmtp': 'e-mail delivery is not configured (SMTP_URL and LETTER_FROM)',
  'card.history.letterPrepared': '{who} prepared the {template} letter ({locale}), NOT SENT: {reason}',
  'card.history.letterFailed':
    '{hasRecipient, select, yes {The {template} letter ({locale}) of {who} FAILED to {recipient}: {error}} other {The {template} letter ({locale}) of {who} FAILED: {error}}}',
  'card.history.letterApprovalRequested': '{who} asked for approval of the {template} letter #{letterId}',
  'card.history.letterApproved':
    '{who} approved the {template} letter #{letterId} asked for by {requestedBy}',
  'card.history.letterRejected':
    '{who} rejected the {template} letter #{letterId} asked for by {requestedBy}',
  'card.history.letterUncertain':
    'The {template} letter #{letterId} ({locale}) to {hasRecipient, select, yes {{recipient}} other {the customer}} MAY OR MAY NOT HAVE GONE OUT: {cause, select, lost {{reason}} other {duebot stopped while sending it}}; message id {hasMessageId, select, yes {{messageId}} other {not recorded}}; {hasChecker, select, yes {{checker}} other {the requester}} was asked to check',
  'card.history.letterMarkedSent':
    '{who} checked the mailbox and marked the {template} letter #{letterId} as sent to {recipient}, message id {messageId}',
  'card.history.letterSentAgain':
    '{who} chose to send the {template} letter #{letterId} again to {hasRecipient, select, yes {{recipient}} other {the customer}}',
  'card.history.roleByHand':
    '{who} made {person} {role, select, collector {a collector} manager {a manager} sales {sales} viewer {a viewer} other {{roleText}}}{hasFrom, select, yes { (was {from, select, collector {a collector} manager {a manager} sales {sales} viewer {a viewer} other {{fromText}}})} other {}}',
  'card.history.roleUnlisted':
    '{person} is {role, select, collector {a collector} manager {a manager} sales {sales} viewer {a viewer} other {{roleText}}} again{hasFrom, select, yes { (was {from, select, collector {a collector} manager {a manager} sales {sales} viewer {a viewer} other {{fromText}}})} other {}}: no longer in {setting}',
  'card.history.roleListed':
    '{person} is {role, select, collector {a collector} manager {a manager} sales {sales} viewer {a viewer} other {{roleText}}}{hasFrom, select, yes { (was {from, select, collector {a collector} manager {a manager} sales {sales} viewer {a viewer} other {{fromText}}})} other {}}: listed in {setting}',
  'card.history.termsChanged':
    '{who} set the account terms: key-account exemption {exempt, select, yes {yes} other {no}}, habitual late payer {habitual, select, yes {yes} other {no}}, {hasRate, select, yes {contract interest {rate} a day} other {default interest}} — "{reason}"',
  'card.history.handedOver':
    '{who} handed the account over to {agency}: {amounts} after {days} days and {attempts} contact attempts (PB-30)',
  'card.history.other': '{who}: {kind}',
  // Answers around a click
  'card.account.missing': 'There is no account #{id} any more; it may have been settled and removed.',
  'card.account.noMatch': 'No account matches "{text}". Try part of the name, or the customer id.',
  'card.candidates.intro':
    '"{text}" matches {count, plural, one {# account} other {# accounts}}; say which one (name or id):',
  'card.candidates.line': '• {name} (id {id})',
  'card.claim.alreadyYours': 'You already own this account.',
  'card.claim.taken': 'Already claimed by {owner}.',
  'card.claim.changedHands': 'The account changed hands while you clicked; please try again.',
  'card.release.nobody': 'Nobody owns this account, so there is nothing to release.',
  'card.release.conflict': 'Someone else released this account a moment ago.',
  'card.refused.role':
    '{doing, select, claim {Claiming an account needs a collector or a manager} release {Releasing the account of {owner} needs a manager} other {Logging a contact needs a collector, a manager or sales}}; you are {role, select, collector {a collector} manager {a manager} sales {sales} other {a viewer}}. A manager can give you the role: /overdue role @{name} {doing, select, release {manager} other {collector}}',
  'card.stale.note': 'This card was out of date, so nothing was changed. Here is the account as it is now.',
  'card.stale.takenNote':
    'Already claimed by {owner}. This card was out of date, so nothing was changed. Here is the account as it is now.',
  'card.button.noAccount': 'This button names no account.',
  'card.button.noAction': 'This button names no action.',
  'card.button.older': 'This button is from an older card and does nothing now; open the account again.',
  'card.form.gone': 'This form cannot be submitted any more; open it again.',
  'card.form.alreadyRecorded': 'This form was already submitted and recorded; nothing more was changed.',
  'card.note.notSaved': 'Your note was not saved: {why}',
  'card.confirm.no': 'Cancel',
  'card.log.posted':
    '*{who}* logged {channel, select, call {a call} email {an email} visit {a visit} other {a note}} with {known, select, yes {{customer}} other {the customer}}: {result, select, reached {reached} no_answer {no answer} voicemail {voicemail} promised {promised} in_process {in process} disputed {disputed} refused {refused} paid {paid} wrong_contact {wrong contact} cash_flow {cash flow} other {{resultText}}}',
  'card.log.postedPromise':
    '*{who}* logged {channel, select, call {a call} email {an email} visit {a visit} other {a note}} with {known, select, yes {{customer}} other {the customer}}: {result, select, promised {promised} other {{resultText}}} {amount} by {date}',
  'card.log.escalated':
    'Escalated: "in process" {times, plural, one {once} =2 {twice} other {# times}} with no concrete step (PB-14).',
  'card.log.escalatedTold':
    'Escalated: "in process" {times, plural, one {once} =2 {twice} other {# times}} with no concrete step (PB-14); told {told}.',
  'card.log.followUp': 'Next follow-up: {date}',
  // Buttons and text duebot cannot read
  'card.ref.none': 'This button carries no action reference.',
  'card.ref.tooLong': 'This button carries an action reference too long to be ours.',
  'card.ref.unknown': 'This button carries an action reference duebot does not know.',
  'card.ref.version': 'This card comes from an older or newer duebot; here is the current view.',
  'card.ref.damaged': 'This button carries a damaged action reference.',
  'card.ref.invalid': 'This button carries an invalid action reference.',
  'card.unreadable.character':
    'U+{code} ({kind, select, nul {a NUL byte} escape {an escape character} bell {a bell character} surrogate {half of a character pair} other {a control character}}) at position {position}',
  'card.unreadable.name': 'Your name or id as the platform sent it has {what}; duebot cannot use it.',
  'card.unreadable.command':
    'The command has {what}, which duebot cannot read; type it again without it. Nothing was changed.',
  'card.unreadable.note': 'Your note was not saved: it has {what}; send it again without it.',
  'card.unreadable.button': 'This button carries {what}; nothing was changed.',
  'card.unreadable.form': 'This form carries {what}; nothing was changed.',
  'card.unreadable.field': 'has {what}; type it again without it',
  // Notification text of blocks that carry no words of their own
  'card.fallback.row':
    '{name} (#{id}), {open, select, yes {{amounts}} other {nothing open}}, {days} days overdue, {owned, select, yes {owner {owner}} other {unclaimed}}',
  'card.fallback.image': '[image: {alt}]',
  'card.fallback.page': 'Page {page} of {pages}',
} as const;

export type CardCatalog = Readonly<Record<keyof typeof cardEn, string>>;
