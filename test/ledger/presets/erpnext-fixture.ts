/**
 * An ERPNext v15 site's accounting tables, the subset the ERPNext preset reads, with Frappe's real
 * table and column names and types (Frappe: `name varchar(140)` keys, datetime(6) `creation` and
 * `modified`, Currency fields decimal(21,9), Check fields int(1), Link/Data/Select varchar(140),
 * Small Text text), and the rows of a realistic month: see `loadErpnextRows`.
 */
import type { Knex } from 'knex';

const STANDARD = `name varchar(140) NOT NULL PRIMARY KEY, creation datetime(6), modified datetime(6),
  modified_by varchar(140), owner varchar(140), docstatus int(1) NOT NULL DEFAULT 0, idx int(8) NOT NULL DEFAULT 0`;
const CHILD = `parent varchar(140), parentfield varchar(140), parenttype varchar(140)`;
const TABLE = 'ENGINE=InnoDB ROW_FORMAT=DYNAMIC CHARACTER SET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Creates the tables (erpnext/accounts/doctype/*.json, frappe/contacts/doctype/contact/contact.json). */
export async function createErpnextTables(db: Knex): Promise<void> {
  await db.raw(`CREATE TABLE \`tabSales Invoice\` (${STANDARD},
    title varchar(140), naming_series varchar(140), customer varchar(140), customer_name text,
    company varchar(140), posting_date date, posting_time time(6), due_date date,
    is_return int(1) NOT NULL DEFAULT 0, return_against varchar(140),
    update_outstanding_for_self int(1) NOT NULL DEFAULT 1,
    currency varchar(140), conversion_rate decimal(21,9) NOT NULL DEFAULT 0,
    party_account_currency varchar(140), debit_to varchar(140),
    grand_total decimal(21,9) NOT NULL DEFAULT 0, rounded_total decimal(21,9) NOT NULL DEFAULT 0,
    base_grand_total decimal(21,9) NOT NULL DEFAULT 0, base_rounded_total decimal(21,9) NOT NULL DEFAULT 0,
    disable_rounded_total int(1) NOT NULL DEFAULT 0, is_pos int(1) NOT NULL DEFAULT 0,
    paid_amount decimal(21,9) NOT NULL DEFAULT 0, total_advance decimal(21,9) NOT NULL DEFAULT 0,
    write_off_amount decimal(21,9) NOT NULL DEFAULT 0,
    outstanding_amount decimal(21,9) NOT NULL DEFAULT 0, status varchar(140) DEFAULT 'Draft',
    language varchar(6), contact_person varchar(140), contact_display text, contact_mobile text,
    contact_email varchar(140),
    KEY customer (customer), KEY posting_date (posting_date), KEY modified (modified)) ${TABLE}`);
  await db.raw(`CREATE TABLE \`tabPayment Schedule\` (${STANDARD}, ${CHILD},
    payment_term varchar(140), description text, due_date date, mode_of_payment varchar(140),
    invoice_portion decimal(21,9) NOT NULL DEFAULT 0, discount_type varchar(140) DEFAULT 'Percentage',
    discount_date date,
    discount decimal(21,9) NOT NULL DEFAULT 0, payment_amount decimal(21,9) NOT NULL DEFAULT 0,
    outstanding decimal(21,9) NOT NULL DEFAULT 0, paid_amount decimal(21,9) NOT NULL DEFAULT 0,
    discounted_amount decimal(21,9) NOT NULL DEFAULT 0,
    base_payment_amount decimal(21,9) NOT NULL DEFAULT 0, KEY parent (parent)) ${TABLE}`);
  await db.raw(`CREATE TABLE \`tabPayment Ledger Entry\` (${STANDARD},
    posting_date date, company varchar(140), account_type varchar(140), account varchar(140),
    party_type varchar(140), party varchar(140), due_date date, cost_center varchar(140),
    finance_book varchar(140), voucher_type varchar(140), voucher_no varchar(140),
    against_voucher_type varchar(140), against_voucher_no varchar(140),
    amount decimal(21,9) NOT NULL DEFAULT 0, account_currency varchar(140),
    amount_in_account_currency decimal(21,9) NOT NULL DEFAULT 0, delinked int(1) NOT NULL DEFAULT 0,
    remarks text, KEY posting_date (posting_date), KEY voucher_no (voucher_no),
    KEY against_voucher_no (against_voucher_no), KEY modified (modified)) ${TABLE}`);
  await db.raw(`CREATE TABLE \`tabCustomer\` (${STANDARD},
    customer_name varchar(140), customer_type varchar(140) DEFAULT 'Company', customer_group varchar(140),
    territory varchar(140), default_currency varchar(140), language varchar(6),
    customer_primary_contact varchar(140), account_manager varchar(140), mobile_no varchar(140),
    email_id varchar(140), disabled int(1) NOT NULL DEFAULT 0) ${TABLE}`);
  await db.raw(`CREATE TABLE \`tabContact\` (${STANDARD},
    first_name varchar(140), last_name varchar(140), full_name varchar(140), email_id varchar(140),
    phone varchar(140), mobile_no varchar(140), is_primary_contact int(1) NOT NULL DEFAULT 0,
    is_billing_contact int(1) NOT NULL DEFAULT 0, status varchar(140) DEFAULT 'Passive') ${TABLE}`);
  await db.raw(`CREATE TABLE \`tabSales Team\` (${STANDARD}, ${CHILD},
    sales_person varchar(140), contact_no varchar(140),
    allocated_percentage decimal(21,9) NOT NULL DEFAULT 0,
    allocated_amount decimal(21,9) NOT NULL DEFAULT 0, commission_rate varchar(140),
    incentives decimal(21,9) NOT NULL DEFAULT 0, KEY parent (parent)) ${TABLE}`);
}

