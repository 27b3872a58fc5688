/**
 * When customers are contacted (merged into en.ts): PB-24's queued letters (the customer's contact
 * window) and PB-15's call before the next delivery to a continuous-supply customer.
 */
export const contactEn = {
  'contact.queued.sent':
    '*{actor}* asked for the *{letter}* letter to {customer}: queued, goes out {when} customer time ({zone}).',
  'contact.queued.why':
    'PB-24: letters reach customers on working days around {times} on their own clock. Letter #{id}; cancel it before then to stop it.',
  'contact.queued.approved':
    '*{actor}* approved the *{letter}* letter to {customer}: queued, goes out {when} customer time ({zone}).',
  'contact.queued.fallback': 'Queued: the {letter} letter to {customer} goes out {when} customer time',
  'contact.queued.exists':
    'The *{letter}* letter is already queued for the customer: it goes out {when} customer time ({zone}) (letter #{id}); nothing was queued twice.',
  'contact.cancel.button': 'Cancel letter',
  'contact.cancel.question': 'Cancel the {letter} letter to {customer}? It will not be sent.',
  'contact.cancel.title': 'Cancel the letter',
  'contact.cancelled': '*{actor}* cancelled the queued *{letter}* letter #{id}; it will not be sent.',
  'contact.card.queued': 'Queued: {letter} letter #{id}, goes out {when} customer time ({zone})',
  'contact.history.queued': '{letter} letter #{id} queued: goes out {when} customer time ({zone})',
  'contact.history.cancelled': '{letter} letter #{id} cancelled before it went out',
  'contact.supply.title': 'Call before the next delivery (PB-15)',
  'contact.supply.line':
    '{customer}: next delivery {date} ({days, plural, =0 {today} one {in # day} other {in # days}}). Call now: supply may be paused while {overdue} is overdue.',
} as const;
