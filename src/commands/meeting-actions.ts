/**
 * PB-28: a decision button in the credit meeting thread, through the one dispatcher. The decision is
 * recorded, the clicked reply is replaced with the decision shown, and when it was the last one the
 * summary is enqueued into the meeting's thread once, in the same transaction.
 */
import { formatLocalTime } from '../clock.ts';
import type { ActionRef } from '../views/action-ref.ts';
import { enqueue } from '../outbox/outbox.ts';
import { encodeRef } from '../views/action-ref.ts';
import {
  decisionLabel,
  segmentDecisionForm,
  segmentDecisionPreview,
  segmentLabel,
  decisionConfirm,
  type DecisionState,
  meetingAccountView,
  meetingSummaryView,
} from '../views/meeting.ts';
import type { Message } from '../views/model.ts';
import type { Reply } from './interaction.ts';
import { notice } from '../views/notices.ts';
import {
  DECIDING_ROLES,
  decisionFromSlug,
  type MeetingAccountRow,
  meetingAccounts,
  recordDecision,
} from '../worklist/meeting-decisions.ts';
import { agendaDefinition } from '../worklist/meeting-agenda.ts';
import { decideSegment, openSegments, parseSegment, undecidedIn } from '../worklist/segment-decisions.ts';
import { type Actor, requireRole } from '../worklist/staff.ts';
import type { DispatchContext } from './account-actions.ts';
import { askFirst } from './confirm-step.ts';
import { privateT, sharedT } from '../i18n/speech.ts';
import type { Translator } from '../i18n/translate.ts';
import { failureText } from '../worklist/outcome.ts';

function state(row: MeetingAccountRow, timeZone: string): DecisionState {
  return {
    decision: row.decision,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt ? formatLocalTime(row.decidedAt, timeZone) : null,
    previousDecision: row.previousDecision,
    previousBy: row.previousBy,
    revision: row.revision,
  };
}

/** The reply of one account as it stands now. */
export function meetingReply(row: MeetingAccountRow, timeZone: string, t: Translator): Message {
  return meetingAccountView(row.meetingId, row.account, state(row, timeZone), t, row.position ?? undefined);
}

const refusal = (text: string): Reply => ({ kind: 'ephemeral', message: notice(text, { tone: 'danger' }) });

/**
 * Handles `decide` clicks: records, answers with the updated reply, enqueues the summary when complete.
 * A lawyer's letter or an agency is asked about first (`confirmed` is the answer).
 */
export async function decideFromMeeting(
  ctx: DispatchContext,
  actor: Actor,
  ref: ActionRef,
  confirmed?: boolean,
): Promise<Reply> {
  const decision = decisionFromSlug(ref.decision);
  if (
    ref.meetingId === undefined ||
    ref.accountId === undefined ||
    ref.stateVersion === undefined ||
    !decision
  )
    return refusal(privateT(ctx).t('meeting.click.incomplete'));
  const click = {
    meetingId: ref.meetingId,
    accountId: ref.accountId,
    decision,
    revision: ref.stateVersion,
    at: ctx.clock.now(),
  };
  const allowed = requireRole(actor, DECIDING_ROLES, 'meeting');
  if (!allowed.ok) return refusal(failureText(privateT(ctx), allowed.error));
  const [row] = await meetingAccounts(ctx.db, click.meetingId, click.accountId);
  const confirm = row ? decisionConfirm(click, row.account.name, privateT(ctx)) : null;
  const ask = confirm ? askFirst(confirmed, confirm) : null;
  if (ask) return ask;
  return ctx.db.transaction(async (trx) => {
    const result = await recordDecision(trx, actor, click);
    if (!result.ok) return refusal(failureText(privateT(ctx), result.error));
    const outcome = result.value;
    const shared = sharedT(ctx);
    const reply = meetingReply(outcome.row, ctx.clock.timeZone, shared);
    if (outcome.kind === 'stale') {
      const t = privateT(ctx);
      return {
        kind: 'replace',
        message: reply,
        note: outcome.row.decidedBy
          ? t.t('meeting.click.staleBy', {
              who: outcome.row.decidedBy,
              decision: decisionLabel(t, outcome.row.decision ?? 'keep_working'),
            })
          : t.t('meeting.click.stale'),
      };
    }
    if (outcome.kind === 'unchanged')
      return {
        kind: 'ephemeral',
        message: notice(
          privateT(ctx).t('meeting.click.already', {
            decision: decisionLabel(privateT(ctx), decision),
            who: outcome.row.decidedBy ?? privateT(ctx).t('meeting.someone'),
          }),
        ),
      };
    if (outcome.allDecided) {
      const rows = await meetingAccounts(trx, click.meetingId, 'thread');
      // The agenda beyond the replies, as the meeting opened with it (its definition, meeting-agenda.ts).
      const agenda = await agendaDefinition(trx, click.meetingId);
      const inFile = agenda ? agenda.accounts - agenda.replies : 0;
      await enqueue(
        trx,
        [
          {
            key: `${outcome.row.meetingPostKey}:summary`,
            to: { kind: 'channel', role: 'meeting' },
            threadKey: outcome.row.meetingPostKey,
            message: meetingSummaryView(
              outcome.row.month,
              rows.map((r) => ({
                name: r.account.name,
                decision: r.decision ?? 'keep_working',
                decidedBy: r.decidedBy ?? 'someone',
              })),
              shared,
              inFile,
            ),
          },
        ],
        { locale: shared.locale },
      );
    }
    return { kind: 'replace', message: reply };
  });
}

