import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { createLogger } from '../../src/log.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { assessSeeded, seedAccount } from '../support/seed.ts';
import { type Harness, type SignOptions, slashForm, startHarness } from './support/harness.ts';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const now = () => Math.floor(Date.now() / 1000);
const payload = (raw: string) => `payload=${encodeURIComponent(raw)}`;
const click = JSON.stringify({
  type: 'block_actions',
  user: { id: 'UANN' },
  team: { id: 'T1' },
  actions: [],
});

/** One hostile request: its body, content type, signing options and the answer expected. */
interface Hostile {
  name: string;
  body: () => string;
  type?: string;
  sign?: () => SignOptions;
  status: number;
  reason?: RegExp;
}

const slashWith = (change: (form: URLSearchParams) => void) => () => {
  const form = slashForm('');
  change(form);
  return form.toString();
};

const HOSTILE: Hostile[] = [
  {
    name: 'a timestamp one day ahead',
    body: slashWith(() => {}),
    sign: () => ({ ageSeconds: -86_400 }),
    status: 401,
  },
  {
    name: 'a timestamp six minutes ahead',
    body: slashWith(() => {}),
    sign: () => ({ ageSeconds: -360 }),
    status: 401,
  },
  {
    name: 'the timestamp 1e12 in digits',
    body: slashWith(() => {}),
    sign: () => ({ timestamp: '1000000000000' }),
    status: 401,
  },
  {
    name: 'the timestamp written 1e12',
    body: slashWith(() => {}),
    sign: () => ({ timestamp: '1e12' }),
    status: 401,
  },
  {
    name: 'a negative timestamp',
    body: slashWith(() => {}),
    sign: () => ({ timestamp: '-300' }),
    status: 401,
  },
  {
    name: 'a timestamp that is not a number',
    body: slashWith(() => {}),
    sign: () => ({ timestamp: 'soon' }),
    status: 401,
  },
  {
    name: 'a replayed request ten minutes old',
    body: slashWith(() => {}),
    sign: () => ({ ageSeconds: 600 }),
    status: 401,
  },
  {
    name: 'a wrong signature',
    body: slashWith(() => {}),
    sign: () => ({ secret: 'not-the-secret' }),
    status: 401,
  },
  { name: 'payload=null', body: () => payload('null'), status: 400, reason: /^body: / },
  { name: 'payload=[]', body: () => payload('[]'), status: 400 },
  { name: 'payload="x"', body: () => payload('"x"'), status: 400 },
  { name: 'payload that is not JSON', body: () => payload('{nope'), status: 400, reason: /not JSON/ },
  {
    name: 'payload of an unknown type',
    body: () => payload('{"type":"nonsense"}'),
    status: 400,
    reason: /type/,
  },
  {
    name: 'payload given twice',
    body: () => `${payload(click)}&${payload(click)}`,
    status: 400,
    reason: /payload given more than once/,
  },
  {
    name: 'a click by a user id of 5,000 characters',
    body: () => payload(click.replace('UANN', 'U'.repeat(5000))),
    status: 400,
    reason: /user\.id/,
  },
  {
    name: 'a click without actions',
    body: () => payload('{"type":"block_actions","user":{"id":"UANN"}}'),
    status: 400,
    reason: /^actions: /,
  },
  {
    name: 'a click whose actions are not a list',
    body: () => payload('{"type":"block_actions","user":{"id":"UANN"},"actions":"x"}'),
    status: 400,
    reason: /^actions: /,
  },
  {
    name: 'a submission without a view',
    body: () => payload('{"type":"view_submission","user":{"id":"UANN"}}'),
    status: 400,
    reason: /^view: /,
  },
  {
    name: 'a submission whose view is null',
    body: () => payload('{"type":"view_submission","user":{"id":"UANN"},"view":null}'),
    status: 400,
    reason: /^view: /,
  },
  {
    name: 'a submission whose view state is not an object',
    body: () =>
      payload(
        '{"type":"view_submission","user":{"id":"UANN"},"view":{"id":"V1","callback_id":"duebot-form","state":7}}',
      ),
    status: 400,
    reason: /^view\.state/,
  },
  { name: 'a JSON body null', body: () => 'null', type: JSON_TYPE, status: 400 },
  { name: 'a JSON body []', body: () => '[]', type: JSON_TYPE, status: 400 },
  {
    name: 'a JSON body that is not JSON',
    body: () => '{"type":',
    type: JSON_TYPE,
    status: 400,
    reason: /not JSON/,
  },
  {
    name: 'an event callback without an event',
    body: () => '{"type":"event_callback"}',
    type: JSON_TYPE,
    status: 400,
  },
  {
    name: 'user_id given twice',
    body: slashWith((f) => f.append('user_id', 'UBOB')),
    status: 400,
    reason: /user_id given more than once/,
  },
  {
    name: 'a user_id of 5,000 characters',
    body: slashWith((f) => f.set('user_id', 'U'.repeat(5000))),
    status: 400,
    reason: /^user_id: /,
  },
  {
    name: 'a user_id with lower case and spaces',
    body: slashWith((f) => f.set('user_id', 'u ann')),
    status: 400,
    reason: /^user_id: /,
  },
  {
    name: 'a team_id of 5,000 characters',
    body: slashWith((f) => f.set('team_id', 'T'.repeat(5000))),
    status: 400,
    reason: /^team_id: /,
  },
  {
    name: 'a channel_id given twice',
    body: slashWith((f) => f.append('channel_id', 'CX')),
    status: 400,
    reason: /channel_id/,
  },
  {
    name: 'command text over 4,000 characters',
    body: slashWith((f) => f.set('text', 'x'.repeat(4001))),
    status: 400,
    reason: /^text: /,
  },
  { name: 'a form that is neither a command nor an interaction', body: () => 'hello=world', status: 400 },
  {
    name: 'a 2 MB body',
    body: () => `${slashForm('').toString()}&pad=${'x'.repeat(2 * 1024 * 1024)}`,
    status: 413,
  },
  {
    name: 'a wrong content type',
    body: slashWith(() => {}),
    type: 'text/plain',
    status: 415,
    reason: /content type/,
  },
];

