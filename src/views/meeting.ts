/** The monthly 30+ day credit meeting thread (PB-28) as neutral messages. */
import type { MessageKey } from '../i18n/messages/en.ts';
import type { Translator } from '../i18n/translate.ts';
import type { MonthMetrics } from '../collections/receivables-metrics.ts';
import { encodeRef, MAX_QUERY_LENGTH } from './action-ref.ts';
import type { Confirm } from '../commands/interaction.ts';
import { agingBuckets } from '../collections/aging.ts';
import { type OpenSegment, type Segment, segmentKey } from '../worklist/segment-decisions.ts';
import type { Block, Button, FileAttachment, Form, GeneratedFile, Message } from './model.ts';
import { truncate } from './truncate.ts';
import { amountLines } from './overdue-list.ts';
import { nextActionWords } from './ladder-words.ts';
import {
  decisionSlug,
  MEETING_DECISIONS,
  type MeetingAccount,
  type MeetingDecision,
} from '../worklist/meeting-decisions.ts';

/** How each decision reads on a button and in the summary. */
const DECISION_KEYS: Record<MeetingDecision, MessageKey> = {
  keep_working: 'meeting.decision.keep_working',
  payment_plan: 'meeting.decision.payment_plan',
  credit_hold: 'meeting.decision.credit_hold',
  lawyer_letter: 'meeting.decision.lawyer_letter',
  agency: 'meeting.decision.agency',
};
export const decisionLabel = (t: Translator, d: MeetingDecision): string => t.t(DECISION_KEYS[d]);

/**
 * PB-28: the decisions that hand an account to someone outside (a lawyer, an agency) are asked about
 * first: the question on the button and in dispatch's confirm step; null for the others.
 */
export function decisionQuestion(
  t: Translator,
  decision: MeetingDecision,
  accountName: string,
): string | undefined {
  return decision === 'lawyer_letter' || decision === 'agency'
    ? t.t('meeting.decision.question', { decision: decisionLabel(t, decision), name: accountName })
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
  t: Translator,
): Confirm | null {
  const question = decisionQuestion(t, click.decision, accountName);
  if (!question) return null;
  return {
    title: t.t('meeting.confirm.title'),
    question,
    yes: decisionLabel(t, click.decision),
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
  /** The aging chart: its bytes, or the chart the outbox draws when it delivers the parent. */
  chart: FileAttachment | GeneratedFile | null;
  /**
   * A meeting over DUEBOT_MEETING_REPLIES accounts: how many get replies (the ones worth most), the file
   * listing the others, and the whole agenda by segment.
   */
  rest?: { replies: number; files: GeneratedFile[]; segments: AgendaSegments; meetingId: number };
}

/** Segments listed per dimension before "and N more" (owners can be many). */
export const SEGMENTS_SHOWN = 8;

/** A segment's label as the stored agenda gives it ('' for none), in the reader's words. */
function segmentName(t: Translator, dimension: keyof AgendaSegments, label: string): string {
  if (dimension === 'bucket') return label; // under "By days overdue": 31-60
  if (label === '')
    return t.t(dimension === 'owner' ? 'meeting.segment.unclaimed' : 'meeting.segment.noGrade');
  return label;
}

function segmentLine(
  t: Translator,
  title: string,
  dimension: keyof AgendaSegments,
  segments: readonly AgendaSegment[],
): string {
  const shown = segments.slice(0, SEGMENTS_SHOWN).map((s) =>
    t.t('meeting.parent.segmentItem', {
      label: segmentName(t, dimension, s.label),
      accounts: t.number(s.accounts),
      amounts: totalsText(t, s.openByCurrency),
    }),
  );
  return t.t('meeting.parent.segmentLine', {
    title,
    segments: shown.join(' · '),
    more: segments.length - shown.length,
  });
}

/** Amounts in several currencies, for a summary line. */
const totalsText = (t: Translator, totals: Record<string, number>): string =>
  Object.entries(totals)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => t.money(minor, currency))
    .join(' + ');

const percent = (t: Translator, part: number, whole: number) =>
  whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : t.t('meeting.na');

function metricLine(t: Translator, m: MonthMetrics): string {
  return t.t('meeting.parent.metricLine', {
    month: m.month,
    complete: m.dso.complete ? 'yes' : 'no',
    days: m.dso.days.toFixed(1),
    cei: m.cei === null ? 'none' : m.cei.toFixed(1),
  });
}

const generated = (files: GeneratedFile[]) => (files.length > 0 ? { generatedFiles: files } : {});

