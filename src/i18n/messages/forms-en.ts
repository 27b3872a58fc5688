/**
 * The account forms and what they answer, in English (merged into en.ts): disputes and pauses (PB-21,
 * PB-19), reassigning (PB-25), account terms (PB-06, PB-09, PB-16), the agency hand-over (PB-30), the
 * collector credit summary (PB-29), roles, the people search and a person's own worklist. Field messages
 * are the short lower-case phrases shown beside a form's field.
 */
export const formsEn = {
  // Role refusals: one sentence per thing a role is needed for.
  'role.needed':
    "{doing, select, dispute {Opening a dispute} resolve {Resolving a dispute} pause {Pausing chasing} unpause {Un-pausing chasing} reassign {Reassigning an account} terms {Setting account terms} handOver {Handing an account over to an agency} credits {The collector credit summary} claim {Claiming an account} release {Releasing {owner}'s account} meeting {Deciding on accounts in the credit meeting} planAgree {Agreeing a payment plan} planCancel {Cancelling a payment plan} logContact {Logging a contact} note {Adding a note} promiseKept {Marking a promise kept} letter {Sending a letter} letterSend {Sending the {letter} letter} letterApprove {Approving the {letter} letter} letterReject {Rejecting the {letter} letter} letterMarkSent {Marking the {letter} letter as sent} letterSendAgain {Sending the {letter} letter again} letterCancel {Cancelling the {letter} letter} other {Changing a role}} needs {needed, select, manager {a manager} salesOrManager {sales or a manager} anyStaff {a collector, a manager or sales} other {a collector or a manager}}; you are {role, select, collector {a collector} manager {a manager} sales {sales} other {a viewer}}. A manager can give you the role: /overdue role @{name} {wanted}",
  'role.ambiguous': '"{text}" could be {who}; name one by its id.',
  'role.unknown':
    'Nobody called "{text}" has used duebot.{hasLike, select, yes { Did you mean {like}?} other { People are known here after their first duebot command.}}',
  'role.gone': 'There is no staff user #{id} any more.',
  'role.is':
    '{name} is {role, select, collector {a collector} manager {a manager} sales {sales} other {a viewer}}{already, select, yes { already; nothing changed} other {}} ({source, select, list {{hasSetting, select, yes {listed in {setting}} other {listed in a role list of the settings}}} hand {{hasBy, select, yes {set by {by}} other {set by a manager}}} other {the role of a first use}}).',
  'role.setBySetting':
    "{name}'s role is set by {hasSetting, select, yes {{setting}} other {a role list}}; change the setting (a role set here would be undone at the next start).",
  'role.already':
    '{name} is {role, select, collector {a collector} manager {a manager} sales {sales} other {a viewer}} already; nothing changed.',
  'role.now':
    '{name} is now {role, select, collector {a collector} manager {a manager} sales {sales} other {a viewer}} (was {from, select, collector {a collector} manager {a manager} sales {sales} other {a viewer}}).',
  'role.setByWhom': '{actor} set it; recorded in the history.',
  'role.lastManager':
    '{self, select, yes {You are} other {{name} is}} the last manager; make someone else a manager first, or nobody could change roles again.',
  'role.noStaff': 'There is no staff user #{id}.',

  // Disputes (PB-21, PB-19).
  'dispute.noAccount': 'There is no account #{id}.',
  'dispute.form.title': 'Open a dispute: {name}',
  'dispute.form.submit': 'Open dispute',
  'dispute.form.invoices': 'Disputed invoices',
  'dispute.form.invoicesHint':
    'Only these leave the ladder (PB-21); open: {examples}{more, select, yes {, ...} other {}}',
  'dispute.form.reason': 'What the customer disputes',
  'dispute.form.contact': 'After-sales contact',
  'dispute.form.contactHint': 'Who looks into it (PB-19: route it to after-sales within an hour)',
  'dispute.resolve.title': 'Resolve a dispute: {name}',
  'dispute.resolve.submit': 'Resolve',
  'dispute.resolve.dispute': 'Dispute',
  'dispute.resolve.outcome': 'Outcome',
  'dispute.resolve.note': 'Why',
  'dispute.resolve.noteHint': 'What was found or agreed, e.g. "credit note CN-12 for the damaged pallet"',
  'dispute.outcome':
    "{outcome, select, upheld_credit_note {In the customer's favour: a credit note is expected} partially_credited {Partly in the customer's favour: a credit note for part is expected} rejected_collect {Not in their favour: collect again} other {Withdrawn by the customer: collect again}}",
  'dispute.nothingToDispute': '{name} has no open invoice that is not already in a dispute.',
  'dispute.noOpen': '{name} has no open dispute to resolve.',
  'dispute.opened': '*{actor}* opened dispute #{id} with {name} on {invoices}: _{reason}_',
  'dispute.openedNext':
    'These invoices leave the ladder and the interest until it is resolved; the rest is still collected (PB-21).{hasContact, select, yes { After-sales: {contact}.} other {}}',
  'dispute.resolved':
    "*{actor}* resolved dispute #{id} on {invoices}: {outcome, select, upheld_credit_note {In the customer's favour: a credit note is expected} partially_credited {Partly in the customer's favour: a credit note for part is expected} rejected_collect {Not in their favour: collect again} other {Withdrawn by the customer: collect again}}",
  'dispute.resolvedWhy': 'Why: _{note}_',
  'dispute.creditExpected':
    'A credit note is expected: the invoices stay off the ladder until the ledger shows it.',
  'dispute.backOnLadder':
    'The invoices are back on the ladder from where they stood when the dispute opened (PB-21).',
  'dispute.field.nameInvoices': 'name at least one invoice',
  'dispute.field.tooManyInvoices': 'at most 200 invoices at once',
  'dispute.field.notOfAccount': 'not invoices of this account: {invoices}',
  'dispute.field.notOpen': 'not open any more: {invoices}',
  'dispute.field.sayWhat': 'say what the customer disputes',
  'dispute.field.required': 'required',
  'dispute.field.atMost': 'at most {max} characters',
  'dispute.field.chooseInvoices': 'choose at least one invoice',
  'dispute.field.onlyOpen': 'only open invoices of this account can be disputed',
  'dispute.field.busy': 'already disputed: {list}',
  'dispute.field.busyItem': '{invoice} (dispute #{id})',
  'dispute.field.outcome': 'choose one of the outcomes in the list',
  'dispute.field.sayWhy': 'say why it was resolved this way',
  'dispute.field.choose': 'choose the dispute',
  'dispute.field.notThisAccount': '#{id} is not a dispute of this account',
  'dispute.field.alreadyResolved':
    '#{id} was already resolved{hasBy, select, yes { by {by}} other {}} on {date} ({outcome, select, upheld_credit_note {upheld credit note} partially_credited {partially credited} rejected_collect {rejected collect} other {withdrawn}})',
  'dispute.invalid.names': 'Name the invoices.',
  'dispute.invalid.tooMany': 'Too many invoices.',
  'dispute.invalid.notOfAccount': 'Some invoices are not of this account.',
  'dispute.invalid.notOpen': 'Some invoices are not open.',
  'dispute.invalid.sayWhat': 'Say what the customer disputes.',
  'dispute.invalid.reasonLong': 'The reason is too long.',
  'dispute.invalid.contactLong': 'The contact is too long.',
  'dispute.invalid.choose': 'Choose the invoices in dispute.',
  'dispute.invalid.onlyOpen': 'Some chosen invoices are not open invoices of this account.',
  'dispute.invalid.busy': 'Already in an open dispute: {list}.',
  'dispute.invalid.marked': 'Please correct the marked fields.',
  'dispute.invalid.notThisAccount': 'Dispute #{id} is not a dispute of this account.',
  'dispute.invalid.alreadyResolved':
    'Dispute #{id} was already resolved{hasBy, select, yes { by {by}} other {}} on {date}.',
  'dispute.raise.title':
    '*Dispute #{id} open for {days, plural, one {# day} other {# days}}: {name}* ({invoices}): _{reason}_',
  'dispute.raise.body':
    'Opened {date}{hasBy, select, yes { by {by}} other {}}.{hasContact, select, yes { After-sales: {contact}.} other { No after-sales contact is named.}} Chase after-sales for an answer, then resolve it from the card (PB-21).{owned, select, yes {} other { Nobody owns the account: claim it.}}',
  'dispute.raise.fallback': 'Dispute #{id} open for {days, plural, one {# day} other {# days}}: {name}',

  // Pauses.
  'pause.form.title': 'Pause chasing: {name}',
  'pause.form.submit': 'Pause',
  'pause.form.until': 'Paused until',
  'pause.form.untilHint': 'The last day of the pause ({today} or later); chasing resumes the day after',
  'pause.form.reason': 'Why',
  'pause.form.reasonHint': 'e.g. "AP closed for the ERP migration, call back after"',
  'pause.form.invoices': 'Only these invoices',
  'pause.form.invoicesHint': 'Leave empty to pause the whole account; e.g. {examples}',
  'pause.paused':
    '*{actor}* paused chasing {whole, select, yes {the whole account} other {{invoices}}} until {until}: _{reason}_',
  'pause.pausedNext':
    'No ladder steps, letters or nudges for it until then; chasing resumes on its own the day after.',
  'pause.unpaused': '*{actor}* un-paused chasing; it resumes today.',
  'pause.ended':
    '*{hasName, select, yes {{name}} other {account #{id}}}*: the pause until {until} ended; chasing resumes today.',
  'pause.field.untilRequired': 'required: the last day of the pause',
  'pause.field.badDate':
    '{problem, select, format {a date as YYYY-MM-DD} month {{value} is not a date: the month must be 01 to 12} other {{value} is not a date: {monthName} {year} has {days} days}}',
  'pause.field.past': 'today ({today}) or later: {until} is in the past',
  'pause.field.tooLate': 'at most a year ahead ({latest})',
  'pause.field.sayWhy': 'say why chasing is paused',
  'pause.field.wholePaused':
    'the whole account is already paused{hasUntil, select, yes { until {until}} other {}}; un-pause it first',
  'pause.field.taken': 'already paused: {list}',
  'pause.field.takenItem': '{invoice} until {hasUntil, select, yes {{until}} other {further notice}}',
  'pause.invalid.wholePaused': 'The whole account is already paused.',
  'pause.invalid.taken': 'Some invoices are already paused.',
  'pause.nothingPaused': 'Nothing on this account is paused; nothing was changed.',

  // Reassign (PB-25).
  'reassign.noAccount': 'There is no account #{id}.',
  'reassign.form.title': 'Reassign account',
  'reassign.form.submit': 'Reassign',
  'reassign.form.owner': 'New owner of {name}',
  'reassign.form.ownedBy': 'Now owned by {owner}',
  'reassign.form.nobody': 'Nobody owns it now',
  'reassign.nobodyElse':
    'Nobody else can own accounts yet: collectors appear here after they first use duebot.',
  'reassign.field.choose': 'choose the new owner',
  'reassign.cannotOwn':
    '{name} is {role, select, collector {collector} manager {manager} sales {sales} other {viewer}}; only collectors and managers own accounts.',
  'reassign.alreadyOwns': '{name} already owns this account.',
  'reassign.done':
    '{actor} reassigned this account{hasFrom, select, yes { from {from}} other {}} to {owner}.',

  // Account terms (PB-06, PB-09, PB-16).
  'terms.noAccount': 'There is no account #{id}.',
  'terms.form.title': 'Account terms',
  'terms.form.submit': 'Save terms',
  'terms.form.exempt': 'Exempt from key account',
  'terms.form.exemptYes': 'Yes, until 60 days overdue',
  'terms.form.no': 'No',
  'terms.form.exemptHint':
    '{name}: PB-06, from 45 days overdue unless exempted; at 60 days without exception',
  'terms.form.habitual': 'Habitual late payer',
  'terms.form.habitualYes': 'Yes: remind before due',
  'terms.form.habitualHint': 'PB-09: gets the pre-due reminder and calls whatever the grade',
  'terms.form.rate': 'Contract interest per day',
  'terms.form.rateHint': 'PB-16, e.g. 0.03%; blank: {rate}',
  'terms.form.reason': 'Why',
  'terms.form.reasonHint': 'Kept in the account history',
  'terms.change.exempt':
    'key-account exemption {from, select, yes {yes} other {no}} → {to, select, yes {yes} other {no}}',
  'terms.change.habitual':
    'habitual late payer {from, select, yes {yes} other {no}} → {to, select, yes {yes} other {no}}',
  'terms.change.rate': 'interest {from} → {to} a day',
  'terms.listSeparator': ', ',
  'terms.set': '{actor} set the account terms: {changed, select, yes {{changes}} other {nothing changed}}.',
  'terms.field.yesNo': 'choose yes or no',
  'terms.field.atMost': 'at most {max} characters',
  'terms.field.rate': 'a daily rate such as 0.03%, 3bp or 0.0003',
  'terms.field.rateMax': 'at most {max}% a day',
  'terms.field.reason': 'say why (kept in the history)',
  'terms.field.invalid': 'not a valid value',
  'terms.invalid': 'Some terms are not valid; nothing was changed.',
  'terms.stale':
    'The account changed after this form was opened, so nothing was changed. Open the terms again.',

  // The hand-over to an agency (PB-30).
  'agency.noAccount': 'There is no account #{id}.',
  'agency.form.title': 'Hand over to agency',
  'agency.form.submit': 'Hand over',
  'agency.form.agency': 'Agency',
  'agency.form.agencyHint':
    '{name}: {hasOpen, select, yes {{open} open is handed over} other {nothing open is handed over}}; internal chasing stops (PB-30)',
  'agency.form.note': 'Note',
  'agency.already': 'This account was already handed over to {agency} on {date}.',
  'agency.done': '{actor} handed this account over to {agency}.',
  'agency.field.name': 'name the agency',
  'agency.field.atMost': 'at most {max} characters',
  'agency.field.oneLine': 'one line, no control characters',
  'agency.field.invalid': 'not a valid value',
  'agency.invalid': 'The hand-over is not complete; nothing was changed.',
  'agency.stale': 'The account changed after this form was opened, so nothing was changed. Open it again.',
  'agency.nothingOpen': 'Nothing is open on this account, so there is nothing to hand over.',

  // The collector credit summary (PB-29).
  'credits.title': 'Recovered in {month} by collector (PB-29)',
  'credits.none': 'No invoice was settled in {month}.',
  'credits.noneFallback': 'Nothing recovered in {month}',
  'credits.line':
    '*{hasName, select, yes {{name}} other {Nobody owned the account}}*: {recovered} ({items, plural, one {# invoice} other {# invoices}}) · bonus base, settled over {days} days past due: {hasBase, select, yes {{base}} other {none}}',
  'credits.note':
    'Credited to whoever owned the account when the ledger showed the invoice settled; the whole invoice total counts.',
  'credits.fallback': 'Recovered in {month} by collector',

  // The people search of a searchable field.
  'people.tooLong': 'Type at most {max} characters to search.',
  'people.unreadable': 'The search has {code} at position {position}, which duebot cannot read.',
  'people.badForm': 'This form is damaged or not one of ours; open it again.',
  'people.noSearch': 'This field has no search.',

  // A person's own worklist (App Home).
  'mywork.title': "{name}'s worklist, {today}",
  'mywork.brokenTitle': '*Broken promises* (PB-20: call the same day)',
  'mywork.dueTitle': '*Promises due today*',
  'mywork.quietTitle': '*No status update* (PB-26: update each account daily)',
  'mywork.followUpsTitle': '*Follow-ups due today*',
  'mywork.promiseOpen': '• *{name}*: {amount} promised for {date}',
  'mywork.promiseMissed':
    '• *{name}*: {amount} promised for {date} {status, select, broken {was not paid} other {was paid in part}}{hasPaid, select, yes {, {paid} paid} other {}}',
  'mywork.quiet':
    '• *{name}*: no update for {days, plural, one {# working day} other {# working days}} (since {since})',
  'mywork.followUp': '• *{name}*{late, select, yes { (since {since})} other {}}',
  'mywork.none': 'You own no accounts yet. Use `/overdue unclaimed` and *Claim* the ones you will chase.',
  'mywork.count':
    'Your {total, plural, one {# account} other {# accounts}} by expected recovery{more, select, yes { (top {shown} shown)} other {}}.',
  'mywork.fallback':
    '{total, plural, one {# account} other {# accounts}}, {count, plural, one {# thing} other {# things}} due today',
} as const;
