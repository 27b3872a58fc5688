import type { Knex } from 'knex';
import * as initial from './20261122_001_initial.ts';
import * as worklist from './20261123_002_worklist.ts';
import * as accountSummary from './20261123_004_account_summary.ts';
import * as slack from './20261123_005_slack.ts';
import * as letters from './20261129_006_letters.ts';
import * as jobs from './20261129_007_jobs.ts';
import * as meeting from './20261129_008_meeting.ts';
import * as teams from './20261129_009_teams.ts';
import * as letterFiles from './20261205_010_letter_files.ts';
import * as worklistFilters from './20261205_011_worklist_filters.ts';
import * as roleSource from './20261207_012_role_source.ts';
import * as submissions from './20261207_013_submissions.ts';
import * as deliveryProgress from './20261207_014_delivery_progress.ts';
import * as syncHealth from './20261207_015_sync_health.ts';
import * as firstStart from './20261207_110_first_start.ts';
import * as accountIdJson from './20261207_111_account_id_json.ts';
import * as paymentPlans from './20261207_120_payment_plans.ts';

/**
 * The migrations in order. A static list (not a folder scan) so that the same code runs under
 * node, tsx and vitest alike.
 */
const migrations: Record<string, Pick<Knex.Migration, 'up' | 'down'>> = {
  '20261122_001_initial': initial,
  '20261123_002_worklist': worklist,
  '20261123_004_account_summary': accountSummary,
  '20261123_005_slack': slack,
  '20261129_006_letters': letters,
  '20261129_007_jobs': jobs,
  '20261129_008_meeting': meeting,
  '20261129_009_teams': teams,
  '20261205_010_letter_files': letterFiles,
  '20261205_011_worklist_filters': worklistFilters,
  '20261207_012_role_source': roleSource,
  '20261207_013_submissions': submissions,
  '20261207_014_delivery_progress': deliveryProgress,
  '20261207_015_sync_health': syncHealth,
  '20261207_110_first_start': firstStart,
  '20261207_111_account_id_json': accountIdJson,
  '20261207_120_payment_plans': paymentPlans,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const migration = migrations[name];
    if (!migration) throw new Error(`unknown migration ${name}`);
    return migration;
  },
};
