import { createFixedClock } from '../../../src/clock.ts';
import { defaultPolicy } from '../../../src/collections/account.ts';
import type { Database } from '../../../src/db.ts';
import { DEMO_MAPPING_FILE, loadDemoLedger } from '../../../src/ledger/demo.ts';
import { readMapping } from '../../../src/ledger/mapping.ts';
import { openLedgerSource } from '../../../src/ledger/source.ts';
import { syncLedger } from '../../../src/ledger/sync.ts';
import { refreshWorklist } from '../../../src/worklist/assess.ts';

/** The demo ledger loaded, synced and assessed as of `today`, as `duebot start` does on first run. */
export async function loadDemo(db: Database, today: string): Promise<void> {
  const clock = createFixedClock(`${today}T03:00:00Z`, 'Asia/Shanghai');
  await loadDemoLedger(db.knex, { today });
  const source = await openLedgerSource({
    name: 'demo',
    botDb: db.knex,
    mappingSql: await readMapping(DEMO_MAPPING_FILE),
    batchSize: 2000,
  });
  try {
    await syncLedger({ db: db.knex, source, mode: 'full', clock, lookbackSeconds: 60, batchSize: 2000 });
  } finally {
    await source.close();
  }
  await refreshWorklist({ db: db.knex, policy: defaultPolicy, today, timeZone: 'Asia/Shanghai' });
}