/** PB-28: "Decide a segment" on the meeting's parent: the form, with the file's segments still undecided. */
export async function openSegmentForm(ctx: DispatchContext, actor: Actor, ref: ActionRef): Promise<Reply> {
  const allowed = requireRole(actor, DECIDING_ROLES, 'meeting');
  if (!allowed.ok) return refusal(failureText(privateT(ctx), allowed.error));
  if (ref.meetingId === undefined) return refusal(privateT(ctx).t('meeting.segment.noMeetingButton'));
  const segments = await openSegments(ctx.db, ref.meetingId);
  if (segments.length === 0)
    return {
      kind: 'ephemeral',
      message: notice(privateT(ctx).t('meeting.segment.allDecided')),
    };
  return { kind: 'openForm', form: segmentDecisionForm(ref.meetingId, segments, privateT(ctx)) };
}

/** The segment form submitted: nothing is written yet; the answer says how many accounts it reaches. */
export async function previewSegment(
  ctx: DispatchContext,
  actor: Actor,
  ref: ActionRef,
  values: Record<string, string>,
): Promise<Reply> {
  const allowed = requireRole(actor, DECIDING_ROLES, 'meeting');
  if (!allowed.ok) return refusal(failureText(privateT(ctx), allowed.error));
  if (ref.meetingId === undefined) return refusal(privateT(ctx).t('meeting.segment.noMeetingForm'));
  const t = privateT(ctx);
  const segment = parseSegment(values.segment);
  const decision = decisionFromSlug(values.decision);
  const errors: Record<string, string> = {};
  if (!segment) errors.segment = t.t('meeting.segment.chooseSegment');
  if (!decision) errors.decision = t.t('meeting.segment.chooseDecision');
  if (!segment || !decision) return { kind: 'formErrors', errors };
  const accounts = await undecidedIn(ctx.db, ref.meetingId, segment);
  if (accounts === 0)
    return {
      kind: 'formErrors',
      errors: { segment: t.t('meeting.segment.noneLeftField', { segment: segmentLabel(t, segment) }) },
    };
  return {
    kind: 'ephemeral',
    message: segmentDecisionPreview(ref.meetingId, segment, decision, accounts, t),
  };
}

/**
 * "Apply to N accounts": asked about first, then recorded on each undecided account of the segment at
 * once. A second click (or one after the accounts were decided otherwise) finds nothing left and says so.
 */
export async function applySegment(
  ctx: DispatchContext,
  actor: Actor,
  ref: ActionRef,
  confirmed: boolean | undefined,
): Promise<Reply> {
  const segment = parseSegment(ref.query);
  const decision = decisionFromSlug(ref.decision);
  if (ref.meetingId === undefined || !segment || !decision)
    return refusal(privateT(ctx).t('meeting.segment.incomplete'));
  const allowed = requireRole(actor, DECIDING_ROLES, 'meeting');
  if (!allowed.ok) return refusal(failureText(privateT(ctx), allowed.error));
  const t = privateT(ctx);
  const label = segmentLabel(t, segment);
  const ask = askFirst(confirmed, {
    title: t.t('meeting.confirm.title'),
    question: t.t('meeting.segment.applyQuestion', { decision: decisionLabel(t, decision), segment: label }),
    yes: decisionLabel(t, decision),
    ref: encodeRef({ ...ref, v: 1 }),
  });
  if (ask) return ask;
  const click = {
    meetingId: ref.meetingId,
    segment,
    decision,
    at: ctx.clock.now(),
    timeZone: ctx.clock.timeZone,
  };
  const result = await ctx.db.transaction((trx) => decideSegment(trx, actor, click));
  if (!result.ok) return refusal(failureText(privateT(ctx), result.error));
  const { decided } = result.value;
  if (decided === 0)
    return {
      kind: 'replace',
      message: notice(t.t('meeting.segment.nothingLeft', { segment: label })),
    };
  return {
    kind: 'replace',
    message: notice(
      t.t('meeting.segment.recorded', {
        decision: decisionLabel(t, decision),
        count: decided,
        segment: label,
        who: actor.name,
      }),
      { tone: 'success' },
    ),
  };
}
