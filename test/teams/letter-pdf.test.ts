/**
 * The letter copy in a Teams account thread (issue 6): an Adaptive Card with the PDF's name and size and
 * an "Open PDF" button to a signed, expiring link served by duebot itself on the /api/messages server.
 * The SMTP server is real (the bytes served must be those the customer got); Microsoft is nock'd.
 */
import { translator } from '../../src/i18n/translate.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../src/clock.ts';
import { encodeRef } from '../../src/views/action-ref.ts';
import { defaultLetterConfig, type LetterConfig } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { createTeamsChatOut } from '../../adapters/teams/chat-out.ts';
import { createLetterPdfHandler } from '../../adapters/teams/letter-pdf.ts';
import { silentLog } from '../jobs/support.ts';
import { uncertainNoticeKey } from '../../src/jobs/letter-check.ts';
import { findLetter } from '../../src/letters/letter-log.ts';
import { letterLink } from '../../src/letters/letter-links.ts';
import { uncertainLetterNotice } from '../../src/views/uncertain-letter.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedLetterAccount } from '../letters/support/accounts.ts';
import { startSmtp, type TestSmtp } from '../letters/support/smtp.ts';
import { botAdded, execute, task } from './support/activities.ts';
import { cardProblems, cardsOf } from './support/card-check.ts';
import { CHANNEL, type Harness, startHarness } from './support/harness.ts';

type Json = Record<string, unknown>;
const NOW = '2026-11-22T03:00:00Z';
const SECRET = 'test-link-secret-0123456789abcdefghijklmnop';

/** Every node of a card (body and nested containers and action sets), depth first. */
function nodes(value: unknown): Json[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Json;
  return [node, ...Object.values(node).flatMap(nodes)];
}

