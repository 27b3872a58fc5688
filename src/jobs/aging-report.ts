/**
 * The weekly aging report (PB-27): on Mondays (DUEBOT_AGING_REPORT_CRON) the aging by bucket and currency
 * with the change since the last digest, and the accounts worth most with their next step as the week's plan,
 * in the digest channel's language.
 */
import { agingReportView } from '../views/digest.ts';
import { loadDigest } from './digest-data.ts';
import type { Job } from './job.ts';
import { weeklyPeriod } from './periods.ts';
import { type JobSettings, scheduleOf } from './settings.ts';

/** The weekly aging report job. */
export function agingReportJob(settings: Pick<JobSettings, 'jobs'>): Job {
  return {
    name: 'aging-report',
    schedule: scheduleOf(settings, 'aging-report', '0 9 * * 1'),
    days: 'working',
    periodKey: weeklyPeriod,
    async run(ctx) {
      const data = await loadDigest(ctx.db, {
        today: ctx.today,
        calendar: ctx.policy.calendar,
        top: settings.jobs.digest.top,
        edges: ctx.policy.aging.bucketEdges,
      });
      return [
        {
          key: `aging-report:${ctx.periodKey}`,
          to: { kind: 'channel', role: 'digest' },
          message: agingReportView(data, ctx.periodKey, ctx.channelT('digest')),
        },
      ];
    },
  };
}
