/**
 * Letters, payment plans, promises, the call log and escalations in English (merged into en.ts): the
 * chooser, preview and approval of a letter, a letter that may or may not have gone out, the plan form and
 * its preview, promises on the card, the log form with its field errors, and the private escalation notices.
 * One message per sentence; names of letters are the only nouns put into other messages.
 */
export const lettersEn = {
  // What people call each letter in a sentence ("the formal demand letter").
  'letter.name.reminder': 'reminder',
  'letter.name.polite_reminder': 'polite reminder',
  'letter.name.formal_demand': 'formal demand',
  'letter.name.final_notice': 'final notice',
  'letter.name.lawyer_letter_request': 'legal referral',
  'letter.name.payment_plan': 'payment plan',
  'letter.name.call_summary': 'call summary',
  'letter.name.missed_discount': 'missed discount',
  'letter.language':
    '{locale, select, en {English} zh_CN {Simplified Chinese} zh_TW {Traditional Chinese} other {{locale}}}',

  // The chooser and the preview.
  'letter.form.title': 'Send a letter',
  'letter.chooser.submit': 'Preview',
  'letter.chooser.option': '{template} ({step}, day {day})',
  'letter.chooser.label': 'Letter to {name}',
  'letter.chooser.hint_suggested': 'The ladder suggests {template} for this account today.',
  'letter.chooser.hint_none': 'The ladder suggests no letter today; choose one to send it anyway.',
  'letter.chooser.unknown': 'choose one of the letters',
  'letter.preview.header': '{name} letter to {customer}',
  'letter.preview.to': 'To',
  'letter.preview.subject': 'Subject',
  'letter.preview.language': 'Language',
  'letter.preview.delivery': 'Delivery',
  'letter.preview.approval': 'Approval',
  'letter.preview.no_email': 'no e-mail: {problem}',
  'letter.preview.delivery_email': 'e-mail with the PDF attached; a copy goes to the account thread',
  'letter.preview.delivery_none':
    'not configured: nothing is e-mailed, you get the PDF in the account thread to send by hand',
  'letter.preview.approval_needed': "needs a second person's approval before it goes out",
  'letter.preview.call_summary':
    'PB-23: after every call, the customer gets what was agreed in writing. Sent once per call.',
  'letter.preview.suggested': 'The escalation ladder suggests this letter for the account today.',
  'letter.preview.chosen': 'You chose this letter; the ladder suggests another one (or none) today.',
  'letter.preview.fallback': 'Preview: {subject}',
  'letter.preview.submit_approval': 'Ask for approval',
  'letter.preview.submit_send': 'Send',
  'letter.preview.submit_pdf': 'Prepare PDF',
  'letter.summary.offer': 'Send call summary',

  // Decisions on a letter.
  'letter.reject.question': 'Reject the {name} letter to {customer}?',
  'letter.reject.title': 'Reject the letter',
  'letter.reject.yes': 'Reject',
  'letter.resend.title': 'Send the letter again',
  'letter.resend.yes': 'Send again',
  'letter.resend.question':
    'Send the {name} letter to {recipient, select, none {the customer} other {{recipient}}} again? Do this only if it is not in the mailbox.',
  'letter.approve.button': 'Approve',
  'letter.mark_sent.button': 'Mark as sent',

  // What went where.
  'letter.sent.text': '*{actor}* sent the *{name}* letter to {customer} by e-mail: {recipient}',
  'letter.sent.fallback': '{actor} sent the {name} letter to {customer}',
  'letter.sent.context': '"{subject}" · message id {messageId} · letter #{id}',
  'letter.not_sent.text':
    '*NOT SENT:* {actor} prepared the *{name}* letter for {customer}, but e-mail delivery is not configured (SMTP_URL and LETTER_FROM), so nothing was e-mailed. Send the attached PDF by hand{email, select, none {} other { to {email}}}.',
  'letter.not_sent.fallback': 'Not sent: the {name} letter for {customer} is ready to send by hand',
  'letter.subject.context': '"{subject}" · letter #{id}',
  'letter.approval.text':
    '*{actor}* asks to send the *{name}* letter to {customer} ({to}). It goes out only when someone other than {actor} approves it.',
  'letter.approval.context': '"{subject}" · letter #{id} (in the shell: approve {id} or reject {id})',
  'letter.approval.fallback': '{actor} asks for approval of the {name} letter to {customer}',
  'letter.rejected':
    '*{actor}* rejected the *{name}* letter #{id} asked for by {requester, select, none {someone} other {{requester}}}; it will not be sent.',

  // Why nothing new happened.
  'letter.exists.summary_sent':
    'The summary of this call already went to {recipient, select, none {the customer} other {{recipient}}} ({at}, by {who, select, none {someone} other {{who}}}); it is sent once per call, so nothing was sent again.',
  'letter.exists.sent':
    'The *{name}* letter already went to {recipient, select, none {the customer} other {{recipient}}} today ({at}, by {who, select, none {someone} other {{who}}}); it is sent once a day, so nothing was sent again.',
  'letter.exists.sent_context': 'message id {messageId} · letter #{id}',
  'letter.exists.awaiting':
    '{who, select, none {Someone} other {{who}}} already asked to send the *{name}* letter today; it is waiting for approval (letter #{id}).',
  'letter.exists.sending':
    'The *{name}* letter is being sent right now (started {at} by {who, select, none {someone} other {{who}}}); nothing was sent twice.',
  'letter.exists.uncertain':
    'The *{name}* letter of today may or may not have gone out to {recipient, select, none {the customer} other {{recipient}}} ({who, select, none {someone} other {{who}}} asked for it at {at}); it is never sent twice on its own. Check the mailbox for message id {messageId, select, none {(not recorded)} other {{messageId}}}, then choose.',
  'letter.exists.not_sent':
    '{who, select, none {Someone} other {{who}}} already prepared the *{name}* letter today ({at}); its PDF is in the account thread, not sent: {error}.',
  'letter.exists.other':
    'The *{name}* letter of today is {status, select, sent {sent} awaiting_approval {awaiting approval} sending {sending} uncertain {uncertain} not_sent {not sent} failed {failed} rejected {rejected} queued {queued} other {{status}}} (letter #{id}).',
  'letter.letter_id': 'letter #{id}',
  'letter.failed.recorded': 'Nothing was sent. The failure is recorded in the account history.',
  'letter.failed.not_stored': 'Nothing was sent or stored.',

  // A letter that may or may not have gone out.
  'letter.uncertain.cause_lost': '{detail}, so duebot does not know whether it took the letter.',
  'letter.uncertain.cause_stopped':
    'duebot stopped while handing it to the mail server (asked for {since}), so it does not know the answer.',
  'letter.uncertain.headline':
    '*The {name} letter to {customer} may or may not have gone out.* {cause} It was not sent again on its own.',
  'letter.uncertain.search_id':
    'Search the sent mail (or ask the mail administrator) for the Message-ID {messageId}. Found it: *Mark as sent*. Not there: *Send again* (the same e-mail, once).',
  'letter.uncertain.search_subject':
    'No Message-ID was recorded for it; search the sent mail for its subject. Found it: *Mark as sent*. Not there: *Send again* (the same e-mail, once).',
  'letter.uncertain.not_recorded': 'not recorded',
  'letter.uncertain.letter': 'Letter',
  'letter.uncertain.shell': 'In the shell: mark-sent {id} or send-again {id}.',
  'letter.uncertain.fallback':
    'The {name} letter to {customer} may or may not have gone out: check and decide',
  'letter.marked_sent.text':
    '*{by}* found the *{name}* letter in the mailbox and marked it as sent to {recipient, select, none {the customer} other {{recipient}}}; nothing was e-mailed again.',
  'letter.marked_sent.fallback': '{by} marked the {name} letter as sent',

  // Refusals of the letter commands.
  'letter.error.no_account': 'There is no account #{id} any more; it may have been settled and removed.',
  'letter.error.no_letter_today':
    'The ladder calls for no letter on this account today ({reason}); name one to send it anyway: {templates}.',
  'letter.error.not_a_template': '"{template}" is not a letter template name.',
  'letter.error.no_call': 'This button names no call; open the account and log the call first.',
  'letter.error.not_a_call':
    "Call #{call} is not a call logged on account #{id}; nothing was sent. Open the account's card and send the summary from there.",
  'letter.error.not_a_call_sent': 'Call #{call} is not a call logged on account #{id}; nothing was sent.',
  'letter.error.no_template': 'This letter form names no template; open Send letter again.',
  'letter.error.no_letter_named': 'This button names no letter.',
  'letter.error.no_letter': 'There is no letter #{id}.',
  'letter.confirm.cancelled': 'Cancelled: nothing was changed.',

  // Payment plans (PB-17).
  'plan.offer.context': 'Cash-flow trouble: offer a payment plan (PB-19, PB-17).',
  'plan.offer.button': 'Propose a payment plan',
  'plan.form.title': 'Payment plan',
  'plan.form.title_renegotiate': 'Renegotiate plan',
  'plan.currency.submit': 'Next',
  'plan.currency.label': 'Plan currency for {name}',
  'plan.form.submit': 'Preview',
  'plan.form.amount': 'Installment {no} amount',
  'plan.form.date': 'Installment {no} date',
  'plan.form.amount_hint': 'In {currency}; leave a row blank for fewer installments',
  'plan.form.intro':
    '*{name}*: {open} open and undisputed. The installments must add up to it, dates in order from today on (PB-17: by default three, the first 30%).{replaces, select, none {} other { The new plan replaces plan #{replaces}; installments already paid count in the open amount.}}',
  'plan.installment_line': '{no}. {date} · {amount}',
  'plan.preview.letter_to':
    'With it, the payment-plan letter goes to {recipient, select, none {nobody (no usable AP e-mail: you get it to send by hand)} other {{recipient}}}:',
  'plan.preview.no_letter': 'No letter can go with it: {problem}.',
  'plan.preview.unknown_reason': 'unknown reason',
  'plan.preview.submit': 'Customer agreed',
  'plan.preview.header': 'Payment plan for {name}',
  'plan.preview.total': '{total} in {count, plural, one {# installment} other {# installments}}:',
  'plan.preview.context':
    'Submit when the customer agrees: the plan is recorded, each installment is tracked like a promise (PB-17, PB-20).',
  'plan.preview.fallback': 'Payment plan for {name}: {total}',
  'plan.recorded.text':
    '*{who}* {replaced, select, none {recorded} other {renegotiated plan #{replaced} into}} payment plan #{planId} with {name}: {total} in {count, plural, one {# installment} other {# installments}} (PB-17).',
  'plan.recorded.fallback':
    '{who} {replaced, select, none {recorded} other {renegotiated plan #{replaced} into}} a payment plan with {name}',
  'plan.recorded.letter': 'The payment-plan letter:',
  'plan.cancel.question':
    'Cancel payment plan #{planId} of {name}? Its open installments stop being tracked; the plan stays in the history.',
  'plan.cancel.title': 'Cancel payment plan',
  'plan.cancel.yes': 'Cancel plan',
  'plan.cancelled': '*{who}* cancelled payment plan #{planId} of {name} (PB-17).',
  'plan.letter.exists': 'The payment-plan letter #{id} of this plan already went out; it is not sent twice.',
  'plan.letter.failed': 'The payment-plan letter was not sent: {problem}',
  'plan.letter.uncertain':
    'The payment-plan letter may not have gone out ({detail}); check the letter #{id}.',
  'plan.error.no_account': 'There is no account #{id} any more; it may have been settled.',
  'plan.error.nothing_open': '{name} has nothing open and undisputed to put on a payment plan.',
  'plan.error.nothing_in_currency': '{name} has nothing open in {currency}.',
  'plan.error.choose_currency': 'choose one of {currencies, select, none {none} other {{currencies}}}',
  'plan.error.no_plan_named': 'This form names no plan; open Payment plan again.',
  'plan.error.no_plan_button': 'This button names no plan.',
  'plan.error.inactive': 'Plan #{planId} is no longer active; nothing to cancel.',
  'plan.error.no_active_plan': 'This account has no active payment plan.',
  'plan.error.several':
    'This account has {count} active plans ({currencies}); cancel one from the account card.',

  // Promises (PB-20).
  'promise.line':
    '{kind, select, installment {Installment {no} of plan #{planId}} other {Promise}}: {amount} by {date}{status, select, broken { · _missed_} partial { · _partly kept_} other {}}',
  'promise.mark_kept': 'Mark kept',
  'promise.mark_kept_nth': 'Mark kept ({n})',
  'promise.form.title': 'Promise kept',
  'promise.form.label': 'Why it is kept',
  'promise.form.hint': 'What shows the money came before the ledger does: a bank slip, a remittance advice',
  'promise.form.intro': '*{name}*: {line}. Mark it kept by hand (PB-20)?',
  'promise.error.no_account': 'There is no account #{id} any more; it may have been settled.',
  'promise.error.gone': 'This promise is no longer open or missed; nothing to mark.',
  'promise.error.none': 'This account has no open or missed promise to mark kept.',
  'promise.error.several':
    'This account has {count} promises open or missed; use Mark kept beside the one on the card:',
  'promise.error.no_promise_named': 'This form names no promise; open Mark kept again.',
  'promise.kept': '*{who}* marked kept by hand (PB-20): {line}.',
  'promise.missed.installment':
    '*Installment missed: {name}* owed installment {no} of payment plan #{planId}, {amount} by {date}; {paid, select, nothing {nothing came} other {only {paid} came}}.',
  'promise.missed.promise':
    '*Promise missed: {name}* promised {amount} by {date}; {paid, select, nothing {nothing came} other {only {paid} came}}.',
  'promise.missed.manager':
    "The account was escalated to you as its owner's manager (PB-14); owner: {owner, select, none {nobody} other {{owner}}}.",
  'promise.missed.thread':
    'The account was escalated (PB-14): owner {owner, select, none {nobody} other {{owner}}} and {managers, select, none {no manager} other {{managers}}} were told privately.{owner, select, none { Nobody owns the account: claim it.} other {}}',
  'promise.missed.owner':
    'The account was escalated (PB-14). Call today and ask for a concrete date (PB-19).{owner, select, none { Nobody owns the account: claim it.} other {}}',
  'promise.missed.fallback':
    '{kind, select, installment {Installment} other {Promise}} missed: {name}, {amount} by {date}',

  // The log form (PB-03, PB-19, PB-20) and its field errors.
  'log.form.title': 'Log a contact: {name}',
  'log.form.submit': 'Save',
  'log.form.channel': 'Channel',
  'log.channel': '{channel, select, call {Call} email {Email} visit {Visit} note {Note} other {{channel}}}',
  'log.form.result': 'What happened',
  'log.result':
    '{result, select, reached {Reached} no_answer {No answer} voicemail {Voicemail} promised {Promised} in_process {Says payment is in process} disputed {Disputed} refused {Refused} paid {Paid} wrong_contact {Wrong contact} cash_flow {Cash-flow trouble (offer a plan)} other {{result}}}',
  'log.form.notes': 'Notes',
  'log.form.notes_hint': 'What the customer said; who does what by when',
  'log.form.promise_date': 'Promised payment date',
  'log.form.promise_date_hint': 'Ask for a concrete day: "Wednesday or Friday?" (PB-19)',
  'log.form.promise_amount': 'Promised amount',
  'log.form.amount_hint_currency': 'Amount in {currency}, e.g. 12,500.00, 12.5k or 5万',
  'log.form.amount_hint': 'Amount, e.g. 12,500.00, 12.5k or 5万',
  'log.form.currency': 'Currency of the promise',
  'log.form.invoices': 'Invoices concerned',
  'log.form.invoices_hint': 'For a promise or dispute, e.g. {examples}',
  'log.form.after_sales': 'After-sales contact',
  'log.form.after_sales_hint': 'For a dispute: who looks into it (PB-19)',
  'log.form.next_follow_up': 'Next follow-up',
  'log.error.fix_fields': 'Please correct the marked fields.',
  'log.error.choose_one': 'choose one of {choices}',
  'log.error.too_long': 'at most {max, number} characters',
  'log.error.currency_code': 'a currency code such as CNY',
  'log.error.date_format': 'a date as YYYY-MM-DD',
  'log.error.date_month': '{value} is not a date: the month must be 01 to 12',
  'log.error.date_days':
    '{value} is not a date: {month, select, 1 {January} 2 {February} 3 {March} 4 {April} 5 {May} 6 {June} 7 {July} 8 {August} 9 {September} 10 {October} 11 {November} other {December}} {year} has {days} days',
  'log.error.promise_date_required': 'required for a promise to pay: ask "Wednesday or Friday?" (PB-19)',
  'log.error.promise_amount_required': 'required for a promise to pay',
  'log.error.invoices_required': 'name the disputed invoices (PB-21)',
  'log.error.notes_required': 'say what the customer disputes',
  'log.error.no_account': 'There is no account #{id}.',
  'log.error.unknown_invoices': 'not open invoices of this account: {invoices}',
  'log.error.today_or_later': 'today ({today}) or later',
  'log.error.promise_too_far':
    'at most {days, plural, one {# day} other {# days}} ahead ({latest}); a longer arrangement is a payment plan (PB-17)',
  'log.error.choose_currency':
    'the account has open items in {currencies, select, none {no currency} other {{currencies}}}; choose one',
  'log.error.nothing_in_currency': 'nothing is open in {currency}',
  'log.error.not_an_amount': 'an amount in {currency} such as 12,500.00, 12.5k or 5万',
  'log.error.more_than_open': 'more than the {open} open on the chosen invoices',
  'log.error.year_ahead': 'at most a year ahead ({latest})',

  // PB-14 escalations told privately.
  'escalation.headline': '*Escalated: {name}*: {reason} (PB-14).',
  'escalation.reason.in_process':
    '"in process" {times, plural, one {once} =2 {twice} other {# times}} with no concrete step',
  'escalation.manager':
    "It moved up to you as the owner's manager; owner: {owner, select, none {nobody} other {{owner}}}.",
  'escalation.owner': 'Call today and ask for a concrete step and date (PB-19).',
  'escalation.fallback': 'Escalated: {name}',
  'escalation.account': 'account #{id}',
  'escalation.told_owner': '{name} (owner)',
  'escalation.key_account':
    '*Key account: {name}* is {days, plural, one {# day} other {# days}} overdue (PB-06: a key account without exception at {limit}).',
  'escalation.key_account_owner': 'Owner: {owner, select, none {nobody: assign it} other {{owner}}} (PB-14).',
  'escalation.key_account_fallback':
    'Key account: {name}, {days, plural, one {# day} other {# days}} overdue',
  'letter.refused.ownApproval':
    'You asked for this letter, so someone else must approve it; a second person’s approval stops letters sent in error.',
  'letter.refused.notAwaiting':
    'The {letter} letter #{id} is no longer waiting for approval: it is {status, select, sent {sent} awaiting_approval {awaiting approval} sending {sending} uncertain {uncertain} not_sent {not sent} failed {failed} rejected {rejected} queued {queued} cancelled {cancelled} other {{status}}}{hasBy, select, yes { (decided by {by})} other {}}.',
  'letter.refused.notQueued':
    'The {letter} letter #{id} is not waiting to go out: it is {status, select, sent {sent} awaiting_approval {awaiting approval} sending {sending} uncertain {uncertain} not_sent {not sent} failed {failed} rejected {rejected} queued {queued} cancelled {cancelled} other {{status}}}. Nothing was changed.',
  'letter.refused.notUncertain':
    'The {letter} letter #{id} is no longer uncertain: it is {status, select, sent {sent} awaiting_approval {awaiting approval} sending {sending} uncertain {uncertain} not_sent {not sent} failed {failed} rejected {rejected} queued {queued} cancelled {cancelled} other {{status}}}{status, select, sent { to {hasRecipient, select, yes {{recipient}} other {the customer}} (message id {messageId})} sending {: it is being sent again right now} other {}}. Nothing was changed.',
  'letter.refused.noRecord':
    'Letter #{id} has no recorded recipient or Message-ID, so it cannot be marked as sent; send it again instead.',
  'letter.refused.outsideWindow':
    "Not sent again: it is outside the customer's contact window (PB-24). Send it again from {time} customer time ({zone}); nothing was changed.",
  // Why a letter cannot be prepared: it would have nothing true to say (letters/letter-data.ts).
  'letter.cannot.callNotOnAccount':
    'Call #{id} is not a call logged on this account, so there is nothing of it to summarise.',
  'letter.cannot.noCall':
    'No call is logged on this account yet; log the call first, then send its summary (PB-23).',
  'letter.cannot.noDiscount':
    'This account missed no early-payment discount, so there is nothing to tell the customer (PB-18).',
  'letter.cannot.pausedAndDisputed':
    'Chasing is paused on what is open here and the rest is disputed, so no reminder goes out; un-pause it first.',
  'letter.cannot.nothingOpen': 'Nothing undisputed is open on this account, so there is nothing to ask for.',
  'letter.notSent': 'Not sent: {problem}',
  'plan.invalid': 'The plan has invalid fields.',
  'plan.field.noAmount': 'installment {n} has a date but no amount',
  'plan.field.noDate': 'installment {n} has an amount but no date',
  'plan.field.badAmount': 'an amount in {currency} such as 12,500.00 or 12.5k',
  'plan.field.past': 'today ({today}) or later, not in the past',
  'plan.field.order': 'after the installment before it ({previous}): dates go in order',
  'plan.field.none': 'a plan needs at least one installment',
  'plan.field.sum': 'the installments add up to {sum}; the open amount is {open}',
  'promise.error.keptWhy': 'Say why the promise is kept.',
  'promise.field.keptWhy': 'required: what shows the money came (a bank slip, a remittance advice)',
  'promise.error.noteTooLong': 'The note is too long.',
  'promise.field.atMost': 'at most {max, number} characters',
  'promise.error.notOpen': 'Some chosen invoices are not open, undisputed invoices of this account.',
  'promise.field.chooseAmong': 'choose among {invoices, select, none {none} other {{invoices}}}',
  'promise.error.noInvoices': 'This account has no open {currency} invoices to promise against.',
  'promise.field.noInvoices': 'no open {currency} invoices',
  'plan.error.staleNew':
    'Someone recorded a {currency} payment plan for this account meanwhile; nothing was changed. Open the plan again to renegotiate it.',
  'plan.error.noPlan': 'There is no plan #{planId} on this account.',
  'plan.error.alreadyAgreed':
    'Plan #{planId} was already {status, select, active {recorded} completed {completed} broken {broken} cancelled {cancelled} renegotiated {replaced by another plan} withdrawn {withdrawn} other {closed}}; nothing more was changed.',
  'plan.error.alreadyEnded':
    'Plan #{planId} is already {status, select, active {active} completed {completed} broken {broken} cancelled {cancelled} renegotiated {replaced by another plan} withdrawn {withdrawn} other {closed}}; nothing was changed.',
  'plan.error.openChanged':
    'The open amount in {currency} changed since the plan was proposed (now {open}); nothing was recorded. Propose the plan again.',
  'plan.error.firstPast': "The plan's first installment ({date}) is in the past now; propose it again.",
  'plan.error.staleOld':
    'Plan #{planId} was changed by someone else since you opened it (cancelled or renegotiated); nothing was changed. Open the plan again.',
  'promise.error.already':
    'This promise is already {status, select, kept {kept} broken {broken} partial {partly kept} cancelled {cancelled} other {closed}}; nothing was changed.',
  'promise.error.notHere': 'There is no promise #{promiseId} on this account.',
  'plan.error.nothingOpen': 'This account has nothing open in {currency} to put on a plan.',
} as const;

/** The keys of this area, for the other languages' halves. */
export type LettersCatalog = Readonly<Record<keyof typeof lettersEn, string>>;