describe.each(backends())('Teams letter PDFs on %s', (kind) => {
  let db: Database;
  let smtp: TestSmtp;
  let teams: Harness;
  let bare: Harness;
  const clock = createFixedClock(NOW, 'Asia/Shanghai');
  let letters: LetterConfig;

  const account = (name: string) =>
    seedLetterAccount(db.knex, name, {
      items: [{ number: `${name.slice(0, 3)}-1`, dueDate: '2026-10-10', totalMinor: 8_600_000 }],
    });

  /** Opens the Send letter dialog for the reminder, as Teams does; returns what its Send button submits. */
  const openLetterDialog = async (server: Harness, accountId: number): Promise<Json> => {
    const opened = await server.post(
      task('fetch', {
        ref: encodeRef({ v: 1, action: 'letter', accountId, template: 'reminder' }),
        msteams: { type: 'task/fetch' },
      }),
    );
    type Dialog = { task: { value: { card: { content: Json } } } };
    const chooser = ((await opened.json()) as Dialog).task.value.card.content;
    // The chooser comes first (the same on every platform); choosing answers with the preview.
    const choice = ((chooser.actions as Json[])[0]?.data ?? {}) as Json;
    const previewed = await server.post(task('submit', { ...choice, template: 'reminder' }));
    const card = ((await previewed.json()) as Dialog).task.value.card.content;
    return ((card.actions as Json[])[0]?.data ?? {}) as Json;
  };

  /** Opens Send letter in the channel and presses Send, as Teams does; returns the thread post's card. */
  const sendFromChannel = async (server: Harness, accountId: number): Promise<Json> => {
    const data = await openLetterDialog(server, accountId);
    server.reset();
    const submitted = await server.post(task('submit', data, 'ann', { in: 'channel' }));
    expect(submitted.status).toBe(200);
    const post = server.calls.find(
      (c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/${CHANNEL};messageid=`),
    );
    const posted = cardsOf(post?.body)[0];
    if (!posted) throw new Error(`no letter copy posted: ${JSON.stringify(server.calls)}`);
    return posted;
  };

  const openPdfUrl = (card: Json) => {
    const open = nodes(card.body).find((n) => n.type === 'Action.OpenUrl');
    return open ? String(open.url) : null;
  };
  /** The link's path and query on the test server (the public address is a reverse proxy's). */
  const local = (server: Harness, link: string) => {
    const u = new URL(link);
    return `${server.url}${u.pathname}${u.search}`;
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    smtp = await startSmtp();
    letters = {
      ...defaultLetterConfig,
      smtpUrl: smtp.url,
      from: 'Acme AR <ar@acme.example>',
      company: { ...defaultLetterConfig.company, name: 'Acme Trading GmbH' },
      links: { publicUrl: 'https://duebot.acme.example', secret: SECRET, days: 30 },
    };
    teams = await startHarness(db, {}, '127.0.0.1', { clock, letters });
  });
  afterAll(async () => {
    if (!bare) await teams?.close();
    await bare?.close();
    await smtp?.close();
    await db?.close();
  });
  beforeEach(() => {
    clock.set(NOW);
    smtp.received.length = 0;
    teams.reset();
  });

  it('posts the copy with the file name, size and an Open PDF link that serves exactly the e-mailed PDF', async () => {
    const id = await account('Contoso Pharmaceuticals');
    const card = await sendFromChannel(teams, id);
    expect(cardProblems(card)).toEqual([]);
    const text = JSON.stringify(card.body);
    expect(text).toMatch(/-reminder-2026-11-22\.pdf/);
    expect(text).toMatch(/PDF · \d+ KB · link valid until 22 Dec 2026/);
    const link = openPdfUrl(card);
    expect(link).toMatch(
      /^https:\/\/duebot\.acme\.example\/letters\/\d+\.pdf\?expires=\d+&sig=[A-Za-z0-9_-]{43}$/,
    );

    expect(smtp.received).toHaveLength(1);
    const attachment = smtp.received[0]?.mail.attachments[0];
    const res = await fetch(local(teams, link ?? ''));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('-reminder-2026-11-22.pdf');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const served = Buffer.from(await res.arrayBuffer());
    expect(served.equals(Buffer.from(attachment?.content ?? []))).toBe(true);
    expect(text).toContain(`${Math.round(served.length / 1024)} KB`);
  });

  it('refuses tampered, unsigned and expired links without a file, and says when a letter has none', async () => {
    const id = await account('Fabrikam Inc');
    const link = openPdfUrl(await sendFromChannel(teams, id)) ?? '';
    const u = new URL(link);
    const letterId = Number(/\/letters\/(\d+)\.pdf/.exec(u.pathname)?.[1]);
    const expires = Number(u.searchParams.get('expires'));
    const sig = u.searchParams.get('sig') ?? '';
    const get = async (path: string) => {
      const res = await fetch(`${teams.url}${path}`);
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };

    const otherLetter = await get(`/letters/${letterId + 1}.pdf?expires=${expires}&sig=${sig}`);
    expect(otherLetter.status).toBe(403);
    expect(otherLetter.type).toMatch(/^text\/plain/);
    expect(otherLetter.body).toMatch(/signature does not match/);
    const longer = await get(`/letters/${letterId}.pdf?expires=${expires + 86_400}&sig=${sig}`);
    expect(longer.status).toBe(403);
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect((await get(`/letters/${letterId}.pdf?expires=${expires}&sig=${flipped}`)).status).toBe(403);
    const unsigned = await get(`/letters/${letterId}.pdf?expires=${expires}`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toMatch(/incomplete/);
    expect((await get(`/letters/${letterId}.pdf`)).status).toBe(403);

    clock.set(new Date(expires * 1000 + 1000));
    const expired = await get(u.pathname + u.search);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatch(/expired on 22 Dec 2026/);
    expect(expired.type).toMatch(/^text\/plain/);

    clock.set(NOW);
    const unknown = letterLink(letters.links, 987_654, clock.now());
    if (!('url' in unknown)) throw new Error('expected a link');
    const missing = await get(new URL(unknown.url).pathname + new URL(unknown.url).search);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatch(/Letter #987654 has no stored PDF/);
  });

  it('refuses in the language the browser asks for, else the company’s (DUEBOT_LOCALE)', async () => {
    const id = await account('Fabrikam Lang Ltd');
    const link = new URL(openPdfUrl(await sendFromChannel(teams, id)) ?? '');
    const letterId = Number(/\/letters\/(\d+)\.pdf/.exec(link.pathname)?.[1]);
    const expires = Number(link.searchParams.get('expires'));
    const sig = link.searchParams.get('sig') ?? '';
    const ask = async (server: string, path: string, language?: string) => {
      const res = await fetch(
        `${server}${path}`,
        language ? { headers: { 'accept-language': language } } : {},
      );
      return { status: res.status, language: res.headers.get('content-language'), body: await res.text() };
    };
    const forged = `/letters/${letterId + 1}.pdf?expires=${expires}&sig=${sig}`;

    // The company speaks English here: a Taiwanese browser reads traditional, a mainland one simplified.
    const tw = await ask(teams.url, forged, 'zh-TW,zh;q=0.9,en-US;q=0.8');
    expect(tw).toMatchObject({ status: 403, language: 'zh-TW' });
    expect(tw.body).toContain('簽章不符');
    const cn = await ask(teams.url, forged, 'fr-FR, zh-Hans-CN;q=0.7, en;q=0.5');
    expect(cn).toMatchObject({ status: 403, language: 'zh-CN' });
    expect(cn.body).toContain('签名不符');
    const declined = await ask(teams.url, forged, 'zh-TW;q=0, en;q=0.4');
    expect(declined).toMatchObject({ status: 403, language: 'en' });
    expect(declined.body).toMatch(/signature does not match/);
    clock.set(new Date(expires * 1000 + 1000));
    const expired = await ask(teams.url, link.pathname + link.search, 'zh-CN');
    expect(expired.status).toBe(410);
    expect(expired.body).toBe(
      `此链接已于 2026年12月22日 过期。请同事从 duebot 获取函件 #${letterId}（duebot letter pdf ${letterId}）。\n`,
    );
    clock.set(NOW);

    // A company whose DUEBOT_LOCALE is zh-TW: a browser asking for no language duebot speaks reads that.
    const server = createServer(
      createLetterPdfHandler({
        db: db.knex,
        links: letters.links,
        clock,
        log: silentLog,
        language: { locale: 'zh-TW', channels: {}, largeUnits: false },
      }),
    );
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      const base = `http://127.0.0.1:${port}`;
      for (const language of [undefined, 'fr-FR,de;q=0.5', '*']) {
        const answer = await ask(base, forged, language);
        expect(answer, String(language)).toMatchObject({ status: 403, language: 'zh-TW' });
        expect(answer.body).toContain('簽章不符');
      }
      const english = await ask(base, `/letters/987654.pdf?expires=${expires}&sig=${sig}`, 'en-GB');
      expect(english).toMatchObject({ status: 403, language: 'en' });
      expect((await ask(base, '/letters/x.pdf', 'zh-CN')).body).toBe('没有这个函件文件。\n');
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('in a personal chat also offers the PDF as a file and uploads exactly the e-mailed bytes on Allow', async () => {
    const id = await account('Litware Personal Ltd');
    const data = await openLetterDialog(teams, id);
    teams.reset();
    expect((await teams.post(task('submit', data, 'ann', { in: 'personal' }))).status).toBe(200);
    const offerCall = teams.calls.find((c) =>
      JSON.stringify(c.body).includes('application/vnd.microsoft.teams.card.file.consent'),
    );
    const offer = (offerCall?.body.attachments as Json[] | undefined)?.[0];
    expect(offer?.name).toMatch(/-reminder-2026-11-22\.pdf$/);
    const content = offer?.content as { sizeInBytes: number; acceptContext: Json };
    const emailed = Buffer.from(smtp.received[0]?.mail.attachments[0]?.content ?? []);
    expect(content.sizeInBytes).toBe(emailed.length);

    const uploads: string[] = [];
    nock('https://upload.test')
      .persist()
      .put('/drive/letter.pdf')
      .reply(function (_uri, body) {
        uploads.push(typeof body === 'string' ? body : JSON.stringify(body));
        return [201, { id: 'drive-item' }];
      });
    const consent = (context: Json) => ({
      ...task('submit', {}, 'ann', { in: 'personal' }),
      name: 'fileConsent/invoke',
      value: {
        type: 'fileUpload',
        action: 'accept',
        context,
        uploadInfo: {
          name: String(offer?.name),
          uploadUrl: 'https://upload.test/drive/letter.pdf',
          contentUrl: 'https://contoso.sharepoint.test/personal/ann/letter.pdf',
          uniqueId: 'u-1',
          fileType: 'pdf',
        },
      },
    });
    teams.reset();
    const forged = await teams.post(
      consent({ ...content.acceptContext, letterId: Number(content.acceptContext.letterId) + 1 }),
    );
    expect(forged.status).toBe(200);
    expect(uploads).toHaveLength(0);
    expect(JSON.stringify(teams.calls)).toContain('not valid any more; nothing was uploaded');

    teams.reset();
    const accepted = await teams.post(consent(content.acceptContext));
    expect(accepted.status).toBe(200);
    expect(uploads).toHaveLength(1);
    expect(Buffer.from(uploads[0] ?? '', 'hex').equals(emailed)).toBe(true);
    const info = teams.calls.find((c) =>
      JSON.stringify(c.body).includes('application/vnd.microsoft.teams.card.file.info'),
    );
    expect((info?.body.attachments as Json[])[0]).toMatchObject({
      contentUrl: 'https://contoso.sharepoint.test/personal/ann/letter.pdf',
      content: { uniqueId: 'u-1', fileType: 'pdf' },
    });
  });

  it('tells the requester in their Teams chat about an uncertain letter, and Mark as sent works from the card', async () => {
    const id = await account('Adventure Works Cycles');
    await sendFromChannel(teams, id);
    await teams.post(botAdded({ in: 'personal' }, 'ann'));
    const row = await db.knex('letters').where({ customer_id: id }).first('id');
    // The state the letter check leaves after a crash (test/letters/uncertain.test.ts reproduces the crash).
    await db.knex('letters').where({ id: row.id }).update({ status: 'uncertain' });
    const letter = await findLetter(db.knex, Number(row.id));
    if (!letter) throw new Error('no letter');
    const user = await db.knex('users').where({ platform: 'teams', display_name: 'Ann' }).first('id');
    const out = createTeamsChatOut({ db: db.knex, proactive: teams.app.proactive, files: teams.app.files });
    teams.reset();
    await out.post(
      { kind: 'user', userId: Number(user.id) },
      uncertainLetterNotice(letter, 'Adventure Works Cycles', 'Asia/Shanghai', translator('en')),
      { key: uncertainNoticeKey(letter.id, letter.attempts) },
    );
    expect(teams.calls[0]?.path).toBe('/v3/conversations/a:chat-ann/activities');
    const card = cardsOf(teams.calls[0]?.body)[0] as Json;
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card.body)).toContain(String(letter.messageId));
    const actions = nodes(card.body).filter((n) => n.type === 'Action.Execute');
    expect(actions.map((a) => a.title)).toEqual(['Mark as sent']);
    // Send again asks first: it opens the confirm step as a dialog.
    const again = nodes(card.body).find((n) => n.title === 'Send again');
    expect(again).toMatchObject({ type: 'Action.Submit', data: { msteams: { type: 'task/fetch' } } });

    teams.reset();
    const mark = String((actions[0]?.data as Json).ref);
    const res = await teams.post(execute(mark, 'ann', 'notice-1', { in: 'personal' }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).statusCode).toBe(200);
    expect(await db.knex('letters').where({ id: letter.id }).first('status')).toEqual({ status: 'sent' });
    expect(JSON.stringify(teams.calls)).toContain('marked it as sent');
    expect(smtp.received).toHaveLength(1); // the letter's own e-mail only
  });

  it('without DUEBOT_PUBLIC_URL says where the PDF is instead of drawing a broken link', async () => {
    await teams.close(); // one intercepted connector at a time
    bare = await startHarness(db, {}, '127.0.0.1', {
      clock,
      letters: { ...letters, links: { publicUrl: undefined, secret: SECRET, days: 30 } },
    });
    const id = await account('Northwind Bare Ltd');
    const card = await sendFromChannel(bare, id);
    expect(cardProblems(card)).toEqual([]);
    expect(openPdfUrl(card)).toBeNull();
    const text = JSON.stringify(card.body);
    expect(text).toMatch(/-reminder-2026-11-22\.pdf/);
    expect(text).toMatch(/DUEBOT_PUBLIC_URL \(duebot’s https address\) is not set/);
    expect(text).toMatch(/duebot letter pdf \d+ --out letter\.pdf/);
    expect(nodes(card.body).some((n) => typeof n.url === 'string')).toBe(false);
    const res = await fetch(`${bare.url}/letters/1.pdf?expires=9999999999&sig=${'a'.repeat(43)}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/not enabled on this duebot/);
    const zh = await fetch(`${bare.url}/letters/1.pdf`, { headers: { 'accept-language': 'zh-CN' } });
    expect(zh.status).toBe(404);
    expect(await zh.text()).toBe('此 duebot 未启用函件链接（未设置 DUEBOT_PUBLIC_URL）。\n');
  });
});
