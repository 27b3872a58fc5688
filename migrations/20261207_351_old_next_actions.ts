import type { Knex } from 'knex';

/**
 * Next actions duebot wrote in English before it spoke each reader's language (issue 20), read back into
 * the notes the views now say in every language: each account's on a credit meeting opened before the
 * worklist kept notes (meeting_accounts.snapshot->'nextAction', PB-28), and a pause note naming a
 * hand-over (PB-30) in a meeting or on the worklist. (The history's English reasons are not rewritten:
 * activities are append-only, PB-03; the history view reads them, views/history-view.ts.)
 * A sentence this cannot read (a company's own ladder step written before steps had words per language)
 * stays as written, and the views mark it as the English recorded then (views/ladder-words.ts).
 * The patterns below are the sentences as the code of that time wrote them; they are frozen here.
 */

/** The built-in ladder steps' actions as default-ladder.yaml gave them before the catalogs. */
const OLD_STEP_TEXTS: Readonly<Record<string, string>> = {
  'Reminder before the due date (grade C and habitual late payers only, PB-09)': 'pre-due',
  'Friendly reminder; confirm the invoice was received and approved': 'L1',
  'Polite reminder letter': 'L2',
  'Phone call; may offer to waive 50% of the late interest if paid this week': 'L3',
  'Formal demand letter, stamped, stating that past 30 days legal action starts': 'L4',
  'Final notice; put the account on the monthly 30+ day review with sales': 'L5',
  "Lawyer's letter: amount, days overdue, legal basis, next steps": 'L6',
  "No answer 7 days after the lawyer's letter; prepare the claim (below 50,000 a payment order is faster)":
    'L7',
  'Hand over to a collection agency (success fee only, 10-15%) or sell the claim': 'L8',
  'Call halfway through the payment term (grade B, PB-09)': 'B-mid-term',
  'Contact within 3 days of the due date (grade C and habitual late payers, PB-09)': 'C-due',
  'Service call on a large invoice, 15 days after invoicing (PB-09)': 'large-after-issue',
  'Service call on a large invoice, 15 days before the due date (PB-09)': 'large-before-due',
};

type Why = string | { kind: 'handed-over'; agency: string };

/** A pause's reason: a hand-over's sentence by its kind, anything else as the person typed it. */
export function oldPauseWhy(text: string): Why {
  const m = /^handed over to (.+) \(PB-30\)$/s.exec(text);
  return m?.[1] ? { kind: 'handed-over', agency: m[1] } : text;
}

/**
 * The note of a next action written as an English sentence, or null when it is none of the sentences
 * duebot wrote (`step`: the account's ladder step then, a follow-up's step).
 */
export function oldNextActionNote(text: string, step: string | null): Record<string, unknown> | null {
  const known = OLD_STEP_TEXTS[text];
  if (known) return { kind: 'step', step: known };
  const onInvoice = /^(.+) \(([^()]+)\)$/s.exec(text);
  const invoiceStep = onInvoice?.[1] ? OLD_STEP_TEXTS[onInvoice[1]] : undefined;
  if (invoiceStep && onInvoice?.[2]) return { kind: 'step', step: invoiceStep, invoice: onInvoice[2] };
  const followUp = /^Contact again \(every (\d+)-(\d+) days until day (\d+), PB-12\)$/.exec(text);
  if (followUp)
    return {
      kind: 'follow-up',
      step: step ?? '',
      minDays: Number(followUp[1]),
      maxDays: Number(followUp[2]),
      untilDay: Number(followUp[3]),
    };
  const paused = /^chasing paused(?: until (\d{4}-\d{2}-\d{2}))?: (.*)$/s.exec(text);
  if (paused) return { kind: 'paused', until: paused[1] ?? null, why: oldPauseWhy(paused[2] ?? '') };
  const items = /^every undisputed open item is paused(?: until (\d{4}-\d{2}-\d{2}))?$/.exec(text);
  if (items) return { kind: 'items-paused', until: items[1] ?? null };
  return null;
}

const asObject = (v: unknown): Record<string, unknown> | null => {
  const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
};

/** A note as the views read it: a paused note whose why is a hand-over's sentence gets the kind. */
function sayNote(note: Record<string, unknown>): Record<string, unknown> {
  if (note.kind === 'paused' && typeof note.why === 'string') return { ...note, why: oldPauseWhy(note.why) };
  return note;
}

/** Rewrites, with `change`, the next action of each worklist row the SQL condition `where` selects. */
async function rewriteSummaryNotes(
  knex: Knex,
  where: string,
  change: (note: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const rows: { customer_id: number; next_action: unknown }[] = await knex('account_summary')
    .whereRaw(where)
    .select('customer_id', 'next_action');
  for (const row of rows) {
    const note = asObject(row.next_action);
    if (note)
      await knex('account_summary')
        .where({ customer_id: row.customer_id })
        .update({ next_action: JSON.stringify(change(note)) });
  }
}

export async function up(knex: Knex): Promise<void> {
  const meetings: { meeting_id: number; customer_id: number; snapshot: unknown }[] = await knex(
    'meeting_accounts',
  )
    .whereRaw(
      `jsonb_typeof(snapshot->'nextAction') = 'string'
       OR (snapshot->'nextAction'->>'kind' = 'paused' AND jsonb_typeof(snapshot->'nextAction'->'why') = 'string')`,
    )
    .select('meeting_id', 'customer_id', 'snapshot');
  for (const row of meetings) {
    const snapshot = asObject(row.snapshot);
    if (!snapshot) continue;
    const next = snapshot.nextAction;
    const step = typeof snapshot.ladderStep === 'string' ? snapshot.ladderStep : null;
    const note =
      typeof next === 'string' ? oldNextActionNote(next, step) : sayNote(next as Record<string, unknown>);
    if (!note || JSON.stringify(note) === JSON.stringify(next)) continue;
    await knex('meeting_accounts')
      .where({ meeting_id: row.meeting_id, customer_id: row.customer_id })
      .update({ snapshot: JSON.stringify({ ...snapshot, nextAction: note }) });
  }
  await rewriteSummaryNotes(
    knex,
    `next_action->>'kind' = 'paused' AND next_action->>'why' LIKE 'handed over to %'`,
    sayNote,
  );
}

/**
 * Back to what the code before read: a hand-over's note as its English sentence again (notes of steps and
 * follow-ups stay: the code since migration 250 reads them).
 */
export async function down(knex: Knex): Promise<void> {
  const said = (note: Record<string, unknown>) => {
    const why = note.why as { kind?: unknown; agency?: unknown } | undefined;
    return note.kind === 'paused' && why && typeof why === 'object' && why.kind === 'handed-over'
      ? { ...note, why: `handed over to ${String(why.agency)} (PB-30)` }
      : note;
  };
  await rewriteSummaryNotes(knex, `next_action->'why'->>'kind' = 'handed-over'`, said);
  const meetings: { meeting_id: number; customer_id: number; snapshot: unknown }[] = await knex(
    'meeting_accounts',
  )
    .whereRaw(`snapshot->'nextAction'->'why'->>'kind' = 'handed-over'`)
    .select('meeting_id', 'customer_id', 'snapshot');
  for (const row of meetings) {
    const snapshot = asObject(row.snapshot);
    const note = snapshot ? asObject(snapshot.nextAction) : null;
    if (snapshot && note)
      await knex('meeting_accounts')
        .where({ meeting_id: row.meeting_id, customer_id: row.customer_id })
        .update({ snapshot: JSON.stringify({ ...snapshot, nextAction: said(note) }) });
  }
}
