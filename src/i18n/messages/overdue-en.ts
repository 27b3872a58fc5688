/**
 * The `/overdue` grammar's help and errors in English (merged into en.ts). Help is one message per
 * section; each error is one whole sentence naming the words as typed.
 */
export const overdueEn = {
  'overdue.help.title': 'How to use /overdue',
  'overdue.help.usage': `Usage: /overdue [filters]  or  /overdue '<action> <customer>'`,
  'overdue.help.filters': `Filters (combine freely, e.g. /overdue unclaimed 60+ >10k):
  (nothing)            top accounts by priority
  mine                 accounts you own
  unclaimed            accounts nobody owns yet
  30+  60+  90+        at least that many days overdue (any number works)
  >50000  >50k  >1.5m  open balance of at least that much (k thousand, m million, b billion,
                       万 ten thousand, 亿 hundred million)
  grade C              credit grade A, B or C
  customer '<name>'      the customer of that full name or id, else names containing '<name>' (rest of the line, or "quoted")
  @person              accounts owned by that person
  page 2               another page of the list
  post                 share the list in the channel instead of only with you`,
  'overdue.help.actions': `Actions on one account (customer name or id):
  show '<customer>'      the customer file
  claim '<customer>'     become the owner
  release '<customer>'   give the account up
  log '<customer>'       record a call or contact
  history '<customer>'   every contact so far
  reassign '<customer>'  give the account to another collector (managers)
  dispute '<customer>'   open a dispute on some of its invoices (PB-21)
  resolve '<customer>'   resolve one of its open disputes
  pause '<customer>'     pause chasing it, or some invoices, until a date
  unpause '<customer>'   end its pauses now
  terms '<customer>'     key-account exemption, habitual late payer, contract interest (managers)
  hand-over '<customer>' hand the account to a collection agency; internal chasing stops (managers)
  plan '<customer>'      propose or renegotiate a payment plan (PB-17)
  cancel-plan '<customer>'
                       cancel the account's payment plan
  kept '<customer>'      mark its open promise kept by hand, with a note (PB-20)
  letter '<customer>' [template]
                       templates: {templates}`,
  'overdue.help.letters': `Letters waiting for a decision (L is the letter number shown with them):
  approve L | reject L          a letter waiting for a second person
  mark-sent L | send-again L    a letter that may or may not have gone out`,
  'overdue.help.language': `Language:
  language             the language duebot answers you in, and why
  language zh-TW       answer me in en, zh-CN or zh-TW (also 语言 / 語言)
  language auto        follow my Slack, Teams or terminal language again`,
  'overdue.help.staff': `Staff:
  role @person         their role, and where it came from
  role @person '<role>'  set it (managers): {roles}
  credits [2026-11]    what each collector recovered in a month, with the 90+ day bonus base (managers)`,
  'overdue.help.help': '  help                 this text',
  'overdue.error.unclosed_quote': 'The quote opened with {quote} is never closed.',
  'overdue.error.not_a_template': '"{word}" is not a letter template; use one of: {templates}.',
  'overdue.error.needs_customer': '"{verb}" needs a customer name or id.',
  'overdue.error.needs_owner_name': '"@" needs a name, e.g. @li.wei.',
  'overdue.error.too_many_days': '"{word}" is more days than any invoice is old.',
  'overdue.error.needs_amount': '"{word}" needs an amount, e.g. >50k.',
  'overdue.error.not_an_amount':
    '"{word}" is not an amount I can read; write whole amounts like >50000, >50k or >1.5m.',
  'overdue.error.needs_grade': '"{keyword}" needs A, B or C, e.g. grade C.',
  'overdue.error.not_a_grade': '"{word}" is not a grade; use A, B or C.',
  'overdue.error.needs_customer_name': '"{keyword}" needs a name, e.g. customer 上海华联.',
  'overdue.error.needs_page': '"{keyword}" needs a page number, e.g. page 2.',
  'overdue.error.not_a_page': '"{word}" is not a page number; use 1, 2, 3 ...',
  'overdue.error.quoted_name':
    'I did not understand "{word}"; to filter by customer write customer "{word}".',
  'overdue.error.misplaced_action': `"{word}" must come first and be followed by a customer: /overdue {verb} '<customer>'.`,
  'overdue.error.unknown_word': 'I did not understand "{word}".',
  'overdue.error.unknown_word_guess': 'I did not understand "{word}". Did you mean "{guess}"?',
  'overdue.error.conflict_owner':
    '"{first}" and "{second}" cannot be combined: a list has one owner filter (mine, unclaimed or @person).',
  'overdue.error.conflict_days':
    '"{first}" and "{second}" cannot be combined: give one days-overdue threshold.',
  'overdue.error.conflict_amount': '"{first}" and "{second}" cannot be combined: give one amount threshold.',
  'overdue.error.conflict_grade': '"{first}" and "{second}" cannot be combined: give one grade.',
  'overdue.error.conflict_page': '"{first}" and "{second}" cannot be combined: give one page number.',
  'overdue.error.conflict_customer': '"{first}" and "{second}" cannot be combined: give one customer filter.',
  'overdue.error.not_a_role': '"{word}" is not a role; use one of: {roles}.',
  'overdue.error.needs_person': '"role" needs a person: /overdue role @person [{roles}].',
  'overdue.error.needs_letter_number':
    '"{verb}" needs the letter number shown with the letter (not a row or a customer): /overdue {verb} 12.',
  'overdue.error.one_language': 'Name one language: /overdue language en, zh-CN, zh-TW or auto.',
  'overdue.error.not_a_month':
    '"{word}" is not a month. "credits" takes one month as YYYY-MM, or nothing for this month: /overdue credits [2026-11].',
} as const;

/** The grammar's keys, for the other languages' halves. */
export type OverdueCatalog = Readonly<Record<keyof typeof overdueEn, string>>;
