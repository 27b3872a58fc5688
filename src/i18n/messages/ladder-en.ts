/**
 * The escalation ladder's words (PB-09, PB-12, PB-13, PB-14, PB-21): each built-in step by its id, the
 * follow-up between steps, and why an account stands where it does, in English (merged into en.ts).
 * A custom ladder's own steps bring their own words (default-ladder.yaml, README "Collections policy").
 */
export const ladderEn = {
  'ladder.step.pre-due': 'Reminder before the due date (grade C and habitual late payers only, PB-09)',
  'ladder.step.L1': 'Friendly reminder; confirm the invoice was received and approved',
  'ladder.step.L2': 'Polite reminder letter',
  'ladder.step.L3': 'Phone call; may offer to waive 50% of the late interest if paid this week',
  'ladder.step.L4': 'Formal demand letter, stamped, stating that past 30 days legal action starts',
  'ladder.step.L5': 'Final notice; put the account on the monthly 30+ day review with sales',
  'ladder.step.L6': 'Lawyer’s letter: amount, days overdue, legal basis, next steps',
  'ladder.step.L7':
    'No answer 7 days after the lawyer’s letter; prepare the claim (below 50,000 a payment order is faster)',
  'ladder.step.L8': 'Hand over to a collection agency (success fee only, 10-15%) or sell the claim',
  'ladder.step.B-mid-term': 'Call halfway through the payment term (grade B, PB-09)',
  'ladder.step.C-due': 'Contact within 3 days of the due date (grade C and habitual late payers, PB-09)',
  'ladder.step.large-after-issue': 'Service call on a large invoice, 15 days after invoicing (PB-09)',
  'ladder.step.large-before-due': 'Service call on a large invoice, 15 days before the due date (PB-09)',
  'ladder.step.named': '{step}: {action}',
  'ladder.step.onInvoice': '{action} ({invoice})',
  'ladder.followUp': 'Contact again (every {min}-{max} days until day {until}, PB-12)',
  'ladder.reason.paused':
    '{hasEnd, select, yes {Chasing paused until {until}} other {Chasing paused}}: {why}',
  'ladder.reason.itemsPaused':
    '{hasEnd, select, yes {Every undisputed open item is paused until {until}} other {Every undisputed open item is paused}}',
  'ladder.asRecorded': '{text} (as recorded then, in English)',
  'ladder.pause.handedOver': 'handed over to {agency} (PB-30)',
  'ladder.reason.nothingOpen': 'Nothing is open',
  'ladder.reason.disputed': 'Every open item is disputed (PB-21)',
  'ladder.reason.belowMinimum': 'The open balance is below the minimum the ladder works',
  'ladder.reason.firstStep': '{step} on {on}',
  'ladder.reason.noStep': 'The ladder has no step for this account',
  'ladder.reason.onStep':
    '{step} at day {day}{escalated, plural, =0 {} one {, escalated # step (PB-14)} other {, escalated # steps (PB-14)}}{last, select, yes {; last step reached} other {}}',
} as const;
