/**
 * An Odoo 17/18-shaped accounting database for the odoo preset: the tables and columns the preset reads,
 * with Odoo's names and PostgreSQL types (ids int4, monetary fields numeric, write_date naive UTC
 * timestamps, as addons/account and base define them), in a database of its own on the real server.
 *
 * Company 1 (CNY) and company 2 (HKD). Company 1's customer invoices:
 * - INV/2026/00001: 1,000 CNY in two installments of 500 (due 10-31 and 11-30), the first paid 10-28;
 * - INV/2026/00002: 800 CNY, 300 paid 11-05 by a reconcile that moved neither the invoice nor its line;
 *   2% early-payment discount until 10-15 (PB-18);
 * - INV/2026/00003: 600 CNY, paid in full 11-10;
 * - INV/2026/00004: 400 CNY, credit note RINV/2026/00001 of 150 applied;
 * - INV/2026/00005: 300 CNY, credit note RINV/2026/00002 of 100 not applied;
 * - a draft (name '/') and a cancelled invoice INV/2026/00006;
 * - INV/2026/00007: 1,000 EUR (7,800 CNY in the company's books) to a German customer.
 * Company 2: INV/2026/00001, 2,000 HKD.
 */
import type { Knex } from 'knex';
import { knexForPostgres } from '../../src/db.ts';
import { createServerDatabase, type ServerDatabase } from './databases.ts';

export const ODOO_SCHEMA = `
CREATE TABLE res_currency (id serial PRIMARY KEY, name varchar NOT NULL, symbol varchar, active boolean);
CREATE TABLE res_company (id serial PRIMARY KEY, name varchar NOT NULL, currency_id int4 NOT NULL,
  write_date timestamp);
CREATE TABLE res_partner (id serial PRIMARY KEY, name varchar, company_id int4, parent_id int4,
  commercial_partner_id int4, type varchar, email varchar, phone varchar, mobile varchar, lang varchar,
  tz varchar, active boolean, is_company boolean, write_date timestamp);
CREATE TABLE res_users (id serial PRIMARY KEY, login varchar NOT NULL, partner_id int4 NOT NULL,
  company_id int4 NOT NULL, active boolean, write_date timestamp);
CREATE TABLE account_move (id serial PRIMARY KEY, name varchar, move_type varchar NOT NULL,
  state varchar NOT NULL, partner_id int4, commercial_partner_id int4, invoice_date date,
  invoice_date_due date, currency_id int4 NOT NULL, amount_total numeric, amount_residual numeric,
  amount_residual_signed numeric, payment_state varchar, invoice_user_id int4, company_id int4 NOT NULL,
  posted_before boolean, create_date timestamp, write_date timestamp);
CREATE TABLE account_move_line (id serial PRIMARY KEY, move_id int4 NOT NULL, move_name varchar,
  partner_id int4, company_id int4, currency_id int4 NOT NULL, display_type varchar, date_maturity date,
  amount_currency numeric, amount_residual numeric, amount_residual_currency numeric, balance numeric,
  debit numeric, credit numeric, reconciled boolean, parent_state varchar, discount_date date,
  discount_amount_currency numeric, create_date timestamp, write_date timestamp);
CREATE TABLE account_partial_reconcile (id serial PRIMARY KEY, debit_move_id int4 NOT NULL,
  credit_move_id int4 NOT NULL, amount numeric, debit_amount_currency numeric,
  credit_amount_currency numeric, max_date date NOT NULL, company_id int4, create_date timestamp,
  write_date timestamp);
CREATE INDEX res_partner_parent_id_index ON res_partner (parent_id);
CREATE INDEX res_partner_commercial_partner_id_index ON res_partner (commercial_partner_id);
CREATE INDEX account_move_line_move_id_index ON account_move_line (move_id);
CREATE INDEX account_partial_reconcile_debit_move_id_index ON account_partial_reconcile (debit_move_id);
`;

/** When the invoices were last written (naive UTC, as Odoo stores write_date). */
export const WRITTEN = '2026-11-12 09:00:00';

export interface OdooFixture {
  db: ServerDatabase;
  knex: Knex;
  /** Receivable line ids by name: `inv1a`, `inv1b`, `inv2` ... */
  lines: Record<string, number>;
  /** Pays `amount` of a receivable line on `date` the way Odoo does, the reconcile written at `at`. */
  pay(
    line: number,
    amount: number,
    date: string,
    at: string,
    options?: { touchLine?: boolean; credit?: number },
  ): Promise<void>;
  drop(): Promise<void>;
}