/** PB-28: the meeting's parent message: totals, DSO and CEI trend with their formulas, share over 90 days, chart. */
export function meetingParentView(p: MeetingParent, t: Translator): Message {
  const totals = Object.fromEntries(p.currencies.map((c) => [c.currency, c.openMinor]));
  const days = p.minDaysOverdue;
  const blocks: Block[] = [
    { type: 'header', text: t.t('meeting.parent.header', { month: p.month, days }) },
    {
      type: 'fields',
      fields: [
        { label: t.t('meeting.parent.open'), value: totalsText(t, totals) || t.t('meeting.na') },
        {
          label: t.t('meeting.parent.accountsOver', { days }),
          value: t.number(p.accounts),
          tone: p.accounts > 0 ? 'danger' : 'success',
        },
        {
          label: t.t('meeting.parent.over90'),
          value:
            p.currencies.map((c) => `${c.currency} ${percent(t, c.over90Minor, c.openMinor)}`).join(' · ') ||
            t.t('meeting.na'),
        },
      ],
    },
  ];
  for (const c of p.currencies) {
    if (c.metrics.length === 0) continue;
    blocks.push({
      type: 'text',
      text: `${t.t('meeting.parent.metricsTitle', { currency: c.currency })}\n${c.metrics.map((m) => metricLine(t, m)).join('\n')}`,
    });
  }
  blocks.push({ type: 'context', text: t.t('meeting.parent.formulas') });
  if (p.chart)
    blocks.push({ type: 'context', text: t.t('meeting.parent.chart', { file: p.chart.filename }) });
  if (p.rest) {
    const { replies, files, segments } = p.rest;
    blocks.push(
      {
        type: 'text',
        text: [
          t.t('meeting.parent.segmentsTitle'),
          segmentLine(t, t.t('meeting.parent.byGrade'), 'grade', segments.grade),
          segmentLine(t, t.t('meeting.parent.byBucket'), 'bucket', segments.bucket),
          segmentLine(t, t.t('meeting.parent.byOwner'), 'owner', segments.owner),
        ].join('\n'),
      },
      {
        type: 'text',
        text: t.t('meeting.parent.rest', {
          replies,
          others: p.accounts - replies,
          files: files.map((f) => f.filename).join(', '),
        }),
      },
      {
        type: 'actions',
        buttons: [
          {
            label: t.t('meeting.parent.decideSegment'),
            ref: encodeRef({ v: 1, action: 'decide-segment', meetingId: p.rest.meetingId }),
            opens: 'form',
          },
        ],
      },
    );
  } else
    blocks.push({
      type: 'text',
      text: p.accounts > 0 ? t.t('meeting.parent.onePerAccount') : t.t('meeting.parent.nothing'),
    });
  return {
    blocks,
    fallbackText: t.t('meeting.parent.fallback', { month: p.month, accounts: p.accounts, days }),
    ...(p.chart && !('kind' in p.chart) ? { files: [p.chart] } : {}),
    ...generated(p.chart && 'kind' in p.chart ? [p.chart, ...(p.rest?.files ?? [])] : (p.rest?.files ?? [])),
  };
}

function decisionText(t: Translator, d: DecisionState): string | null {
  if (!d.decision || !d.decidedBy) return null;
  return t.t('meeting.account.decision', {
    decision: decisionLabel(t, d.decision),
    who: d.decidedBy,
    at: d.decidedAt ?? 'none',
    previous: d.previousDecision ? decisionLabel(t, d.previousDecision) : 'none',
    previousBy: d.previousBy ?? t.t('meeting.someone'),
  });
}

/** PB-28: one account of the meeting with its decision buttons; the chosen decision is shown once made. */
export function meetingAccountView(
  meetingId: number,
  a: MeetingAccount,
  d: DecisionState,
  t: Translator,
  position?: number,
): Message {
  const buttons: Button[] = MEETING_DECISIONS.map((decision) => {
    const question = decisionQuestion(t, decision, a.name);
    return {
      label: decisionLabel(t, decision),
      ref: decisionRef(meetingId, a.accountId, d.revision, decision),
      ...(decision === d.decision ? { style: 'primary' as const } : {}),
      ...(question ? { confirm: question } : {}),
    };
  });
  const decided = decisionText(t, d);
  const amounts = amountLines(a.openByCurrency, a.mainCurrency);
  const blocks: Block[] = [
    {
      type: 'accountRow',
      accountId: a.accountId,
      customerName: a.name,
      amountLines: amounts,
      daysOverdue: a.daysOverdue,
      tone: 'danger',
      owner: a.owner,
      explanation: [
        a.ladderStep ? t.t('meeting.account.ladder', { step: a.ladderStep }) : null,
        nextActionWords(t, a.nextAction),
      ]
        .filter(Boolean)
        .join(': '),
      actions: [],
      ...(position !== undefined ? { rowNumber: position } : {}),
    },
    {
      type: 'fields',
      fields: [
        { label: t.t('meeting.account.owner'), value: a.owner ?? t.t('meeting.account.unclaimed') },
        { label: t.t('meeting.account.salesRep'), value: a.salesRep ?? t.t('meeting.account.noSalesRep') },
        {
          label: t.t('meeting.account.lastContact'),
          value: a.lastContact ?? t.t('meeting.account.noContact'),
        },
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
          label: t.t('meeting.account.agreePlan'),
          ref: encodeRef({ v: 1, action: 'plan', accountId: a.accountId }),
          opens: 'form',
          style: 'primary',
        },
      ],
    });
  return {
    blocks,
    fallbackText: t.t('meeting.account.fallback', {
      name: a.name,
      amounts: amounts.join(' + '),
      days: a.daysOverdue,
      decision: d.decision ? decisionLabel(t, d.decision) : 'none',
    }),
  };
}

