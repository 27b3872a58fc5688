import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeRef } from '../../src/views/action-ref.ts';
import { defaultLetterConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { seedLetterAccount } from '../letters/support/accounts.ts';
import { startSmtp, type TestSmtp } from '../letters/support/smtp.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { type Harness, startHarness } from './support/harness.ts';

type View = { private_metadata: string; title: { text: string } };

/**
 * Issue 15: a Log call or Send letter from a conversation duebot may not post in. The change is saved, the
 * post lands in SLACK_CHANNEL (CDEFAULT) or else the person's DM, and the person is told where and why.
 */
describe.each(backends())('Slack account threads where duebot is not a member, on %s', (kind) => {
  let db: Database;
  let smtp: TestSmtp;
  let slack: Harness;
  let account: number;

  /** Slack's answer to a post in a conversation duebot is not in (public: not_in_channel; else not found). */
  const refuse = (refused: Record<string, string>) =>
    slack.answerWith((method, args) => {
      if (method === 'chat.getPermalink')
        return { ok: true, permalink: `https://acme.slack.com/archives/${String(args.channel)}/p1` };
      const error = method === 'chat.postMessage' ? refused[String(args.channel)] : undefined;
      return error ? { ok: false, error } : undefined;
    });
  const count = async (kindOf: string) =>
    Number(
      (await db.knex('activities').where({ customer_id: account, kind: kindOf }).count({ n: '*' }))[0]?.n ??
        0,
    );
  const version = async () =>
    Number((await db.knex('account_state').where({ customer_id: account }).first('version'))?.version ?? 0);
  const openedView = () => slack.calls('views.update').at(-1)?.view as View;
  /** What the person was told privately (a DM from duebot, channel = their user id). */
  const toldPrivately = () =>
    slack
      .calls('chat.postMessage')
      .filter((p) => p.channel === 'UANN')
      .map((p) => JSON.stringify(p.blocks))
      .join('\n');

  async function logCall(channel: string, notes: string) {
    await slack.click(
      encodeRef({ v: 1, action: 'log', accountId: account, stateVersion: await version() }),
      'UANN',
      { channel, opensForm: true },
    );
    const res = await slack.submit({
      private_metadata: openedView().private_metadata,
      state: {
        values: {
          channel: { channel: { selected_option: { value: 'call' } } },
          result: { result: { selected_option: { value: 'reached' } } },
          notes: { notes: { value: notes } },
        },
      },
    });
    expect(res.status).toBe(200);
  }

  async function sendLetter(channel: string) {
    const ref = encodeRef({ v: 1, action: 'letter', accountId: account, stateVersion: await version() });
    await slack.click(ref, 'UANN', { channel, opensForm: true });
    const chooser = openedView();
    const res = await slack.submit({
      private_metadata: chooser.private_metadata,
      title: chooser.title.text,
      state: { values: { template: { template: { selected_option: { value: 'reminder' } } } } },
    });
    const preview = ((await res.json()) as { view: View }).view;
    const sent = await slack.submit({
      private_metadata: preview.private_metadata,
      title: preview.title.text,
      state: { values: {} },
    });
    expect(sent.status).toBe(200);
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    smtp = await startSmtp();
    account = await seedLetterAccount(db.knex, 'Contoso Pharma', {
      contact: { email: 'ap@contoso.example' },
    });
    slack = await startHarness(db, 10, {
      letters: {
        ...defaultLetterConfig,
        smtpUrl: smtp.url,
        from: 'Acme AR <ar@acme.example>',
        company: { ...defaultLetterConfig.company, name: 'Acme Trading' },
      },
    });
  });
  afterAll(async () => {
    await slack?.close();
    await smtp?.close();
    await db?.close();
  });
  beforeEach(() => {
    slack.reset();
    smtp.received.length = 0;
  });

  it('posts a call logged in a private channel duebot is not in to the thread in SLACK_CHANNEL, with a link', async () => {
    refuse({ CPRIVATE: 'channel_not_found' });
    const before = await count('outcome');
    await logCall('CPRIVATE', 'Called from the private channel');
    expect(await count('outcome')).toBe(before + 1);
    const inThread = slack.calls('chat.postMessage').find((p) => p.thread_ts !== undefined);
    expect(inThread?.channel).toBe('CDEFAULT');
    expect(JSON.stringify(inThread?.blocks)).toContain('Called from the private channel');
    const told = toldPrivately();
    expect(told).toContain("account's thread in <#CDEFAULT>");
    expect(told).toContain('https://acme.slack.com/archives/CDEFAULT/p1');
    expect(told).toContain('<#CPRIVATE>');
    expect(told).toMatch(/private channel or group conversation.*Invite @duebot/);
    expect(told).not.toMatch(/nothing was changed/i);
    const threads = await db.knex('account_threads').where({ customer_id: account }).select('channel');
    expect(threads.map((t) => t.channel)).toEqual(['CDEFAULT']);
  });

  it('falls back to a DM when neither the public channel nor SLACK_CHANNEL takes the post, and says why', async () => {
    refuse({ CPUBLIC: 'not_in_channel', CDEFAULT: 'not_in_channel' });
    const before = await count('outcome');
    await logCall('CPUBLIC', 'Nowhere to post');
    expect(await count('outcome')).toBe(before + 1);
    const posts = slack.calls('chat.postMessage');
    const dm = posts.filter((p) => p.channel === 'UANN');
    expect(JSON.stringify(dm[0]?.blocks)).toContain('Nowhere to post');
    const told = toldPrivately();
    expect(told).toContain('your direct messages with duebot');
    expect(told).toContain('not a member of <#CPUBLIC>');
    expect(told).toContain('chat:write.public');
  });

  it('e-mails a letter sent from a group DM duebot is not in, posts its copy in SLACK_CHANNEL and never says nothing changed', async () => {
    refuse({ GGROUPDM: 'channel_not_found' });
    await sendLetter('GGROUPDM');
    expect(smtp.accepted()).toHaveLength(1);
    const letter = await db
      .knex('letters')
      .where({ customer_id: account })
      .orderBy('id', 'desc')
      .first('status');
    expect(letter?.status).toBe('sent');
    const inThread = slack.calls('chat.postMessage').find((p) => p.thread_ts !== undefined);
    expect(inThread?.channel).toBe('CDEFAULT');
    expect(slack.calls('files.completeUploadExternal')[0]).toMatchObject({ channel_id: 'CDEFAULT' });
    const told = toldPrivately();
    expect(told).toContain('<#GGROUPDM>');
    expect(told).not.toMatch(/nothing was changed/i);
  });

  it('says the e-mailed letter was saved when its thread post fails for another reason', async () => {
    account = await seedLetterAccount(db.knex, 'Fabrikam Ltd', { contact: { email: 'ap@fabrikam.example' } });
    refuse({ CWORK: 'fatal_error' });
    await sendLetter('CWORK');
    expect(smtp.accepted()).toHaveLength(1);
    const told = toldPrivately();
    expect(told).toMatch(/Saved, and in the account.s history/);
    expect(told).not.toMatch(/nothing was changed/i);
  });
});
