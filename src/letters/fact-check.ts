/**
 * PB-22: never misstate facts. After a letter is rendered, every sentence that speaks of earlier contact
 * ("despite our repeated reminders", "尽管我们此前已多次提醒", "thank you for speaking with us") is checked
 * against the account's history; a letter whose words claim a reminder, a demand or a conversation the
 * history lacks does not render. Templates word such sentences from `history.*` (letter-history.ts), so a
 * shipped template never trips this; the check stops a template, built-in or a company's own, that states
 * a history without looking at it.
 */
import type { LetterHistory } from './letter-history.ts';

/** One kind of statement about the past and what the history must hold for it to be true. */
interface Claim {
  /** What the letter claims, for the message. */
  says: string;
  /** What the history must show. */
  holds: (h: LetterHistory) => boolean;
  /** What the history shows instead, for the message. */
  lacks: (h: LetterHistory) => string;
  /** Wordings in every letter language (English, simplified and traditional Chinese). */
  patterns: RegExp[];
}

const reminders = (h: LetterHistory) =>
  h.reminders.length === 0
    ? 'no reminder went out before'
    : `only one reminder went out before (${h.reminders[0]?.template} on ${h.reminders[0]?.date})`;

const CLAIMS: Claim[] = [
  {
    says: 'more than one earlier reminder',
    holds: (h) => h.remindedRepeatedly,
    lacks: reminders,
    patterns: [
      /\b(?:repeated|several|many|multiple|numerous|earlier|previous|prior|past|our)\s+(?:\w+\s+)?(?:reminders|letters|requests|demands)\b/i,
      /\b(?:reminded|written to|wrote to|contacted|asked)\s+you\s+(?:repeatedly|several times|many times|more than once|again and again)\b/i,
      /\brepeatedly\b/i,
      /(?:多次|再三|屡次|屢次|反复|反覆|一再|几次|幾次)/,
    ],
  },
  {
    says: 'an earlier reminder',
    holds: (h) => h.reminded,
    lacks: reminders,
    patterns: [
      /\b(?:earlier|previous|prior|last)\s+(?:\w+\s+)?(?:reminder|letter|request)\b/i,
      /\b(?:despite|after|following)\s+our\s+(?:\w+\s+)?(?:reminder|letter|request)\b/i,
      /\bour\s+(?:\w+\s+)?(?:reminder|letter|request)\s+(?:of|dated|sent|from|on)\b/i,
      /\b(?:we|I)\s+(?:have\s+)?(?:already\s+)?(?:reminded|written to|wrote to)\s+you\b/i,
      /\bas\s+(?:we\s+)?(?:previously|already|earlier)\s+(?:reminded|wrote|written|advised)\b/i,
      /(?:此前|之前|先前|曾经|曾經|已经|已經|已)(?:[^，。；\n]{0,8})(?:提醒|催告|去函|致函|发函|發函|催款)/,
    ],
  },
  {
    says: 'an earlier formal demand',
    holds: (h) => h.formalDemand !== null,
    lacks: () => 'no formal demand went out before',
    patterns: [
      /\b(?:our|earlier|previous|prior|despite|after)\s+(?:\w+\s+){0,3}formal demand\b/i,
      /(?:此前|之前|已|曾)(?:[^，。；\n]{0,10})正式催款/,
    ],
  },
  {
    says: 'an earlier final notice',
    holds: (h) => h.finalNotice !== null,
    lacks: () => 'no final notice went out before',
    patterns: [
      /\b(?:earlier|previous|prior|despite|after)\s+(?:\w+\s+){0,4}final notice\b/i,
      /\b(?:our|the)\s+final notice\s+(?:of|dated|sent)\b/i,
      /(?:此前|之前|已|曾)(?:[^，。；\n]{0,14})最[后後]通知/,
    ],
  },
  {
    says: 'a conversation with the customer',
    holds: (h) => h.spokeWith,
    lacks: () => 'no logged call or visit reached anybody',
    patterns: [
      /\b(?:spoke|speaking|spoken|talked|talking)\s+(?:with|to)\b/i,
      /\bour\s+(?:phone\s+|telephone\s+)?(?:conversation|discussion)\b/i,
      /(?:与|與)[^，。；\n]{0,12}(?:沟通|溝通|通话|通話|交谈|交談)|通话纪要|通話紀錄|本次通[话話]/,
    ],
  },
  {
    says: 'an earlier call',
    holds: (h) => h.calls.length > 0,
    lacks: () => 'no call or visit is logged',
    patterns: [
      /\b(?:we|I)\s+(?:have\s+)?(?:called|phoned|rang|tried to (?:call|reach))\s+you\b/i,
      /\bour\s+(?:earlier\s+|last\s+|recent\s+)?(?:phone\s+|telephone\s+)?call\b/i,
      /(?:我们|我們)(?:[^，。；\n]{0,6})(?:致电|致電|打电话|打電話)(?:给|給)?(?:您|贵司|貴司)/,
    ],
  },
];

/** A statement in a letter that the history does not bear out. */
export interface Misstatement {
  says: string;
  /** The words in the letter. */
  words: string;
  lacks: string;
}

/** Every statement about earlier contact in `text` that `history` does not support (PB-22). */
export function misstatements(text: string, history: LetterHistory): Misstatement[] {
  const found: Misstatement[] = [];
  for (const claim of CLAIMS) {
    if (claim.holds(history)) continue;
    for (const pattern of claim.patterns) {
      const m = pattern.exec(text);
      if (m) {
        found.push({ says: claim.says, words: m[0], lacks: claim.lacks(history) });
        break;
      }
    }
  }
  return found;
}