export const ACME = 'Acme (Shanghai) Co., Ltd.';
export const BETA = 'Beta Trading (HK) Ltd.';

interface InvoiceRow {
  name: string;
  customer: string;
  company?: string;
  posting: string;
  due: string;
  currency?: string;
  partyCurrency?: string;
  grand: string;
  rounded?: string;
  baseGrand?: string;
  baseRounded?: string;
  outstanding: string;
  docstatus?: number;
  isReturn?: number;
  returnAgainst?: string | null;
  selfOutstanding?: number;
  status: string;
  modified: string;
  language?: string | null;
  contactPerson?: string | null;
}

const invoice = (r: InvoiceRow) => ({
  name: r.name,
  creation: `${r.posting} 09:00:00`,
  modified: r.modified,
  modified_by: 'accounts@acme.example',
  owner: 'accounts@acme.example',
  docstatus: r.docstatus ?? 1,
  naming_series: 'ACC-SINV-.YYYY.-',
  customer: r.customer,
  customer_name: CUSTOMER_NAMES[r.customer] ?? r.customer,
  company: r.company ?? ACME,
  posting_date: r.posting,
  posting_time: '09:00:00',
  due_date: r.due,
  is_return: r.isReturn ?? 0,
  return_against: r.returnAgainst ?? null,
  update_outstanding_for_self: r.selfOutstanding ?? 1,
  currency: r.currency ?? 'CNY',
  conversion_rate: r.currency && r.currency !== 'CNY' ? '7.100000000' : '1.000000000',
  party_account_currency: r.partyCurrency ?? r.currency ?? 'CNY',
  debit_to: 'Debtors - ACME',
  grand_total: r.grand,
  rounded_total: r.rounded ?? r.grand,
  base_grand_total: r.baseGrand ?? r.grand,
  base_rounded_total: r.baseRounded ?? r.baseGrand ?? r.rounded ?? r.grand,
  outstanding_amount: r.outstanding,
  status: r.status,
  language: r.language ?? null,
  contact_person: r.contactPerson ?? null,
  contact_display: r.contactPerson ? 'Wang Fang' : null,
  contact_mobile: r.contactPerson ? '+86 138 0000 0001' : null,
  contact_email: r.contactPerson ? 'wang.fang@xinghe.example' : null,
});

const CUSTOMER_NAMES: Record<string, string> = {
  'CUST-00001': '上海星河贸易有限公司',
  'CUST-00002': 'Northwind Traders Ltd',
  'CUST-00003': 'Globex Inc.',
};

let scheduleRow = 0;
const schedule = (parent: string, idx: number, due: string, amount: string, base?: string, paid = '0') => ({
  name: `ps${String((scheduleRow += 1)).padStart(6, '0')}`,
  creation: '2026-09-01 09:00:00',
  modified: '2026-09-01 09:00:00',
  docstatus: 1,
  idx,
  parent,
  parentfield: 'payment_schedule',
  parenttype: 'Sales Invoice',
  due_date: due,
  invoice_portion: '50.000000000',
  payment_amount: amount,
  base_payment_amount: base ?? amount,
  outstanding: amount,
  paid_amount: paid,
});

