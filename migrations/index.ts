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
import * as userLocale from './20261207_112_user_locale.ts';
import * as paymentPlans from './20261207_120_payment_plans.ts';
import * as disputesPauses from './20261207_130_disputes_pauses.ts';
import * as historyPages from './20261207_140_history_pages.ts';
import * as callSummaryLetters from './20261207_141_call_summary_letters.ts';
import * as ledgerPaidAt from './20261207_150_ledger_paid_at.ts';
import * as worklistDays from './20261207_170_worklist_days.ts';
import * as summaryRed from './20261207_171_summary_red.ts';
import * as worklistPolicy from './20261207_172_worklist_policy.ts';
import * as accountTerms from './20261207_180_account_terms.ts';
import * as agencyHandovers from './20261207_181_agency_handovers.ts';
import * as meetingAtScale from './20261207_190_meeting_at_scale.ts';
import * as meetingPositions from './20261207_191_meeting_positions.ts';
import * as claimsByOwner from './20261207_210_claims_by_owner.ts';
import * as contactWindow from './20261207_220_contact_window.ts';
import * as ledgerTerms from './20261207_230_ledger_terms.ts';
import * as customerNameSearch from './20261207_240_customer_name_search.ts';
import * as worklistReassessOn from './20261207_245_worklist_reassess_on.ts';
import * as nextActionNote from './20261207_250_next_action_note.ts';
import * as replayKeysPruned from './20261207_265_replay_keys_pruned.ts';
import * as disputeItemsByItem from './20261207_270_dispute_items_by_item.ts';
import * as summaryOldestDue from './20261207_300_summary_oldest_due.ts';
import * as worklistStale from './20261207_310_worklist_stale.ts';
import * as agendaAndCrossingWrites from './20261207_320_agenda_and_crossing_writes.ts';
import * as worklistByAmount from './20261207_330_worklist_by_amount.ts';
import * as openItemsFillfactor from './20261207_340_open_items_fillfactor.ts';
import * as pauseReasonNote from './20261207_350_pause_reason_note.ts';
import * as oldNextActions from './20261207_351_old_next_actions.ts';
import * as syncReadFrom from './20261207_430_sync_read_from.ts';
import * as meetingAgendaDefinition from './20261207_440_meeting_agenda_definition.ts';
import * as accountPromisesDisputes from './20261207_450_account_promises_disputes.ts';
import * as summaryOwner from './20261207_500_summary_owner.ts';
import * as customerNameExact from './20261207_501_customer_name_exact.ts';
import * as worklistByPriority from './20261207_502_worklist_by_priority.ts';

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
  '20261207_112_user_locale': userLocale,
  '20261207_120_payment_plans': paymentPlans,
  '20261207_130_disputes_pauses': disputesPauses,
  '20261207_140_history_pages': historyPages,
  '20261207_141_call_summary_letters': callSummaryLetters,
  '20261207_150_ledger_paid_at': ledgerPaidAt,
  '20261207_170_worklist_days': worklistDays,
  '20261207_171_summary_red': summaryRed,
  '20261207_172_worklist_policy': worklistPolicy,
  '20261207_180_account_terms': accountTerms,
  '20261207_181_agency_handovers': agencyHandovers,
  '20261207_190_meeting_at_scale': meetingAtScale,
  '20261207_191_meeting_positions': meetingPositions,
  '20261207_210_claims_by_owner': claimsByOwner,
  '20261207_220_contact_window': contactWindow,
  '20261207_230_ledger_terms': ledgerTerms,
  '20261207_240_customer_name_search': customerNameSearch,
  '20261207_245_worklist_reassess_on': worklistReassessOn,
  '20261207_250_next_action_note': nextActionNote,
  '20261207_265_replay_keys_pruned': replayKeysPruned,
  '20261207_270_dispute_items_by_item': disputeItemsByItem,
  '20261207_300_summary_oldest_due': summaryOldestDue,
  '20261207_310_worklist_stale': worklistStale,
  '20261207_320_agenda_and_crossing_writes': agendaAndCrossingWrites,
  '20261207_330_worklist_by_amount': worklistByAmount,
  '20261207_340_open_items_fillfactor': openItemsFillfactor,
  '20261207_350_pause_reason_note': pauseReasonNote,
  '20261207_351_old_next_actions': oldNextActions,
  '20261207_430_sync_read_from': syncReadFrom,
  '20261207_440_meeting_agenda_definition': meetingAgendaDefinition,
  '20261207_450_account_promises_disputes': accountPromisesDisputes,
  '20261207_500_summary_owner': summaryOwner,
  '20261207_501_customer_name_exact': customerNameExact,
  '20261207_502_worklist_by_priority': worklistByPriority,
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
