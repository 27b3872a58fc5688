/**
 * The lists and what the scheduled jobs post, in English (merged into en.ts): the `/overdue` list and its
 * account rows, the morning digest and its companions (PB-24), the weekly aging report and the aging
 * chart (PB-27, PB-28), the large-account alerts (PB-07), and the ledger outage notices. One message per
 * sentence; counts through plural rules, kinds through select.
 */
export const listsEn = {
  'list.button.claim': 'Claim',
  'list.button.log': 'Log call',
  'list.button.letter': 'Send letter',
  'list.button.open': 'Open',
  'list.row.next': 'next: {action}',
  'list.row.reasons':
    '{open, select, yes {{amounts} open} other {nothing open}}, {days, plural, one {# day} other {# days}}{grade, select, none {} other {, grade {grade}}}{missed, plural, =0 {} =1 {, missed promise {lastMissed}} other {, missed promise {lastMissed} (+{earlier} earlier)}}{key, select, yes {, key account} other {}}{window, select, yes {, best-odds window} other {}}{tiny, select, yes {, small balance} other {}}',
  'list.header': 'Overdue accounts on {date}',
  'list.empty':
    '{filtered, select, yes {No accounts matching `{query}`. Nothing to chase here.} other {No accounts. Nothing to chase here.}}',
  'list.empty.fallback':
    '{filtered, select, yes {No overdue accounts matching `{query}`.} other {No overdue accounts.}}',
  'list.summary':
    '{filtered, select, yes {{total, plural, one {# account} other {# accounts}} matching `{query}`, highest expected recovery first. Showing {from}-{to}.} other {{total, plural, one {# account} other {# accounts}}, highest expected recovery first. Showing {from}-{to}.}}',
  'list.fallback':
    '{filtered, select, yes {{total, plural, one {# overdue account} other {# overdue accounts}} matching `{query}`; top: {top}} other {{total, plural, one {# overdue account} other {# overdue accounts}}; top: {top}}}',
  'list.summary.more':
    '{filtered, select, yes {More than {total, number} accounts matching `{query}`, highest expected recovery first. Showing {from}-{to}.} other {More than {total, number} accounts, highest expected recovery first. Showing {from}-{to}.}}',
  'list.fallback.more':
    '{filtered, select, yes {More than {total, number} overdue accounts matching `{query}`; top: {top}} other {More than {total, number} overdue accounts; top: {top}}}',
  'digest.header': 'Overdue digest, {date}',
  'digest.total':
    '{trend, select, none {*{total}* open} same {*{total}* open (no change since then)} other {*{total}* open ({change} since then)}}',
  'digest.bucket': '{trend, select, same {{bucket} {amount}} other {{bucket} {amount} ({change})}}',
  'digest.nothing_open': 'Nothing is open. Nothing to chase today.',
  'digest.counts':
    '{compared, select, yes {Changes since the digest of {since}. {overdue, plural, one {# overdue account} other {# overdue accounts}}, *{unclaimed} unclaimed*.} other {{overdue, plural, one {# overdue account} other {# overdue accounts}}, *{unclaimed} unclaimed*.}}',
  'digest.broken': '*Promises broken* (PB-20: call today)\n{lines}',
  'digest.due': '*Promises due today*\n{lines}',
  'digest.promise.today':
    '• *{name}*: {amount} promised for today ({owned, select, yes {{owner}} other {nobody owns it}})',
  'digest.promise.past':
    '• *{name}*: {amount} promised for {date}, {paid, select, yes {{paidAmount} paid} other {nothing paid}} ({owned, select, yes {{owner}} other {nobody owns it}})',
  'digest.top': 'Top {count} by expected recovery (PB-08):',
  'digest.updated': 'Updated {time}.',
  'digest.fallback':
    'Overdue digest {date}: {overdue, plural, one {# overdue account} other {# overdue accounts}}, {unclaimed} unclaimed, {due, plural, one {# promise due} other {# promises due}}, {broken} broken',
  'digest.owner.header': 'Your follow-ups, {date}',
  'digest.owner.broken': '• *{name}*: promise of {amount} for {date} was not kept',
  'digest.owner.due': '• *{name}*: {amount} promised for {date}',
  'digest.owner.follow_up':
    '{late, select, yes {• *{name}*: follow-up due since {date}} other {• *{name}*: follow-up due today}}',
  'digest.owner.quiet':
    '• *{name}*: no update for {days, plural, one {# working day} other {# working days}} (since {date})',
  'digest.owner.yours':
    '{count, plural, one {# account is yours} other {# accounts are yours}}. /overdue mine lists them.',
  'digest.owner.fallback': '{name}: {count, plural, one {# follow-up} other {# follow-ups}} today',
  'digest.nudge':
    '*Still unclaimed {hours, plural, one {# hour} other {# hours}} after the digest:* who takes them?',
  'digest.nudge.fallback':
    "{count, plural, one {# account} other {# accounts}} from this morning''s digest still unclaimed",

  'aging.bucket': '{bucket, select, current {current} other {{bucket}}}',
  'aging.header': 'Weekly aging report, {week}',
  'aging.nothing_open': 'Nothing is open.',
  'aging.count': '{bucket}: {count}',
  'aging.counts':
    '{any, select, yes {Accounts per bucket: {counts}.} other {Accounts per bucket: none.}} {unclaimed, plural, one {# overdue account has no owner.} other {# overdue accounts have no owner.}}',
  'aging.plan': '*The plan for the week*: the accounts worth most, with their next step.',
  'aging.fallback':
    'Weekly aging report {week}: {overdue, plural, one {# overdue account} other {# overdue accounts}}',
  'aging.chart.legend': 'days overdue',
  'aging.chart.by_bucket': 'Open receivables by aging bucket',
  'aging.chart.amount': 'open amount',
  'aging.chart.days': 'days overdue',
  'aging.chart.accounts':
    '{limited, select, yes {Accounts over 30 days (top {shown})} other {Accounts over 30 days}}',

  'alerts.invoice':
    '• invoice *{invoice}* alone: *{amount}*, {days, plural, one {# day} other {# days}} overdue (alert at {threshold})',
  'alerts.account':
    '{sole, select, yes {• *{amount}* overdue on the account, all of it invoice *{invoice}*, oldest {days, plural, one {# day} other {# days}} (alert at {threshold})} other {• *{amount}* overdue on the account, oldest {days, plural, one {# day} other {# days}} (alert at {threshold})}}',
  'alerts.crossing.header': 'Large overdue balance: {name}',
  'alerts.field.owner': 'Owner',
  'alerts.field.sales_rep': 'Sales rep',
  'alerts.unclaimed': 'unclaimed',
  'alerts.no_sales_rep': 'none in the ledger',
  'alerts.crossing.context':
    'PB-07: announced once per crossing; overdue means at least {days, plural, one {# day} other {# days}} past due. Account #{id}.',
  'alerts.crossing.fallback':
    '{known, select, yes {Large overdue balance: {name}, {amount}} other {Large overdue balance: {name}}}',
  'alerts.jump.header': 'Receivables up {percent}% in a month ({currency})',
  'alerts.jump.text':
    'Open receivables are *{now}* on {today}, against {then} on {before}: up {percent}%, above the {threshold}% alert level.',
  'alerts.jump.context':
    'PB-07: a sudden month-over-month rise of the receivables balance; announced once a month per currency. The earlier balance is rebuilt from synced invoices and settlements.',
  'alerts.baseline.header': 'Large overdue balances: {count} already above the alert thresholds',
  'alerts.overview.header':
    'Large overdue balances: {count} accounts crossed the alert thresholds since the last check',
  'alerts.baseline.line': '• {name}: *{amount}* overdue, oldest {days, plural, one {# day} other {# days}}',
  'alerts.baseline.more': '… and {count} more',
  'alerts.baseline.currency':
    '*{currency}*: {count, plural, one {# account} other {# accounts}}, {amount} overdue',
  'alerts.baseline.file': 'Every one of them, most overdue first: {file}',
  'alerts.baseline.context':
    'PB-07: alerts are on. From now on each account or invoice is announced when it crosses a threshold, with Claim and Log call buttons; /overdue lists these accounts now.',
  'alerts.csv.account_id': 'Account id',
  'alerts.csv.account': 'Account',
  'alerts.csv.kind': 'Kind',
  'alerts.csv.invoice': 'Invoice',
  'alerts.csv.currency': 'Currency',
  'alerts.csv.amount': 'Overdue amount',
  'alerts.csv.threshold': 'Threshold',
  'alerts.csv.days': 'Days overdue',
  'alerts.csv.kind_value': '{kind, select, invoice {invoice} other {account}}',
  'alerts.csv.title': 'Large overdue balances {date}',
} as const;

/** The keys of lists and job posts, for the other languages' halves. */
export type ListsCatalog = Readonly<Record<keyof typeof listsEn, string>>;