export async function createOdooFixture(): Promise<OdooFixture> {
  const db = await createServerDatabase({ template: null, prefix: 'duebot_odoo' });
  const knex = knexForPostgres(db.url, { min: 0, max: 2 });
  await knex.raw(ODOO_SCHEMA);
  const w = WRITTEN;
  const [cny, hkd, eur] = [1, 2, 3];
  await knex('res_currency').insert([
    { id: cny, name: 'CNY', symbol: '¥', active: true },
    { id: hkd, name: 'HKD', symbol: 'HK$', active: true },
    { id: eur, name: 'EUR', symbol: '€', active: true },
  ]);
  await knex('res_company').insert([
    { id: 1, name: 'Acme Shanghai', currency_id: cny, write_date: w },
    { id: 2, name: 'Acme Hong Kong', currency_id: hkd, write_date: w },
  ]);
  const partner = (id: number, name: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    commercial_partner_id: id,
    type: 'contact',
    active: true,
    is_company: true,
    write_date: w,
    ...extra,
  });
  await knex('res_partner').insert([
    partner(10, '上海远航贸易有限公司', {
      lang: 'zh_CN',
      tz: 'Asia/Shanghai',
      email: 'info@yuanhang.example',
      phone: '+86 21 5555 0100',
    }),
    // The company's invoice address: the contact duebot writes to.
    partner(11, '王芳', {
      parent_id: 10,
      commercial_partner_id: 10,
      type: 'invoice',
      is_company: false,
      email: 'wang.fang@yuanhang.example',
      phone: '',
      mobile: '+86 139 0000 0001',
    }),
    partner(20, 'Berliner Maschinenbau GmbH', {
      lang: 'en_US',
      email: 'ap@bmb.example',
      phone: '+49 30 1234',
    }),
    partner(30, '香港星河有限公司', { lang: 'zh_HK', company_id: 2 }),
    partner(90, 'Li Wei', { is_company: false }),
  ]);
  await knex('res_users').insert({ id: 2, login: 'li.wei', partner_id: 90, company_id: 1, active: true });

  const lines: Record<string, number> = {};
  let moveId = 100;
  let lineId = 1000;
  /** An invoice (or credit note) with its receivable lines, one per installment. */
  const move = async (m: {
    name: string;
    type?: 'out_invoice' | 'out_refund';
    state?: 'draft' | 'posted' | 'cancel';
    partner: number;
    commercial?: number;
    company?: number;
    currency?: number;
    rate?: number;
    date: string;
    /** `discount`: Odoo's early-payment discount of the line (PB-18): its last day and the amount to pay by then. */
    installments: { key: string; due: string; amount: number; discount?: { date: string; pay: number } }[];
  }) => {
    const id = ++moveId;
    const type = m.type ?? 'out_invoice';
    const sign = type === 'out_refund' ? -1 : 1;
    const total = m.installments.reduce((sum, i) => sum + i.amount, 0);
    const rate = m.rate ?? 1;
    const state = m.state ?? 'posted';
    await knex('account_move').insert({
      id,
      name: m.name,
      move_type: type,
      state,
      partner_id: m.partner,
      commercial_partner_id: m.commercial ?? m.partner,
      invoice_date: m.date,
      invoice_date_due: m.installments
        .map((i) => i.due)
        .sort()
        .at(-1),
      currency_id: m.currency ?? cny,
      amount_total: total,
      amount_residual: total,
      amount_residual_signed: sign * total * rate,
      payment_state: 'not_paid',
      invoice_user_id: 2,
      company_id: m.company ?? 1,
      posted_before: state !== 'draft',
      create_date: `${m.date} 08:00:00`,
      write_date: w,
    });
    for (const i of m.installments) {
      const id2 = ++lineId;
      lines[i.key] = id2;
      await knex('account_move_line').insert({
        id: id2,
        move_id: id,
        move_name: m.name,
        partner_id: m.commercial ?? m.partner,
        company_id: m.company ?? 1,
        currency_id: m.currency ?? cny,
        display_type: 'payment_term',
        date_maturity: i.due,
        amount_currency: sign * i.amount,
        amount_residual: sign * i.amount * rate,
        amount_residual_currency: sign * i.amount,
        balance: sign * i.amount * rate,
        debit: sign > 0 ? i.amount * rate : 0,
        credit: sign < 0 ? i.amount * rate : 0,
        reconciled: false,
        parent_state: state,
        discount_date: i.discount?.date ?? null,
        discount_amount_currency: i.discount ? sign * i.discount.pay : 0,
        create_date: `${m.date} 08:00:00`,
        write_date: w,
      });
    }
    return id;
  };

  await move({
    name: 'INV/2026/00001',
    partner: 10,
    date: '2026-10-01',
    installments: [
      { key: 'inv1a', due: '2026-10-31', amount: 500 },
      { key: 'inv1b', due: '2026-11-30', amount: 500 },
    ],
  });
  await move({
    name: 'INV/2026/00002',
    partner: 10,
    date: '2026-10-05',
    // Payment terms "2% within 10 days" (early_discount): pay 784 by 10-15.
    installments: [
      { key: 'inv2', due: '2026-11-04', amount: 800, discount: { date: '2026-10-15', pay: 784 } },
    ],
  });
  await move({
    name: 'INV/2026/00003',
    partner: 10,
    date: '2026-10-06',
    installments: [{ key: 'inv3', due: '2026-11-05', amount: 600 }],
  });
  await move({
    name: 'INV/2026/00004',
    partner: 10,
    date: '2026-10-07',
    installments: [{ key: 'inv4', due: '2026-11-06', amount: 400 }],
  });
  await move({
    name: 'RINV/2026/00001',
    type: 'out_refund',
    partner: 10,
    date: '2026-10-20',
    installments: [{ key: 'ref1', due: '2026-10-20', amount: 150 }],
  });
  await move({
    name: 'INV/2026/00005',
    partner: 10,
    date: '2026-10-08',
    installments: [{ key: 'inv5', due: '2026-11-07', amount: 300 }],
  });
  await move({
    name: 'RINV/2026/00002',
    type: 'out_refund',
    partner: 10,
    date: '2026-10-21',
    installments: [{ key: 'ref2', due: '2026-10-21', amount: 100 }],
  });
  await move({
    name: '/',
    state: 'draft',
    partner: 10,
    date: '2026-10-09',
    installments: [{ key: 'draft', due: '2026-11-08', amount: 900 }],
  });
  await move({
    name: 'INV/2026/00006',
    state: 'cancel',
    partner: 10,
    date: '2026-10-10',
    installments: [{ key: 'cancelled', due: '2026-11-09', amount: 700 }],
  });
  // Addressed to a company without an invoice address: the company is the contact.
  await move({
    name: 'INV/2026/00007',
    partner: 20,
    currency: eur,
    rate: 7.8,
    date: '2026-10-11',
    installments: [{ key: 'inv7', due: '2026-11-10', amount: 1000 }],
  });
  await move({
    name: 'INV/2026/00001',
    partner: 30,
    company: 2,
    currency: hkd,
    date: '2026-10-12',
    installments: [{ key: 'hk1', due: '2026-11-11', amount: 2000 }],
  });

  let reconcileId = 5000;
  const fixture: OdooFixture = {
    db,
    knex,
    lines,
    async pay(line, amount, date, at, options = {}) {
      // Odoo rewrites the stored residuals; the write_date moves only where a test says so (touchLine).
      await knex('account_partial_reconcile').insert({
        id: ++reconcileId,
        debit_move_id: line,
        // A payment's line (not modelled: the preset reads the invoice side) or a credit note's.
        credit_move_id: options.credit ?? 9000,
        amount,
        debit_amount_currency: amount,
        credit_amount_currency: amount,
        max_date: date,
        company_id: 1,
        create_date: at,
        write_date: at,
      });
      await knex('account_move_line')
        .where({ id: line })
        .update({
          amount_residual: knex.raw('amount_residual - ?', [amount]),
          amount_residual_currency: knex.raw('amount_residual_currency - ?', [amount]),
          reconciled: knex.raw('amount_residual_currency - ? = 0', [amount]),
          ...(options.touchLine ? { write_date: at } : {}),
        });
    },
    async drop() {
      await knex.destroy();
      await db.drop();
    },
  };
  // Payments and the applied credit note (all before WRITTEN, the lines' last write).
  await fixture.pay(lines.inv1a as number, 500, '2026-10-28', '2026-10-28 10:00:00');
  await fixture.pay(lines.inv2 as number, 300, '2026-11-05', '2026-11-05 10:00:00');
  await fixture.pay(lines.inv3 as number, 600, '2026-11-10', '2026-11-10 10:00:00');
  await fixture.pay(lines.inv4 as number, 150, '2026-10-20', '2026-10-20 10:00:00', { credit: lines.ref1 });
  return fixture;
}
