/** The monthly 30+ day credit meeting thread (PB-28) as neutral messages. */
import { formatTotals } from '../collections/money.ts';
import type { MonthMetrics } from '../collections/receivables-metrics.ts';
import { encodeRef, MAX_QUERY_LENGTH } from './action-ref.ts';
import type { Confirm } from '../commands/interaction.ts';
import { agingBuckets } from '../collections/aging.ts';
import { type OpenSegment, type Segment, segmentKey } from '../worklist/segment-decisions.ts';
import type { Block, Button, FileAttachment, Form, GeneratedFile, Message } from './model.ts';
import { truncate } from './truncate.ts';
import { amountLines } from './overdue-list.ts';
import {
  decisionSlug,
  MEETING_DECISIONS,
  type MeetingAccount,
  type MeetingDecision,
} from '../worklist/meeting-decisions.ts';

/** How each decision reads on a button and in the summary. */
export const DECISION_LABELS: Record<MeetingDecision, string> = {
  keep_working: 'Keep working',
  payment_plan: 'Payment plan',
  credit_hold: 'Credit hold',
  lawyer_letter: "Lawyer's letter",
  agency: 'Agency',
};

/**
 * PB-28: the decisions that hand an account to someone outside (a lawyer, an agency) are asked about
 * first: the question on the button and in dispatch's confirm step; null for the others.
 */
export function decisionQuestion(decision: MeetingDecision, accountName: string): string | undefined {
  return decision === 'lawyer_letter' || decision === 'agency'
    ? `${DECISION_LABELS[decision]} for ${accountName}?`
    : undefined;
}

function decisionRef(meetingId: number, accountId: number, revision: number, decision: MeetingDecision) {
  return encodeRef({
    v: 1,
    action: 'decide',
    accountId,
    stateVersion: revision,
    meetingId,
    decision: decisionSlug(decision),
  });
}

/** The confirm step of a decision that needs one (see decisionQuestion), with the click a yes applies. */
export function decisionConfirm(
  click: { meetingId: number; accountId: number; revision: number; decision: MeetingDecision },
  accountName: string,
): Confirm | null {
  const question = decisionQuestion(click.decision, accountName);
  if (!question) return null;
  return {
    title: 'Credit meeting',
    question,
    yes: DECISION_LABELS[click.decision],
    ref: decisionRef(click.meetingId, click.accountId, click.revision, click.decision),
  };
}

/** The decision on an account so far. */
export interface DecisionState {
  decision: MeetingDecision | null;
  decidedBy: string | null;
  decidedAt: string | null;
  previousDecision: MeetingDecision | null;
  previousBy: string | null;
  revision: number;
}

/** The figures of one currency for the parent message. */
export interface CurrencyFigures {
  currency: string;
  openMinor: number;
  over90Minor: number;
  metrics: MonthMetrics[];
}

/** What the parent message says. */
/** One segment of the agenda (a grade, an aging bucket, an owner): its accounts and open amount. */
export interface AgendaSegment {
  label: string;
  accounts: number;
  /** The accounts' main-currency balances, by currency. */
  openByCurrency: Record<string, number>;
}

/** The agenda by grade, by aging bucket and by owner. */
export interface AgendaSegments {
  grade: AgendaSegment[];
  bucket: AgendaSegment[];
  owner: AgendaSegment[];
}

export interface MeetingParent {
  month: string;
  heldOn: string;
  accounts: number;
  minDaysOverdue: number;
  currencies: CurrencyFigures[];
  chart: FileAttachment | null;
  /**
   * A meeting over DUEBOT_MEETING_REPLIES accounts: how many get replies (the ones worth most), the file
   * listing the others, and the whole agenda by segment.
   */
  rest?: { replies: number; files: GeneratedFile[]; segments: AgendaSegments; meetingId: number };
}

/** Segments listed per dimension before "and N more" (owners can be many). */
export const SEGMENTS_SHOWN = 8;

function segmentLine(title: string, segments: readonly AgendaSegment[]): string {
  const shown = segments
    .slice(0, SEGMENTS_SHOWN)
    .map((s) => `${s.label}: ${s.accounts} (${formatTotals(s.openByCurrency)})`);
  const more = segments.length - shown.length;
  return `*${title}*: ${shown.join(' · ')}${more > 0 ? ` · and ${more} more` : ''}`;
}

const percent = (part: number, whole: number) =>
  whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : 'n/a';

function metricLine(m: MonthMetrics): string {
  const dso = `${m.dso.complete ? '' : '> '}${m.dso.days.toFixed(1)} days`;
  const cei = m.cei === null ? 'n/a' : `${m.cei.toFixed(1)}%`;
  return `${m.month}: DSO ${dso} · CEI ${cei}`;
}

