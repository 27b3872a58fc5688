import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/collections/dates.ts';
import type { AlertSettings } from '../../src/config.ts';
import type { Database } from '../../src/db.ts';
import { checkAlerts } from '../../src/jobs/alerts.ts';
import { withGeneratedFiles } from '../../src/reports/agenda-file.ts';
import { baselineAlertView, type BaselineLine } from '../../src/views/alerts.ts';
import { backends, openTestDatabase } from '../support/databases.ts';

/**
 * PB-07 at scale: the alert check finds, records and summarises crossings in SQL (one statement, a table of
 * the check's own) instead of loading every crossing into the process. On generated ledgers it must give
 * what the in-memory computation it replaced gave: the same crossings opened and closed, the same overview
 * (count and amount per currency, the most overdue accounts) and every crossing in the file.
 */
const today = '2026-12-01';
const ACCOUNTS = 8;

interface GenItem {
  account: number;
  currency: 'CNY' | 'USD' | 'JPY';
  daysOverdue: number; // negative: not yet due
  openMinor: number;
  disputed: boolean;
}

const genItem: fc.Arbitrary<GenItem> = fc.record({
  account: fc.integer({ min: 0, max: ACCOUNTS - 1 }),
  currency: fc.constantFrom('CNY', 'CNY', 'USD', 'JPY'),
  daysOverdue: fc.integer({ min: -20, max: 120 }),
  openMinor: fc.integer({ min: 0, max: 3000 }),
  disputed: fc.boolean().map((b) => b && Math.random() < 0.3),
});

interface Subject {
  kind: 'account' | 'invoice';
  accountId: number;
  openItemId: number | null;
  currency: string;
  amountMinor: number;
  thresholdMinor: number;
  daysOverdue: number;
}

const key = (s: { kind: string; accountId: number; openItemId: number | null; currency: string }) =>
  `${s.kind}:${s.accountId}:${s.openItemId ?? 0}:${s.currency}`;

/** The computation the check used to do in the process: the subjects above a threshold right now. */
function subjectsOf(
  items: (GenItem & { id: number; accountId: number })[],
  settings: AlertSettings,
): Subject[] {
  const out: Subject[] = [];
  const sums = new Map<string, Subject>();
  for (const i of items) {
    const major = settings.thresholds[i.currency];
    if (major === undefined || i.openMinor <= 0 || i.disputed || i.daysOverdue < settings.minDaysOverdue)
      continue;
    const threshold = Math.round(major * 100);
    const k = `${i.accountId}|${i.currency}`;
    const s = sums.get(k) ?? {
      kind: 'account' as const,
      accountId: i.accountId,
      openItemId: null,
      currency: i.currency,
      amountMinor: 0,
      thresholdMinor: threshold,
      daysOverdue: i.daysOverdue,
    };
    s.amountMinor += i.openMinor;
    s.daysOverdue = Math.max(s.daysOverdue, i.daysOverdue);
    sums.set(k, s);
    if (i.openMinor >= threshold)
      out.push({
        kind: 'invoice',
        accountId: i.accountId,
        openItemId: i.id,
        currency: i.currency,
        amountMinor: i.openMinor,
        thresholdMinor: threshold,
        daysOverdue: i.daysOverdue,
      });
  }
  return [...out, ...[...sums.values()].filter((s) => s.amountMinor >= s.thresholdMinor)];
}

/** The old overview's lines: each account and currency once, its account crossing, else its largest invoice. */
function overviewLines(opened: Subject[], names: Map<number, string>): BaselineLine[] {
  const per = new Map<string, Subject>();
  for (const s of opened) {
    const id = `${s.accountId}|${s.currency}`;
    const seen = per.get(id);
    if (!seen || (seen.kind === 'invoice' && (s.kind === 'account' || s.amountMinor > seen.amountMinor)))
      per.set(id, s);
  }
  return [...per.values()].map((a) => ({
    accountId: a.accountId,
    customerName: names.get(a.accountId) ?? '',
    amountMinor: a.amountMinor,
    currency: a.currency,
    daysOverdue: a.daysOverdue,
  }));
}

async function writeItems(
  db: Knex,
  accounts: number[],
  items: GenItem[],
): Promise<(GenItem & { id: number; accountId: number })[]> {
  await db('alert_crossings').delete();
  await db('alert_baseline').delete();
  await db('dispute_items').delete();
  await db('disputes').delete();
  await db('open_items').delete();
  if (items.length === 0) return [];
  // Distinct amounts: the largest invoice of an account is never a tie.
  const amounts = items.map((g, n) => (g.openMinor === 0 ? 0 : g.openMinor * 100 + n));
  const rows: { id: string | number }[] = await db('open_items')
    .insert(
      items.map((g, n) => ({
        external_id: `G-${n}`,
        customer_id: accounts[g.account] ?? 0,
        invoice_number: `INV-${n}`,
        issue_date: addDays(today, -g.daysOverdue - 30),
        due_date: addDays(today, -g.daysOverdue),
        total_minor: 1_000_000,
        open_minor: amounts[n] ?? 0,
        currency: g.currency,
        ledger_updated_at: new Date('2026-11-01T00:00:00Z'),
      })),
    )
    .returning('id');
  const out = items.map((g, n) => ({
    ...g,
    openMinor: amounts[n] ?? 0,
    id: Number(rows[n]?.id),
    accountId: accounts[g.account] ?? 0,
  }));
  for (const i of out.filter((x) => x.disputed)) {
    const [d] = await db('disputes')
      .insert({ customer_id: i.accountId, reason: 'generated' })
      .returning('id');
    await db('dispute_items').insert({ dispute_id: d.id, open_item_id: i.id, active: true });
  }
  return out;
}

