/**
 * Every scheduled job duebot runs, built from the settings (each schedule is a setting; see
 * src/jobs/settings.ts). Add a job by adding its factory to JOB_FACTORIES.
 */
import { agingReportJob } from './aging-report.ts';
import { alertsJob } from './alerts.ts';
import { digestJob, nudgeJob } from './digest.ts';
import { disputeCheckJob } from './dispute-check.ts';
import { housekeepingJob } from './housekeeping.ts';
import type { Job } from './job.ts';
import { letterCheckJob } from './letter-check.ts';
import { meetingJob } from './meeting.ts';
import { promiseFollowUpJob } from './promise-follow-up.ts';
import type { JobSettings } from './settings.ts';

/** Builds one job from the settings it reads (its schedule from `settings.jobs.schedules[name]`). */
export type JobFactory = (settings: JobSettings) => Job;

/** The registered jobs, in the order a sweep runs them. */
export const JOB_FACTORIES: JobFactory[] = [
  promiseFollowUpJob,
  digestJob,
  nudgeJob,
  agingReportJob,
  alertsJob,
  meetingJob,
  letterCheckJob,
  disputeCheckJob,
  housekeepingJob,
];

/** The jobs for these settings. */
export function createJobs(settings: JobSettings): Job[] {
  const jobs = JOB_FACTORIES.map((factory) => factory(settings));
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) throw new Error(`two jobs are named ${job.name}`);
    names.add(job.name);
  }
  return jobs;
}
