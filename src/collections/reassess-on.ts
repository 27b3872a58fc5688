/**
 * PB-01: the first date on which an account's stored worklist row would change other than by the day
 * count itself (counted by readers from the row's oldest due date), so the business-day turn reassesses
 * only the accounts due and leaves every other row as it is (src/worklist/day-turn.ts). Each rule below names the dates its outcome can turn on;
 * the answer is the earliest of them after `today`. A rule that cannot say gives tomorrow: a date too
 * early costs one needless reassessment, a date too late would leave a wrong row, so every date here is
 * on or before the true change.
 *
 * The candidate dates depend on the account's data and the policy only, never on `today` (which only
 * filters them), so an account reassessed on any day before its date finds the same date again.
 */
import type { AccountAssessment, AccountSnapshot, Policy } from './account.ts';
import { addDays, monthOf, nextMonth, subtractMonths } from './dates.ts';
import { blacklist, creditHold, gradeCustomer, type HistoryItem } from './grade.ts';
import { invoiceStepDate, isInvoiceStep, pauseActive, stepApplies } from './ladder.ts';
import { currencyDigits } from './money.ts';

/** Memo of firstMonthsAfter: ledgers hold few distinct dates; bounded, so a long-running process stays flat. */
const monthsAfter = new Map<string, string>();

/** The first date `d` with subtractMonths(d, months) > `date` (strict) or >= it. */
function firstMonthsAfter(date: string, months: number, strict: boolean): string {
  const key = `${date}|${months}|${strict ? 1 : 0}`;
  const known = monthsAfter.get(key);
  if (known !== undefined) return known;
  const whole = Math.max(0, Math.trunc(months));
  // Start a little before the month arithmetic's answer and step forward: subtractMonths only grows.
  let day = addDays(date, Math.floor(whole * 30.4) - 4);
  const passes = (d: string) => {
    const back = subtractMonths(d, whole);
    return strict ? back > date : back >= date;
  };
  while (passes(day)) day = addDays(day, -8);
  while (!passes(day)) day = addDays(day, 1);
  if (monthsAfter.size >= 50_000) monthsAfter.clear();
  monthsAfter.set(key, day);
  return day;
}

/** The first day of the month after `date`'s month. */
const nextMonthStart = (date: string) => `${nextMonth(monthOf(date))}-01`;

/**
 * PB-01: the first date after `today` on which the stored worklist row of `assessment` (assessed from
 * `snapshot` under `policy` on `today`) may change other than by its days overdue going up by the days
 * passed; null when nothing foreseen changes it (only a change of its data does, which reassesses it).
 */