describe.each(backends())('hostile signed requests to the Slack HTTP endpoint on %s', (kind) => {
  let db: Database;
  let slack: Harness;
  const logLines: string[] = [];
  const counts = async () => {
    const [users, activities, claims] = await Promise.all(
      ['users', 'activities', 'claims'].map(async (table) =>
        Number((await db.knex(table).count({ n: '*' }).first())?.n ?? 0),
      ),
    );
    return { users, activities, claims };
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedAccount(db.knex, {
      name: 'Northwind Traders Ltd',
      items: [{ number: 'N-1', dueDate: '2026-10-10', totalMinor: 8_600_000 }],
    });
    await assessSeeded(db.knex);
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    slack = await startHarness(db, 10, { log: createLogger({ level: 'warn', format: 'json', destination }) });
  });
  afterAll(async () => {
    await slack?.close();
    await db?.close();
  });

  it.each(HOSTILE)(
    'refuses $name with $status, says why, logs it without the body and writes nothing',
    async (c) => {
      const before = await counts();
      logLines.length = 0;
      slack.reset();
      const res = await slack.post(c.body(), c.type ?? FORM, c.sign?.() ?? {});
      const text = await res.text();
      expect(res.status).toBe(c.status);
      if (c.reason) expect(text).toMatch(c.reason);
      expect(text.length).toBeLessThan(200);
      expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
      expect(await counts()).toEqual(before);
      expect(slack.api).toEqual([]);
      expect(slack.responses).toEqual([]);
      const warning = logLines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.level === 40);
      expect(warning?.msg).toBe('slack: request refused');
      expect(JSON.stringify(logLines)).not.toContain('UUUUUUUUUU');
      expect(JSON.stringify(logLines)).not.toContain('xxxxxxxxxx');
    },
  );

  it('still serves a valid /overdue after all of them, and a signed request from 4 minutes ahead', async () => {
    for (const sign of [{}, { timestamp: String(now() + 240) }]) {
      slack.reset();
      const res = await slack.post(slashForm('').toString(), FORM, sign);
      expect(res.status).toBe(200);
      expect(JSON.stringify(slack.responses[0]?.body)).toContain('Northwind Traders Ltd');
    }
  });

  it('answers Slack’s unsigned SSL check and ignores anything smuggled beside it', async () => {
    const before = await counts();
    slack.reset();
    const res = await slack.post(`ssl_check=1&${slashForm('').toString()}`, FORM, { omit: 'signature' });
    expect(res.status).toBe(200);
    expect(slack.responses).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});