async function crossingRows(db: Knex, open: boolean): Promise<string[]> {
  const rows: Record<string, unknown>[] = await db('alert_crossings')
    .modify((q) => (open ? q.whereNull('recovered_at') : q.whereNotNull('recovered_at')))
    .select();
  return rows
    .map(
      (r) =>
        `${key({
          kind: String(r.kind),
          accountId: Number(r.customer_id),
          openItemId: r.open_item_id === null ? null : Number(r.open_item_id),
          currency: String(r.currency).trim(),
        })}=${Number(r.amount_minor)}/${Number(r.threshold_minor)}/${Number(r.days_overdue)}`,
    )
    .sort();
}

const described = (s: Subject) => `${key(s)}=${s.amountMinor}/${s.thresholdMinor}/${s.daysOverdue}`;

describe.each(backends())('the alert check in SQL equals the in-memory computation on %s (PB-07)', (kind) => {
  let db: Database;
  const accounts: number[] = [];
  const names = new Map<number, string>();
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    for (let i = 0; i < ACCOUNTS; i++) {
      const name = i === 3 ? '=HYPERLINK("x")' : `Account ${i}, "ltd"`;
      const [row] = await db
        .knex('customers')
        .insert({ external_id: `A-${i}`, name, contact_email: 'ap@example.com' })
        .returning('id');
      accounts.push(Number(row.id));
      names.set(Number(row.id), name);
    }
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('opens, closes and summarises the same crossings on generated ledgers, first check and later', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(genItem, { minLength: 0, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 30, maxLength: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom(5, 20, 40),
        async (items, changes, minDaysOverdue, threshold) => {
          const settings: AlertSettings = {
            thresholds: { CNY: threshold * 10, USD: threshold * 5 },
            minDaysOverdue,
            jumpPercent: 0,
          };
          const written = await writeItems(db.knex, accounts, items);
          const ctx = { db: db.knex, today, timeZone: 'UTC', settings };

          // The first check: everything above a threshold is opened and listed in one overview.
          const first = subjectsOf(written, settings);
          const posts = await checkAlerts(ctx);
          expect(await crossingRows(db.knex, true)).toEqual(first.map(described).sort());
          if (first.length === 0) expect(posts).toEqual([]);
          else {
            expect(posts).toHaveLength(1);
            const post = posts[0];
            expect(post?.key).toBe('alert:baseline');
            // The file is named in the post and made when the outbox delivers it.
            const named = post?.message.generatedFiles?.[0];
            expect(named !== undefined).toBe(first.length > 15);
            const expected = baselineAlertView(overviewLines(first, names), named ? { file: named } : {});
            expect(post?.message.blocks).toEqual(expected.blocks);
            if (named && post) {
              const file = (await withGeneratedFiles(db.knex, post.message)).files?.[0];
              const lines = Buffer.from(file?.data ?? [])
                .toString('utf8')
                .replace(/^\ufeff/, '')
                .trimEnd()
                .split('\r\n');
              expect(lines.slice(1)).toHaveLength(first.length);
              const days = lines.slice(1).map((l) => Number(l.split(',').at(-1)));
              expect(days).toEqual([...days].sort((a, b) => b - a));
              const ids = new Set(lines.slice(1).map((l) => Number(l.split(',')[0])));
              expect(ids).toEqual(new Set(first.map((s) => s.accountId)));
            }
          }

          // Later: amounts change (paid, paid in part, raised, untouched); crossings that fell below close,
          // new ones open, and those still above stay as they were.
          const after = written.map((i, n) => {
            const change = changes[n] ?? 0;
            const openMinor =
              change === 1
                ? 0
                : change === 2
                  ? Math.floor(i.openMinor / 3)
                  : change === 3
                    ? i.openMinor * 2
                    : i.openMinor;
            return { ...i, openMinor };
          });
          for (const i of after)
            await db.knex('open_items').where({ id: i.id }).update({ open_minor: i.openMinor });
          const now = subjectsOf(after, settings);
          const before = new Set(first.map(key));
          const still = new Set(now.map(key));
          const later = await checkAlerts(ctx);
          expect(await crossingRows(db.knex, false)).toEqual(
            first
              .filter((s) => !still.has(key(s)))
              .map(described)
              .sort(),
          );
          const opened = now.filter((s) => !before.has(key(s)));
          expect(await crossingRows(db.knex, true)).toEqual(
            [...first.filter((s) => still.has(key(s))), ...opened].map(described).sort(),
          );
          // Up to 50 accounts: one alert per account with new crossings.
          expect(later.map((p) => p.key.split(':')[1])).toEqual(
            [...new Set(opened.map((s) => s.accountId))].map(() => 'crossing'),
          );
        },
      ),
      { numRuns: 20 },
    );
  }, 300_000);
});