/** PB-28: the meeting's parent message: totals, DSO and CEI trend with their formulas, share over 90 days, chart. */
export function meetingParentView(p: MeetingParent): Message {
  const totals = Object.fromEntries(p.currencies.map((c) => [c.currency, c.openMinor]));
  const blocks: Block[] = [
    { type: 'header', text: `Credit meeting ${p.month}: accounts over ${p.minDaysOverdue} days` },
    {
      type: 'fields',
      fields: [
        { label: 'Open receivables', value: formatTotals(totals) },
        {
          label: `Accounts over ${p.minDaysOverdue} days`,
          value: String(p.accounts),
          tone: p.accounts > 0 ? 'danger' : 'success',
        },
        {
          label: 'Over 90 days',
          value:
            p.currencies.map((c) => `${c.currency} ${percent(c.over90Minor, c.openMinor)}`).join(' · ') ||
            'n/a',
        },
      ],
    },
  ];
  for (const c of p.currencies) {
    if (c.metrics.length === 0) continue;
    blocks.push({
      type: 'text',
      text: `*${c.currency}*: DSO and CEI by month\n${c.metrics.map(metricLine).join('\n')}`,
    });
  }
  blocks.push({
    type: 'context',
    text:
      'DSO (countback): from the month-end balance, take away each month’s credit sales going back; full months count all their days, ' +
      'the last one the share the rest covers (rest / that month’s sales x its days). ' +
      'CEI = (opening balance + credit sales - closing balance) / (opening balance + credit sales - closing current balance) x 100. ' +
      'Past balances are rebuilt from synced invoices and their settlement dates.',
  });
  if (p.chart) blocks.push({ type: 'context', text: `Aging chart attached: ${p.chart.filename}` });
  if (p.rest) {
    const { replies, files, segments } = p.rest;
    blocks.push(
      {
        type: 'text',
        text: [
          'The agenda by segment (accounts, open amount in their main currency):',
          segmentLine('By grade', segments.grade),
          segmentLine('By days overdue', segments.bucket),
          segmentLine('By owner', segments.owner),
        ].join('\n'),
      },
      {
        type: 'text',
        text:
          `The ${replies} accounts worth most (by expected recovery, PB-08) follow as replies in this thread: ` +
          `finance and sales, pick what each leaves the meeting with (PB-28). The other ${p.accounts - replies} ` +
          `are listed in the attached files ${files.map((f) => f.filename).join(' and ')}, worth most first, with the same figures. ` +
          'Decide them a segment at a time: the decision is recorded on each undecided account of the segment.',
      },
      {
        type: 'actions',
        buttons: [
          {
            label: 'Decide a segment',
            ref: encodeRef({ v: 1, action: 'decide-segment', meetingId: p.rest.meetingId }),
            opens: 'form',
          },
        ],
      },
    );
  } else
    blocks.push({
      type: 'text',
      text:
        p.accounts > 0
          ? `One reply per account follows in this thread. Finance and sales: pick what each account leaves the meeting with (PB-28).`
          : 'No account is over the limit this month: nothing to decide.',
    });
  return {
    blocks,
    fallbackText: `Credit meeting ${p.month}: ${p.accounts} accounts over ${p.minDaysOverdue} days`,
    ...(p.chart ? { files: [p.chart] } : {}),
    ...(p.rest ? { generatedFiles: p.rest.files } : {}),
  };
}

function decisionText(d: DecisionState): string | null {
  if (!d.decision || !d.decidedBy) return null;
  const now = `Decision: *${DECISION_LABELS[d.decision]}*, by ${d.decidedBy}${d.decidedAt ? ` on ${d.decidedAt}` : ''}`;
  if (!d.previousDecision) return now;
  return `${now} (changed from ${DECISION_LABELS[d.previousDecision]} by ${d.previousBy ?? 'someone'})`;
}

/** PB-28: one account of the meeting with its decision buttons; the chosen decision is shown once made. */
export function meetingAccountView(
  meetingId: number,
  a: MeetingAccount,
  d: DecisionState,
  position?: number,
): Message {
  const buttons: Button[] = MEETING_DECISIONS.map((decision) => {
    const question = decisionQuestion(decision, a.name);
    return {
      label: DECISION_LABELS[decision],
      ref: decisionRef(meetingId, a.accountId, d.revision, decision),
      ...(decision === d.decision ? { style: 'primary' as const } : {}),
      ...(question ? { confirm: question } : {}),
    };
  });
  const decided = decisionText(d);
  const blocks: Block[] = [
    {
      type: 'accountRow',
      accountId: a.accountId,
      customerName: a.name,
      amountLines: amountLines(a.openByCurrency, a.mainCurrency),
      daysOverdue: a.daysOverdue,
      tone: 'danger',
      owner: a.owner,
      explanation: [a.ladderStep ? `ladder ${a.ladderStep}` : null, a.nextAction].filter(Boolean).join(': '),
      actions: [],
      ...(position !== undefined ? { rowNumber: position } : {}),
    },
    {
      type: 'fields',
      fields: [
        { label: 'Owner', value: a.owner ?? 'unclaimed' },
        { label: 'Sales rep', value: a.salesRep ?? 'none in the ledger' },
        { label: 'Last contact', value: a.lastContact ?? 'none yet' },
      ],
    },
  ];
  if (decided) blocks.push({ type: 'text', text: decided, tone: 'success' });
  blocks.push({ type: 'actions', buttons });
  // PB-17: a "Payment plan" decision leads to the same plan form as the account card.
  if (d.decision === 'payment_plan')
    blocks.push({
      type: 'actions',
      buttons: [
        {
          label: 'Agree the plan',
          ref: encodeRef({ v: 1, action: 'plan', accountId: a.accountId }),
          opens: 'form',
          style: 'primary',
        },
      ],
    });
  return {
    blocks,
    fallbackText: `${a.name}: ${amountLines(a.openByCurrency, a.mainCurrency).join(' + ')}, ${a.daysOverdue} days${d.decision ? `, decided: ${DECISION_LABELS[d.decision]}` : ''}`,
  };
}

