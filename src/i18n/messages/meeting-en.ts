/** The monthly credit meeting (PB-28) in English (merged into en.ts): the thread, its decisions, its files. */
export const meetingEn = {
  'meeting.decision.keep_working': 'Keep working',
  'meeting.decision.payment_plan': 'Payment plan',
  'meeting.decision.credit_hold': 'Credit hold',
  'meeting.decision.lawyer_letter': 'Lawyer’s letter',
  'meeting.decision.agency': 'Agency',
  'meeting.decision.question': '{decision} for {name}?',
  'meeting.confirm.title': 'Credit meeting',
  'meeting.someone': 'someone',
  'meeting.na': 'n/a',
  'meeting.parent.header': 'Credit meeting {month}: accounts over {days} days',
  'meeting.parent.open': 'Open receivables',
  'meeting.parent.accountsOver': 'Accounts over {days} days',
  'meeting.parent.over90': 'Over 90 days',
  'meeting.parent.metricsTitle': '*{currency}*: DSO and CEI by month',
  'meeting.parent.metricLine':
    '{month}: DSO {complete, select, yes {} other {> }}{days} days · CEI {cei, select, none {n/a} other {{cei}%}}',
  'meeting.parent.formulas':
    'DSO (countback): from the month-end balance, take away each month’s credit sales going back; full months count all their days, the last one the share the rest covers (rest / that month’s sales x its days). CEI = (opening balance + credit sales - closing balance) / (opening balance + credit sales - closing current balance) x 100. Past balances are rebuilt from synced invoices and their settlement dates.',
  'meeting.parent.chart': 'Aging chart attached: {file}',
  'meeting.parent.segmentsTitle': 'The agenda by segment (accounts, open amount in their main currency):',
  'meeting.parent.byGrade': 'By grade',
  'meeting.parent.byBucket': 'By days overdue',
  'meeting.parent.byOwner': 'By owner',
  'meeting.parent.segmentLine': '*{title}*: {segments}{more, plural, =0 {} other { · and # more}}',
  'meeting.parent.segmentItem': '{label}: {accounts} ({amounts})',
  'meeting.parent.rest':
    'The {replies} accounts worth most (by expected recovery, PB-08) follow as replies in this thread: finance and sales, pick what each leaves the meeting with (PB-28). The other {others} are listed in the attached files {files}, worth most first, with the same figures. Decide them a segment at a time: the decision is recorded on each undecided account of the segment.',
  'meeting.parent.decideSegment': 'Decide a segment',
  'meeting.parent.onePerAccount':
    'One reply per account follows in this thread. Finance and sales: pick what each account leaves the meeting with (PB-28).',
  'meeting.parent.nothing': 'No account is over the limit this month: nothing to decide.',
  'meeting.parent.fallback': 'Credit meeting {month}: {accounts} accounts over {days} days',
  'meeting.account.decision':
    'Decision: *{decision}*, by {who}{at, select, none {} other { on {at}}}{previous, select, none {} other { (changed from {previous} by {previousBy})}}',
  'meeting.account.ladder': 'ladder {step}',
  'meeting.account.owner': 'Owner',
  'meeting.account.salesRep': 'Sales rep',
  'meeting.account.lastContact': 'Last contact',
  'meeting.account.unclaimed': 'unclaimed',
  'meeting.account.noSalesRep': 'none in the ledger',
  'meeting.account.noContact': 'none yet',
  'meeting.account.agreePlan': 'Agree the plan',
  'meeting.account.fallback':
    '{name}: {amounts}, {days} days{decision, select, none {} other {, decided: {decision}}}',
  'meeting.summary.header':
    'Credit meeting {month}: every {inFile, select, yes {reply} other {account}} has a decision',
  'meeting.summary.count': '{decision} {count}',
  'meeting.summary.line': '• {name}: *{decision}* ({who})',
  'meeting.summary.inFile':
    '{count} more accounts of this meeting are in its attached file; their plans go on as before unless someone decides on them.',
  'meeting.summary.fallback': 'Credit meeting {month} decided: {counts}',
  'meeting.segment.grade': 'grade {grade}',
  'meeting.segment.noGrade': 'no grade',
  'meeting.segment.owner': 'owner {owner}',
  'meeting.segment.unclaimed': 'unclaimed',
  'meeting.segment.bucket': '{bucket} days overdue',
  'meeting.segment.formTitle': 'Decide a segment',
  'meeting.segment.preview': 'Preview',
  'meeting.segment.intro':
    'The decision goes on every account of the segment in the meeting’s file that has none yet; decisions already taken stay. You see how many accounts it reaches before it is recorded.',
  'meeting.segment.field': 'Segment',
  'meeting.segment.decisionField': 'Decision',
  'meeting.segment.option': '{segment}: {count} undecided',
  'meeting.segment.what': '{decision} for the {count} undecided accounts of {segment}',
  'meeting.segment.whatNote': 'Each account gets the decision in its history; decisions already taken stay.',
  'meeting.segment.apply': 'Apply to {count} accounts',
  'meeting.segment.confirm': '{decision} for the {count} undecided accounts of {segment}?',
  'meeting.segment.applyQuestion': '{decision} for every undecided account of {segment}?',
  'meeting.segment.chooseSegment': 'choose one of the segments listed',
  'meeting.segment.chooseDecision': 'choose one of the decisions listed',
  'meeting.segment.noneLeftField': 'no account of {segment} is left undecided; choose another',
  'meeting.segment.allDecided':
    'Every account in this meeting’s file has a decision: nothing is left to decide.',
  'meeting.segment.noMeetingButton': 'This button names no credit meeting.',
  'meeting.segment.noMeetingForm': 'This form names no credit meeting.',
  'meeting.segment.incomplete':
    'This button is incomplete; choose the segment again from the meeting’s “Decide a segment”.',
  'meeting.segment.nothingLeft': 'Nothing left undecided in {segment}: no decision was changed.',
  'meeting.segment.recorded':
    'Recorded {decision} for {count} accounts of {segment}, by {who}; each account’s history shows it.',
  'meeting.click.incomplete':
    'This decision button is incomplete; use the buttons of the current meeting thread.',
  'meeting.click.staleBy':
    '{who} decided {decision} meanwhile, so nothing was changed. Click again to change it.',
  'meeting.click.stale': 'This reply was out of date, so nothing was changed. Click again to change it.',
  'meeting.click.already': 'Already decided: {decision}, by {who}.',
  'meeting.file.title': 'Credit meeting {month}: the other accounts',
  'meeting.file.columns':
    'Position|Account id|Account|Expected recovery|Currency|Open amount|Other currencies|Days overdue|Bucket|Grade|Owner|Sales rep|Ladder step|Next action|Last contact',
  'meeting.chart.title': 'Receivables aging on {date}',
} as const;