/** PB-18: an installment with early-payment terms (ERPNext's discount_type, discount, discount_date). */
const discounted = (
  row: ReturnType<typeof schedule>,
  terms: { type: 'Percentage' | 'Amount'; discount: string; until: string },
) => ({ ...row, discount_type: terms.type, discount: terms.discount, discount_date: terms.until });

let ledgerRow = 0;
/** A Payment Ledger Entry against a sales invoice (negative amounts lower its outstanding). */
export const ple = (e: {
  voucherType?: string;
  voucherNo: string;
  against: string;
  posting: string;
  amount: string;
  currency?: string;
  modified: string;
  delinked?: number;
  company?: string;
}) => ({
  name: `ple${String((ledgerRow += 1)).padStart(6, '0')}`,
  creation: e.modified,
  modified: e.modified,
  docstatus: 1,
  posting_date: e.posting,
  company: e.company ?? ACME,
  account_type: 'Receivable',
  account: 'Debtors - ACME',
  party_type: 'Customer',
  party: 'CUST-00001',
  voucher_type: e.voucherType ?? 'Payment Entry',
  voucher_no: e.voucherNo,
  against_voucher_type: 'Sales Invoice',
  against_voucher_no: e.against,
  amount: e.amount,
  account_currency: e.currency ?? 'CNY',
  amount_in_account_currency: e.amount,
  delinked: e.delinked ?? 0,
});

/** The invoice's own ledger entry (its amount, against itself). */
const own = (name: string, posting: string, amount: string, currency = 'CNY', company = ACME) =>
  ple({
    voucherType: 'Sales Invoice',
    voucherNo: name,
    against: name,
    posting,
    amount,
    currency,
    company,
    modified: `${posting} 09:00:00`,
  });

/**
 * A month of Acme's receivables, plus one invoice of a second company:
 *  00001 two installments of 5,000 CNY, the first paid on 2026-09-28 (a receipt of 2026-09-20
 *        reconciled with it was unreconciled again);
 *  00002 three installments of 3,000.10 (rounded total 9,000.00), 4,000 paid on 2026-10-20 by a
 *        payment reconciliation that did not touch the invoice's `modified`;
 *  00003 1,200 CNY paid in full on 2026-10-05;
 *  00004 2,000 CNY with a 500 return against it (RET-00001, applied), 1,500 open;
 *  RET-00002 a return of 300 that keeps its own outstanding (not applied to any invoice);
 *  00005 a draft; 00006 cancelled; 00007 1,500 USD owed in USD; 00008 100 USD owed in CNY (712.00);
 *  00009 800 HKD of the second company; 00010 a POS sale of 300 paid at the till.
 */
