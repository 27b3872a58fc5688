import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db.ts';
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { notice } from '../../src/views/notices.ts';
import { failureText, type Failure } from '../../src/worklist/outcome.ts';
import { createPaymentPlan } from '../../src/worklist/plans.ts';
import { setRole } from '../../src/worklist/staff.ts';
import { backends, openTestDatabase } from '../support/databases.ts';
import { seedAccount, seedStaff } from '../support/seed.ts';
import { pseudoT, strayEnglish } from '../support/view-locales.ts';

/** A refusal as a reader sees it: the sentence, then each field's message. */
function said(t: Translator, failure: Failure): string {
  return [failureText(t, failure), ...Object.values(failure.fields ?? {})].join('\n');
}

/**
 * Issue 20: refusals no chat command reaches today (a payment plan agreed in one step, a role set for a
 * staff user who is gone, the last manager) are catalog messages, said in the reader's language by the
 * caller like the claims' and promises' refusals; their English stays the message for logs and programs.
 */
describe.each(backends())('worklist refusals in the reader’s language (%s)', (kind) => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each([
    [
      'zh-CN',
      '该账户没有 CNY 未结款项可列入付款计划。',
      { installments: '1 到 24 之间的整数', firstDate: '今天（2026-11-22）或以后' },
      '没有未结的 CNY 发票',
    ],
    [
      'zh-TW',
      '此帳戶沒有 CNY 未結款項可列入付款計畫。',
      { installments: '1 到 24 之間的整數', firstDate: '今天（2026-11-22）或以後' },
      '沒有未結的 CNY 發票',
    ],
  ] as const)(
    'a payment plan refused in %s, writing nothing',
    async (locale, nothingOpen, fields, noOpen) => {
      const t = translator(locale);
      const ann = await seedStaff(db.knex, `Ann ${locale}`);
      const { accountId } = await seedAccount(db.knex, {
        items: [{ dueDate: '2026-09-01', totalMinor: 100_000 }],
      });
      const plan = (input: { currency: string; firstDate: string; installments?: number }, tr = t) =>
        createPaymentPlan(db.knex, ann, accountId, input, '2026-11-22', tr);

      const bad = await plan({ currency: 'CNY', firstDate: '2026-01-01', installments: 0 });
      expect(bad.ok).toBe(false);
      if (bad.ok) return;
      expect(bad.error.fields).toEqual(fields);
      expect(bad.error.message).toBe('The plan has invalid fields.'); // English for logs and programs
      expect(failureText(t, bad.error)).toBe(t.t('plan.invalid'));

      const none = await plan({ currency: 'USD', firstDate: '2026-12-01' });
      expect(none.ok).toBe(false);
      if (none.ok) return;
      expect(failureText(t, none.error)).toBe(nothingOpen.replace('CNY', 'USD'));
      expect(none.error.fields).toEqual({ currency: noOpen.replace('CNY', 'USD') });
      expect(none.error.message).toBe('This account has nothing open in USD to put on a plan.');
      const plans = await db.knex('payment_plans').where({ customer_id: accountId }).select('id');
      expect(plans).toEqual([]);

      // In the pseudo-locale nothing of ours is left in English.
      const pseudo = [
        await plan({ currency: 'CNY', firstDate: '2026-01-01', installments: 99 }, pseudoT()),
        await plan({ currency: 'USD', firstDate: '2026-12-01' }, pseudoT()),
      ].flatMap((r) => (r.ok ? [] : [said(pseudoT(), r.error)]));
      expect(pseudo).toHaveLength(2);
      expect(strayEnglish(notice(pseudo.join('\n')), ['CNY USD'], { placeholders: true })).toEqual([]);
    },
  );

  it.each([
    ['zh-CN', '员工用户 #987654321 不存在。', '您是最后一位经理'],
    ['zh-TW', '員工使用者 #987654321 不存在。', '您是最後一位經理'],
  ] as const)('a role change refused in %s', async (locale, noStaff, lastManager) => {
    const t = translator(locale);
    const boss = await seedStaff(db.knex, `Boss ${locale}`, 'manager');
    // Every other manager of this database becomes a collector: the boss is the last one.
    await db
      .knex('users')
      .whereNot({ id: boss.userId })
      .where({ role: 'manager' })
      .update({ role: 'collector' });
    const gone = await setRole(db.knex, boss, 987_654_321, 'sales');
    expect(gone.ok).toBe(false);
    if (gone.ok) return;
    expect(gone.error.code).toBe('not_found');
    expect(gone.error.message).toBe('There is no staff user #987654321.');
    expect(failureText(t, gone.error)).toBe(t.t('role.noStaff', { id: '987654321' }));
    expect(failureText(t, gone.error)).toContain(noStaff);

    const last = await setRole(db.knex, boss, boss.userId, 'collector');
    expect(last.ok).toBe(false);
    if (last.ok) return;
    expect(last.error.code).toBe('conflict');
    expect(last.error.message).toMatch(/^You are the last manager; make someone else a manager first/);
    expect(failureText(t, last.error)).toContain(lastManager);
    expect((await db.knex('users').where({ id: boss.userId }).first('role')).role).toBe('manager');

    const pseudo = [gone, last].flatMap((r) => (r.ok ? [] : [said(pseudoT(), r.error)]));
    expect(strayEnglish(notice(pseudo.join('\n')), [boss.name], { placeholders: true })).toEqual([]);
  });
});
