/**
 * The letter check (issue 6): every few minutes (DUEBOT_LETTER_CHECK_CRON), letters left in `sending`
 * for longer than LETTER_UNCERTAIN_AFTER_MINUTES (the process stopped between the mail server and the
 * letter log) become `uncertain`, and the person who asked for each is told privately, once, with the
 * Message-ID to look for and the choice to mark it sent or send it again. Nothing is sent here.
 */
import { personT } from '../i18n/person.ts';
import type { LanguageConfig } from '../i18n/settings.ts';
import { channelT } from '../i18n/speech.ts';
import type { OutgoingPost } from '../outbox/post.ts';
import { recoverStuckLetters } from '../letters/uncertain.ts';
import { uncertainLetterNotice } from '../views/uncertain-letter.ts';
import type { Job } from './job.ts';
import { minutePeriod } from './periods.ts';
import { AFTER_SYNC, type JobSettings, scheduleOf } from './settings.ts';
import { type CronSlots, cronSlots } from './slots.ts';

/** The outbox key of the notice about one uncertain letter and attempt: told once. */
export const uncertainNoticeKey = (letterId: number, attempts: number) =>
  `letter-uncertain:${letterId}:${attempts}`;

/**
 * The check as a scheduled job. The notice is in the requester's own language (else the company's); one
 * with no requester goes to the digest channel in the company's language.
 */
export function letterCheckJob(
  settings: Pick<JobSettings, 'jobs' | 'letters'> & { language?: LanguageConfig | undefined },
): Job {
  const schedule = scheduleOf(settings, 'letter-check', '*/5 * * * *');
  const slots = new Map<string, CronSlots>();
  return {
    name: 'letter-check',
    schedule,
    days: 'every',
    // One period per slot: at start-up the latest slot is still current, so the check runs at once.
    periodKey(instant, timeZone) {
      if (schedule === AFTER_SYNC) return minutePeriod(instant, timeZone);
      let zoned = slots.get(timeZone);
      if (!zoned) slots.set(timeZone, (zoned = cronSlots(schedule, timeZone)));
      const slot = zoned.latestAtOrBefore(instant, 'every', { weekend: [], holidays: [] });
      return minutePeriod(slot ?? instant, timeZone);
    },
    async run(ctx) {
      const moved = await recoverStuckLetters(
        ctx.db,
        ctx.clock.now(),
        settings.letters.uncertainAfterMinutes,
      );
      const posts: OutgoingPost[] = [];
      for (const { letter, customerName } of moved) {
        if (letter.status !== 'uncertain') continue; // by hand: failed, nothing to decide
        ctx.log.warn(
          { letterId: letter.id, messageId: letter.messageId },
          'letter check: a letter may or may not have gone out; its requester is asked to decide',
        );
        const requester = letter.requestedBy.userId;
        const t =
          requester !== null
            ? await personT(ctx.db, requester, settings.language)
            : channelT(settings.language, undefined);
        posts.push({
          key: uncertainNoticeKey(letter.id, letter.attempts),
          to: requester !== null ? { kind: 'user', userId: requester } : { kind: 'channel', role: 'digest' },
          message: uncertainLetterNotice(letter, customerName, ctx.clock.timeZone, t),
        });
      }
      return posts;
    },
  };
}