export async function loadErpnextRows(db: Knex): Promise<void> {
  await db('tabCustomer').insert([
    {
      name: 'CUST-00001',
      customer_name: CUSTOMER_NAMES['CUST-00001'],
      language: 'zh',
      customer_primary_contact: 'Wang Fang-CUST-00001',
      modified: '2026-01-10 10:00:00',
    },
    {
      name: 'CUST-00002',
      customer_name: CUSTOMER_NAMES['CUST-00002'],
      language: 'en-US',
      modified: '2026-01-10',
    },
    {
      name: 'CUST-00003',
      customer_name: CUSTOMER_NAMES['CUST-00003'],
      language: null,
      modified: '2026-01-10',
    },
  ]);
  await db('tabContact').insert({
    name: 'Wang Fang-CUST-00001',
    first_name: 'Fang',
    last_name: 'Wang',
    full_name: 'Wang Fang',
    email_id: 'wang.fang@xinghe.example',
    mobile_no: '+86 138 0000 0001',
    is_primary_contact: 1,
    is_billing_contact: 1,
    modified: '2026-01-10 10:00:00',
  });
  await db('tabSales Team').insert(
    [
      {
        name: 'st1',
        parent: '00001',
        parenttype: 'Sales Invoice',
        parentfield: 'sales_team',
        idx: 1,
        sales_person: 'Li Wei',
        allocated_percentage: '40',
      },
      {
        name: 'st2',
        parent: '00001',
        parenttype: 'Sales Invoice',
        parentfield: 'sales_team',
        idx: 2,
        sales_person: 'Zhang Min',
        allocated_percentage: '60',
      },
      {
        name: 'st3',
        parent: 'CUST-00001',
        parenttype: 'Customer',
        parentfield: 'sales_team',
        idx: 1,
        sales_person: 'Li Wei',
        allocated_percentage: '100',
      },
    ].map((r) => ({ ...r, parent: r.parenttype === 'Customer' ? r.parent : `ACC-SINV-2026-${r.parent}` })),
  );

  await db('tabSales Invoice').insert([
    invoice({
      name: 'ACC-SINV-2026-00001',
      customer: 'CUST-00001',
      posting: '2026-09-01',
      due: '2026-11-01',
      grand: '10000',
      outstanding: '5000',
      status: 'Partly Paid',
      modified: '2026-09-28 10:00:00.123456',
      contactPerson: 'Wang Fang-CUST-00001',
    }),
    invoice({
      name: 'ACC-SINV-2026-00002',
      customer: 'CUST-00001',
      posting: '2026-09-15',
      due: '2026-12-15',
      grand: '9000.30',
      rounded: '9000',
      outstanding: '5000',
      status: 'Partly Paid',
      modified: '2026-09-15 09:30:00',
    }),
    invoice({
      name: 'ACC-SINV-2026-00003',
      customer: 'CUST-00002',
      posting: '2026-09-15',
      due: '2026-10-15',
      grand: '1200',
      outstanding: '0',
      status: 'Paid',
      modified: '2026-10-05 16:00:00',
    }),
    invoice({
      name: 'ACC-SINV-2026-00004',
      customer: 'CUST-00002',
      posting: '2026-10-01',
      due: '2026-10-31',
      grand: '2000',
      outstanding: '1500',
      status: 'Credit Note Issued',
      modified: '2026-10-25 11:00:00',
    }),
    invoice({
      name: 'ACC-SINV-RET-2026-00001',
      customer: 'CUST-00002',
      posting: '2026-10-25',
      due: '2026-10-25',
      grand: '-500',
      outstanding: '0',
      isReturn: 1,
      returnAgainst: 'ACC-SINV-2026-00004',
      selfOutstanding: 0,
      status: 'Return',
      modified: '2026-10-25 11:00:00',
    }),
    invoice({
      name: 'ACC-SINV-RET-2026-00002',
      customer: 'CUST-00002',
      posting: '2026-10-26',
      due: '2026-10-26',
      grand: '-300',
      outstanding: '-300',
      isReturn: 1,
      returnAgainst: 'ACC-SINV-2026-00003',
      selfOutstanding: 1,
      status: 'Return',
      modified: '2026-10-26 11:00:00',
    }),
    invoice({
      name: 'ACC-SINV-2026-00005',
      customer: 'CUST-00002',
      posting: '2026-10-28',
      due: '2026-11-27',
      grand: '700',
      outstanding: '700',
      docstatus: 0,
      status: 'Draft',
      modified: '2026-10-28 11:00:00',
    }),
    invoice({
      name: 'ACC-SINV-2026-00006',
      customer: 'CUST-00002',
      posting: '2026-09-20',
      due: '2026-10-20',
      grand: '450',
      outstanding: '450',
      docstatus: 2,
      status: 'Cancelled',
      modified: '2026-09-21 11:00:00',
    }),
    invoice({
      name: 'ACC-SINV-2026-00007',
      customer: 'CUST-00003',
      posting: '2026-10-10',
      due: '2026-11-09',
      currency: 'USD',
      partyCurrency: 'USD',
      grand: '1500',
      baseGrand: '10650',
      outstanding: '1500',
      status: 'Unpaid',
      modified: '2026-10-10 09:00:00',
      language: 'en',
    }),
    invoice({
      name: 'ACC-SINV-2026-00008',
      customer: 'CUST-00001',
      posting: '2026-10-12',
      due: '2026-11-11',
      currency: 'USD',
      partyCurrency: 'CNY',
      grand: '100',
      baseGrand: '712.34',
      baseRounded: '712',
      outstanding: '712',
      status: 'Unpaid',
      modified: '2026-10-12 09:00:00',
    }),
    {
      ...invoice({
        name: 'ACC-SINV-2026-00010',
        customer: 'CUST-00002',
        posting: '2026-10-08',
        due: '2026-10-08',
        grand: '300',
        outstanding: '0',
        status: 'Paid',
        modified: '2026-10-08 18:00:00',
      }),
      is_pos: 1,
      paid_amount: '300',
    },
    invoice({
      name: 'ACC-SINV-2026-00009',
      customer: 'CUST-00002',
      company: BETA,
      posting: '2026-10-02',
      due: '2026-11-01',
      currency: 'HKD',
      grand: '800',
      outstanding: '800',
      status: 'Unpaid',
      modified: '2026-10-02 09:00:00',
    }),
  ]);
  await db('tabPayment Schedule').insert([
    schedule('ACC-SINV-2026-00001', 1, '2026-10-01', '5000'),
    discounted(schedule('ACC-SINV-2026-00001', 2, '2026-11-01', '5000'), {
      type: 'Amount',
      discount: '100',
      until: '2026-10-20',
    }),
    schedule('ACC-SINV-2026-00002', 1, '2026-10-15', '3000.10'),
    schedule('ACC-SINV-2026-00002', 2, '2026-11-15', '3000.10'),
    // 2% off the last installment if paid by 12-05: 60.00 of its 3,000.10.
    discounted(schedule('ACC-SINV-2026-00002', 3, '2026-12-15', '3000.10'), {
      type: 'Percentage',
      discount: '2',
      until: '2026-12-05',
    }),
    schedule('ACC-SINV-2026-00003', 1, '2026-10-15', '1200'),
    schedule('ACC-SINV-2026-00004', 1, '2026-10-31', '2000'),
    schedule('ACC-SINV-2026-00005', 1, '2026-11-27', '700'),
    schedule('ACC-SINV-2026-00007', 1, '2026-11-09', '1500', '10650'),
    schedule('ACC-SINV-2026-00008', 1, '2026-11-11', '100', '712.34'),
    schedule('ACC-SINV-2026-00009', 1, '2026-11-01', '800'),
    schedule('ACC-SINV-2026-00010', 1, '2026-10-08', '300'),
  ]);
  await db('tabPayment Ledger Entry').insert([
    own('ACC-SINV-2026-00001', '2026-09-01', '10000'),
    ple({
      voucherNo: 'ACC-PAY-2026-00001',
      against: 'ACC-SINV-2026-00001',
      posting: '2026-09-28',
      amount: '-5000',
      modified: '2026-09-28 10:00:00.123456',
    }),
    // A receipt of 2026-09-20 first reconciled with 00001 and unreconciled again (delinked): no payment.
    ple({
      voucherNo: 'ACC-PAY-2026-00000',
      against: 'ACC-SINV-2026-00001',
      posting: '2026-09-20',
      amount: '-5000',
      delinked: 1,
      modified: '2026-09-27 17:00:00',
    }),
    own('ACC-SINV-2026-00002', '2026-09-15', '9000'),
    ple({
      voucherNo: 'ACC-PAY-2026-00002',
      against: 'ACC-SINV-2026-00002',
      posting: '2026-10-20',
      amount: '-4000',
      modified: '2026-10-20 11:00:00',
    }),
    own('ACC-SINV-2026-00003', '2026-09-15', '1200'),
    ple({
      voucherNo: 'ACC-PAY-2026-00003',
      against: 'ACC-SINV-2026-00003',
      posting: '2026-10-05',
      amount: '-1200',
      modified: '2026-10-05 16:00:00',
    }),
    own('ACC-SINV-2026-00004', '2026-10-01', '2000'),
    ple({
      voucherType: 'Sales Invoice',
      voucherNo: 'ACC-SINV-RET-2026-00001',
      against: 'ACC-SINV-2026-00004',
      posting: '2026-10-25',
      amount: '-500',
      modified: '2026-10-25 11:00:00',
    }),
    own('ACC-SINV-RET-2026-00002', '2026-10-26', '-300'),
    own('ACC-SINV-2026-00006', '2026-09-20', '450'),
    own('ACC-SINV-2026-00007', '2026-10-10', '1500', 'USD'),
    own('ACC-SINV-2026-00008', '2026-10-12', '712'),
    own('ACC-SINV-2026-00009', '2026-10-02', '800', 'HKD', BETA),
    // A POS sale paid at the till: the payment is booked on the invoice itself.
    own('ACC-SINV-2026-00010', '2026-10-08', '300'),
    ple({
      voucherType: 'Sales Invoice',
      voucherNo: 'ACC-SINV-2026-00010',
      against: 'ACC-SINV-2026-00010',
      posting: '2026-10-08',
      amount: '-300',
      modified: '2026-10-08 18:00:00',
    }),
  ]);
  // The cancelled invoice's entry is delinked, as cancelling does.
  await db('tabPayment Ledger Entry')
    .where({ voucher_no: 'ACC-SINV-2026-00006' })
    .update({ delinked: 1, modified: '2026-09-21 11:00:00' });
}