/** PB-28: the summary posted in the thread once every account has a decision. */
export function meetingSummaryView(
  month: string,
  rows: { name: string; decision: MeetingDecision; decidedBy: string }[],
  /** Accounts of the agenda listed in the file rather than as replies (not part of this summary). */
  inFile = 0,
): Message {
  const counts = MEETING_DECISIONS.map((d) => [d, rows.filter((r) => r.decision === d).length] as const)
    .filter(([, n]) => n > 0)
    .map(([d, n]) => `${DECISION_LABELS[d]} ${n}`)
    .join(' · ');
  const lines = rows.map((r) => `• ${r.name}: *${DECISION_LABELS[r.decision]}* (${r.decidedBy})`);
  return {
    blocks: [
      {
        type: 'header',
        text: `Credit meeting ${month}: every ${inFile > 0 ? 'reply' : 'account'} has a decision`,
      },
      { type: 'text', text: counts },
      { type: 'text', text: lines.join('\n') },
      ...(inFile > 0
        ? [
            {
              type: 'context' as const,
              text: `${inFile} more accounts of this meeting are in its attached file; their plans go on as before unless someone decides on them.`,
            },
          ]
        : []),
    ],
    fallbackText: `Credit meeting ${month} decided: ${counts}`,
  };
}

/** How a segment reads: "grade C", "61-90 days overdue", "owner Ann Lee", "unclaimed". */
export function segmentLabel(segment: Segment): string {
  if (segment.dimension === 'grade') return segment.value ? `grade ${segment.value}` : 'no grade';
  if (segment.dimension === 'owner') return segment.value ? `owner ${segment.value}` : 'unclaimed';
  const bucket = agingBuckets()[Number(segment.value)];
  return bucket ? `${bucket.label} days overdue` : `bucket ${segment.value}`;
}

/** PB-28: the form that decides a segment of the file: which segment (with its undecided accounts), which decision. */
export function segmentDecisionForm(
  meetingId: number,
  segments: readonly OpenSegment[],
  errors?: Record<string, string>,
): Form {
  return {
    title: 'Decide a segment',
    submitLabel: 'Preview',
    ref: encodeRef({ v: 1, action: 'decide-segment', meetingId }),
    intro: {
      blocks: [
        {
          type: 'text',
          text: 'The decision goes on every account of the segment in the meeting’s file that has none yet; decisions already taken stay. You see how many accounts it reaches before it is recorded.',
        },
      ],
    },
    fields: [
      {
        id: 'segment',
        type: 'select',
        label: 'Segment',
        required: true,
        options: segments
          .filter((s) => segmentKey(s).length <= MAX_QUERY_LENGTH)
          .slice(0, 100)
          .map((s) => ({
            value: segmentKey(s),
            label: truncate(`${segmentLabel(s)}: ${s.undecided} undecided`, 75),
          })),
      },
      {
        id: 'decision',
        type: 'select',
        label: 'Decision',
        required: true,
        options: MEETING_DECISIONS.map((d) => ({ value: decisionSlug(d), label: DECISION_LABELS[d] })),
      },
    ],
    ...(errors ? { errors } : {}),
  };
}

/** What a segment decision will do, with the button that records it (asked about first). */
export function segmentDecisionPreview(
  meetingId: number,
  segment: Segment,
  decision: MeetingDecision,
  accounts: number,
): Message {
  const what = `${DECISION_LABELS[decision]} for the ${accounts} undecided accounts of ${segmentLabel(segment)}`;
  return {
    blocks: [
      {
        type: 'text',
        text: `*${what}*\nEach account gets the decision in its history; decisions already taken stay.`,
      },
      {
        type: 'actions',
        buttons: [
          {
            label: `Apply to ${accounts} accounts`,
            style: 'primary',
            ref: encodeRef({
              v: 1,
              action: 'segment-apply',
              meetingId,
              decision: decisionSlug(decision),
              stateVersion: accounts,
              query: segmentKey(segment),
            }),
            confirm: `${what}?`,
          },
        ],
      },
    ],
  };
}
