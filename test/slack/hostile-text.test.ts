import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import type { Database } from '../../src/db.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedSlackAccounts } from './support/accounts.ts';
import { type Harness, startHarness } from './support/harness.ts';

const HOSTILE = '<!channel> pay now <https://evil.example|x> @[Boss](slack:UBOSS) <@U999> & more';

/** Everything Slack would read as a mention, a broadcast or a link. */
const live = /<!channel>|<!here>|<!everyone>|<https?:|<@U999>|<@UBOSS>/;

/** Issue 13: what people type reaches Slack inert, in the notification text as in the blocks. */
describe.each(backends())('hostile text to Slack on %s', (kind) => {
  let db: Database;
  let slack: Harness;
  let ids: { north: number; dual: number };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ids = await seedSlackAccounts(db);
    slack = await startHarness(db);
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });

  it('posts a hostile call note into the thread with `text` and blocks escaped', async () => {
    slack.reset();
    await slack.click(encodeRef({ v: 1, action: 'log', accountId: ids.north, stateVersion: 0 }), 'UANN', {
      opensForm: true,
    });
    const view = slack.calls('views.update').at(-1)?.view as { private_metadata: string };
    await slack.submit({
      private_metadata: view.private_metadata,
      state: {
        values: {
          channel: { channel: { selected_option: { value: 'call' } } },
          result: { result: { selected_option: { value: 'reached' } } },
          notes: { notes: { value: HOSTILE } },
        },
      },
    });
    const post = slack.calls('chat.postMessage').find((p) => p.thread_ts !== undefined);
    expect(post).toBeDefined();
    expect(String(post?.text)).toContain('&lt;!channel&gt; pay now &lt;https://evil.example|x&gt;');
    expect(String(post?.text)).toContain('&amp; more');
    expect(String(post?.text)).not.toMatch(live);
    expect(JSON.stringify(post?.blocks)).not.toMatch(live);
    // The person who logged it is named as typed, the note kept as written in the history.
    const stored = await db.knex('activities').where({ customer_id: ids.north, kind: 'outcome' }).first();
    expect(JSON.stringify(stored?.details)).toContain('<!channel> pay now');
  });

  it('answers a hostile /overdue through the response_url with `text` escaped', async () => {
    slack.reset();
    await slack.slash('<!channel> <https://evil.example|x>');
    const [answer] = slack.responses;
    expect(answer).toBeDefined();
    expect(String(answer?.body.text)).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(answer?.body)).not.toMatch(live);
  });
});