export function reassessOn(
  snapshot: AccountSnapshot,
  assessment: AccountAssessment,
  history: readonly HistoryItem[],
  policy: Policy,
  today: string,
): string | null {
  const tomorrow = addDays(today, 1);
  let best = null as string | null;
  const at = (date: string | null | undefined) => {
    if (date && date > today && (best === null || date < best)) best = date;
  };
  const open = snapshot.openItems.filter((i) => i.openMinor > 0);
  const undisputed = open.filter((i) => !i.disputed);

  // PB-01/04/05/06/08: thresholds on the oldest overdue days of undisputed items. Those days are 0 until
  // the oldest due date passes, then the day count: a threshold of n days is crossed on oldest due + n.
  const oldestDue = undisputed.map((i) => i.dueDate).sort()[0];
  if (oldestDue !== undefined) {
    const onDays = (n: number) => {
      if (Number.isFinite(n)) at(addDays(oldestDue, Math.max(1, Math.trunc(n))));
    };
    onDays(1);
    onDays(policy.aging.redAfterDays + 1);
    onDays(policy.aging.keyAccountDays);
    onDays(policy.aging.keyAccountNoExceptionDays);
    for (const row of policy.priority.likelihoodByAge) onDays(row.upToDays + 1);
    onDays(policy.priority.window.fromDays);
    onDays(policy.priority.window.toDays + 1);
  }

  // PB-20: an open promise is missed the day after its date.
  for (const p of snapshot.promises) if (p.status === 'open') at(addDays(p.promisedDate, 1));

  // PB-09/11: grade and blacklist over the payment history. Each date an input of theirs moves (an item
  // leaving the grading window, an open one falling due, going late, past the worst-days and incident
  // lines, a year unpaid; tenure) is tried in turn: the first on which the grade or the blacklist differs.
  const g = policy.grade;
  const tries: string[] = [];
  const later = (date: string) => {
    if (date > today) tries.push(date);
  };
  for (const item of history) {
    if (item.disputed) continue;
    later(firstMonthsAfter(item.dueDate, g.historyMonths, true));
    if (item.paidDate === null) {
      later(addDays(item.dueDate, 1));
      later(addDays(item.dueDate, g.lateToleranceDays + 1));
      later(addDays(item.dueDate, g.cMaxDaysLate));
      later(addDays(item.dueDate, g.incidentDays + 1));
      later(addDays(item.dueDate, g.blacklistUnpaidDays + 1));
    } else {
      // A settled item leaves the loaded history (settled_at in the window) whatever it changes: a day or
      // two either way for the database's time zone, earlier is safe.
      at(addDays(firstMonthsAfter(item.paidDate, g.historyMonths, true), -3));
    }
  }
  // Tenure; without a first invoice date it is counted from the history, which moves: tomorrow.
  if (snapshot.firstInvoiceDate === null) at(tomorrow);
  else later(firstMonthsAfter(snapshot.firstInvoiceDate, g.minTenureMonths, false));
  for (const date of [...new Set(tries)].sort()) {
    if (best !== null && date >= best) break;
    const grade = gradeCustomer(history, snapshot.firstInvoiceDate, date, g).grade;
    if (grade !== assessment.grade.grade || blacklist(history, date, g).set !== assessment.blacklist.set) {
      at(date);
      break;
    }
  }
  // PB-10: credit hold is judged on complete months: it can only turn on a month's first day. Once set it
  // stays set (its months are past and its invoices still open); it can only be set while an undisputed
  // invoice is open. From the month after the last date any item's overdue span starts or ends, it stays
  // as it is; and with fewer open invoices than a month needs, only the month now running can complete a
  // run (later months count open invoices only).
  const spans = history.filter((i) => !i.disputed);
  const openSpans = spans.filter((i) => i.paidDate === null).length;
  if (!assessment.creditHold.set && openSpans > 0 && spans.length >= g.holdOverduePerMonth) {
    const last = spans
      .map((i) => (i.paidDate !== null && i.paidDate > i.dueDate ? i.paidDate : addDays(i.dueDate, 1)))
      .sort()
      .at(-1);
    let stableFrom = nextMonthStart(last ?? today);
    for (let n = 0; n <= g.holdConsecutiveMonths; n++) stableFrom = nextMonthStart(stableFrom);
    const first = nextMonthStart(today);
    if (openSpans < g.holdOverduePerMonth && first < stableFrom) stableFrom = first;
    for (let start = first; start <= stableFrom; start = nextMonthStart(start)) {
      if (best !== null && start >= best) break;
      if (creditHold(history, start, g).set) {
        at(start);
        break;
      }
    }
  }

  // PB-12/13/14/09: the ladder. Pauses end the day after their last day.
  for (const pause of [snapshot.pause, ...open.map((i) => i.pause)])
    if (pause?.until && pauseActive(pause, today)) at(addDays(pause.until, 1));
  const ladder = assessment.ladder;
  if (ladder.anchorDueDate !== null) {
    const anchor = ladder.anchorDueDate;
    at(anchor);
    // Steps for other grades are skipped: a change of grade is a date of its own above.
    const ladderAccount = {
      grade: assessment.grade.grade,
      habitualLatePayer: snapshot.habitualLatePayer === true,
    };
    for (const step of policy.ladder.steps)
      if (!isInvoiceStep(step) && stepApplies(step, ladderAccount)) at(addDays(anchor, step.day));
    // PB-14: an escalation with no date counts from today, which moves.
    if (ladder.escalatedBy > 0 && !snapshot.escalatedOn) at(tomorrow);
    // PB-09: an invoice step not done stays pending until its last day.
    for (const step of policy.ladder.steps) {
      if (!isInvoiceStep(step) || !stepApplies(step, ladderAccount)) continue;
      for (const item of undisputed) {
        if (step.minInvoice !== undefined) {
          const digits = currencyDigits(item.currency);
          if (item.totalMinor < Math.round(step.minInvoice * 10 ** digits)) continue;
        }
        const on = invoiceStepDate(step, item);
        // Done once a contact was logged on or after its day: a new contact reassesses the account.
        if (on === null || (snapshot.lastContactDate !== null && snapshot.lastContactDate >= on)) continue;
        const lastDay = addDays(on, step.within ?? 0);
        const until =
          on < item.dueDate && addDays(item.dueDate, -1) > lastDay ? addDays(item.dueDate, -1) : lastDay;
        at(addDays(until, 1));
      }
    }
  }
  return best;
}