/** PB-28: the summary posted in the thread once every account has a decision. */
export function meetingSummaryView(
  month: string,
  rows: { name: string; decision: MeetingDecision; decidedBy: string }[],
  t: Translator,
  /** Accounts of the agenda listed in the file rather than as replies (not part of this summary). */
  inFile = 0,
): Message {
  const counts = MEETING_DECISIONS.map((d) => [d, rows.filter((r) => r.decision === d).length] as const)
    .filter(([, n]) => n > 0)
    .map(([d, n]) => t.t('meeting.summary.count', { decision: decisionLabel(t, d), count: n }))
    .join(' · ');
  const lines = rows.map((r) =>
    t.t('meeting.summary.line', { name: r.name, decision: decisionLabel(t, r.decision), who: r.decidedBy }),
  );
  return {
    blocks: [
      { type: 'header', text: t.t('meeting.summary.header', { month, inFile: inFile > 0 ? 'yes' : 'no' }) },
      { type: 'text', text: counts },
      { type: 'text', text: lines.join('\n') },
      ...(inFile > 0
        ? [{ type: 'context' as const, text: t.t('meeting.summary.inFile', { count: inFile }) }]
        : []),
    ],
    fallbackText: t.t('meeting.summary.fallback', { month, counts }),
  };
}

/** How a segment reads: "grade C", "61-90 days overdue", "owner Ann Lee", "unclaimed". */
export function segmentLabel(t: Translator, segment: Segment): string {
  if (segment.dimension === 'grade')
    return segment.value
      ? t.t('meeting.segment.grade', { grade: segment.value })
      : t.t('meeting.segment.noGrade');
  if (segment.dimension === 'owner')
    return segment.value
      ? t.t('meeting.segment.owner', { owner: segment.value })
      : t.t('meeting.segment.unclaimed');
  const bucket = agingBuckets()[Number(segment.value)];
  return t.t('meeting.segment.bucket', { bucket: bucket?.label ?? segment.value });
}

/** PB-28: the form that decides a segment of the file: which segment (with its undecided accounts), which decision. */
export function segmentDecisionForm(
  meetingId: number,
  segments: readonly OpenSegment[],
  t: Translator,
  errors?: Record<string, string>,
): Form {
  return {
    title: t.t('meeting.segment.formTitle'),
    submitLabel: t.t('meeting.segment.preview'),
    ref: encodeRef({ v: 1, action: 'decide-segment', meetingId }),
    intro: { blocks: [{ type: 'text', text: t.t('meeting.segment.intro') }] },
    fields: [
      {
        id: 'segment',
        type: 'select',
        label: t.t('meeting.segment.field'),
        required: true,
        options: segments
          .filter((s) => segmentKey(s).length <= MAX_QUERY_LENGTH)
          .slice(0, 100)
          .map((s) => ({
            value: segmentKey(s),
            label: truncate(
              t.t('meeting.segment.option', { segment: segmentLabel(t, s), count: s.undecided }),
              75,
            ),
          })),
      },
      {
        id: 'decision',
        type: 'select',
        label: t.t('meeting.segment.decisionField'),
        required: true,
        options: MEETING_DECISIONS.map((d) => ({ value: decisionSlug(d), label: decisionLabel(t, d) })),
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
  t: Translator,
): Message {
  const values = { decision: decisionLabel(t, decision), count: accounts, segment: segmentLabel(t, segment) };
  return {
    blocks: [
      { type: 'text', text: `*${t.t('meeting.segment.what', values)}*\n${t.t('meeting.segment.whatNote')}` },
      {
        type: 'actions',
        buttons: [
          {
            label: t.t('meeting.segment.apply', { count: accounts }),
            style: 'primary',
            ref: encodeRef({
              v: 1,
              action: 'segment-apply',
              meetingId,
              decision: decisionSlug(decision),
              stateVersion: accounts,
              query: segmentKey(segment),
            }),
            confirm: t.t('meeting.segment.confirm', values),
          },
        ],
      },
    ],
  };
}
