/**
 * An iDempiere 12 database's tables, the subset the iDempiere preset reads, in schema `adempiere`
 * with iDempiere's real table and column names and types (NUMERIC(10) ids, CHAR(1) Y/N flags,
 * TIMESTAMP without time zone in local time, NUMERIC amounts), and the rows of a realistic month:
 * see `loadIdempiereRows`.
 *
 * `invoiceopen` and `paymenttermduedate` are iDempiere's own database functions, which duebot does
 * not ship: the two functions here are this test's stand-ins, written for the fixture from their
 * documented behaviour (grand total or schedule row amount less the invoice's active allocations,
 * spread over the valid schedule rows in due-date order; invoice date plus the term's net days).
 */
import type { Knex } from 'knex';

const STANDARD = `ad_client_id NUMERIC(10) NOT NULL, ad_org_id NUMERIC(10) NOT NULL DEFAULT 0,
  isactive CHAR(1) NOT NULL DEFAULT 'Y', created TIMESTAMP NOT NULL DEFAULT statement_timestamp(),
  createdby NUMERIC(10) NOT NULL DEFAULT 100, updated TIMESTAMP NOT NULL DEFAULT statement_timestamp(),
  updatedby NUMERIC(10) NOT NULL DEFAULT 100`;

/** Creates schema adempiere, the tables and the stand-in functions; new sessions get it as search_path. */
export async function createIdempiereTables(db: Knex, database: string): Promise<void> {
  await db.raw('CREATE SCHEMA adempiere');
  await db.raw(`ALTER DATABASE ${database} SET search_path = adempiere`);
  await db.raw(`CREATE TABLE adempiere.c_currency (c_currency_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    iso_code CHAR(3) NOT NULL, cursymbol VARCHAR(10), description VARCHAR(255) NOT NULL,
    stdprecision NUMERIC(10) NOT NULL, costingprecision NUMERIC(10) NOT NULL)`);
  await db.raw(`CREATE TABLE adempiere.c_doctype (c_doctype_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    name VARCHAR(60) NOT NULL, printname VARCHAR(60) NOT NULL, docbasetype CHAR(3) NOT NULL,
    issotrx CHAR(1) NOT NULL DEFAULT 'N')`);
  await db.raw(`CREATE TABLE adempiere.c_paymentterm (c_paymentterm_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    name VARCHAR(60) NOT NULL, value VARCHAR(40) NOT NULL, netdays NUMERIC(10) NOT NULL DEFAULT 0,
    isvalid CHAR(1) NOT NULL DEFAULT 'N')`);
  await db.raw(`CREATE TABLE adempiere.ad_user (ad_user_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    name VARCHAR(60) NOT NULL, description VARCHAR(255), email VARCHAR(60), c_bpartner_id NUMERIC(10),
    phone VARCHAR(40), phone2 VARCHAR(40), title VARCHAR(40))`);
  await db.raw(`CREATE TABLE adempiere.c_bpartner (c_bpartner_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    value VARCHAR(40) NOT NULL, name VARCHAR(120) NOT NULL, name2 VARCHAR(60), iscustomer CHAR(1) NOT NULL DEFAULT 'Y',
    salesrep_id NUMERIC(10), ad_language VARCHAR(6), so_creditlimit NUMERIC NOT NULL DEFAULT 0)`);
  await db.raw(`CREATE TABLE adempiere.c_invoice (c_invoice_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    issotrx CHAR(1) NOT NULL DEFAULT 'Y', documentno VARCHAR(30) NOT NULL, docstatus CHAR(2) NOT NULL,
    docaction CHAR(2) NOT NULL, processed CHAR(1) NOT NULL DEFAULT 'N', c_doctype_id NUMERIC(10) NOT NULL,
    c_doctypetarget_id NUMERIC(10) NOT NULL, salesrep_id NUMERIC(10), dateinvoiced TIMESTAMP NOT NULL,
    dateacct TIMESTAMP NOT NULL, c_bpartner_id NUMERIC(10) NOT NULL, c_bpartner_location_id NUMERIC(10),
    ad_user_id NUMERIC(10), c_currency_id NUMERIC(10) NOT NULL, paymentrule CHAR(1) NOT NULL DEFAULT 'P',
    c_paymentterm_id NUMERIC(10) NOT NULL, totallines NUMERIC NOT NULL DEFAULT 0,
    grandtotal NUMERIC NOT NULL DEFAULT 0, ispaid CHAR(1) NOT NULL DEFAULT 'N',
    ispayschedulevalid CHAR(1) NOT NULL DEFAULT 'N', isindispute CHAR(1) NOT NULL DEFAULT 'N',
    reversal_id NUMERIC(10), c_invoice_uu VARCHAR(36))`);
  await db.raw(`CREATE TABLE adempiere.c_invoicepayschedule (c_invoicepayschedule_id NUMERIC(10) PRIMARY KEY,
    ${STANDARD}, c_invoice_id NUMERIC(10) NOT NULL, c_payschedule_id NUMERIC(10), duedate TIMESTAMP NOT NULL,
    dueamt NUMERIC NOT NULL, discountdate TIMESTAMP NOT NULL, discountamt NUMERIC NOT NULL DEFAULT 0,
    isvalid CHAR(1) NOT NULL DEFAULT 'N', processed CHAR(1) DEFAULT 'N')`);
  await db.raw(`CREATE TABLE adempiere.c_allocationhdr (c_allocationhdr_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    documentno VARCHAR(30) NOT NULL, datetrx TIMESTAMP NOT NULL, dateacct TIMESTAMP NOT NULL,
    c_currency_id NUMERIC(10) NOT NULL, approvalamt NUMERIC DEFAULT 0, ismanual CHAR(1) NOT NULL DEFAULT 'N',
    docstatus CHAR(2) NOT NULL, docaction CHAR(2) NOT NULL, processed CHAR(1) NOT NULL DEFAULT 'N')`);
  await db.raw(`CREATE TABLE adempiere.c_allocationline (c_allocationline_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    allocationno NUMERIC(10), datetrx TIMESTAMP, ismanual CHAR(1), c_invoice_id NUMERIC(10),
    c_bpartner_id NUMERIC(10), c_order_id NUMERIC(10), c_payment_id NUMERIC(10), c_cashline_id NUMERIC(10),
    amount NUMERIC NOT NULL DEFAULT 0, discountamt NUMERIC NOT NULL DEFAULT 0,
    writeoffamt NUMERIC NOT NULL DEFAULT 0, overunderamt NUMERIC DEFAULT 0,
    c_allocationhdr_id NUMERIC(10) NOT NULL)`);
  // Read by iDempiere's invoiceopen() and currencyconvert(), which the README's grants cover; empty here.
  await db.raw(`CREATE TABLE adempiere.c_conversiontype (c_conversiontype_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    value VARCHAR(40) NOT NULL, name VARCHAR(60) NOT NULL, isdefault CHAR(1) NOT NULL DEFAULT 'N')`);
  await db.raw(`CREATE TABLE adempiere.c_conversion_rate (c_conversion_rate_id NUMERIC(10) PRIMARY KEY, ${STANDARD},
    c_currency_id NUMERIC(10) NOT NULL, c_currency_id_to NUMERIC(10) NOT NULL, c_conversiontype_id NUMERIC(10) NOT NULL,
    validfrom TIMESTAMP NOT NULL, validto TIMESTAMP, multiplyrate NUMERIC NOT NULL, dividerate NUMERIC NOT NULL)`);
  await db.raw(`CREATE VIEW adempiere.c_invoice_v AS SELECT c_invoice_id, ad_client_id, c_currency_id, grandtotal,
    1 AS multiplier, 1 AS multiplierap FROM adempiere.c_invoice`);
  await db.raw(`CREATE INDEX c_allocationline_invoice ON adempiere.c_allocationline (c_invoice_id)`);

  // Stand-ins for iDempiere's own functions (see the header).
  await db.raw(`CREATE FUNCTION adempiere.invoiceopen(p_invoice numeric, p_schedule numeric) RETURNS numeric
    LANGUAGE sql STABLE SET search_path = adempiere AS $fn$
    WITH allocated AS (
      SELECT COALESCE(SUM(l.amount + l.discountamt + l.writeoffamt), 0) AS total
        FROM c_allocationline l JOIN c_allocationhdr h ON h.c_allocationhdr_id = l.c_allocationhdr_id
       WHERE l.c_invoice_id = p_invoice AND h.isactive = 'Y'),
    rows_due AS (
      SELECT c_invoicepayschedule_id AS id, dueamt,
             COALESCE(SUM(dueamt) OVER (ORDER BY duedate, c_invoicepayschedule_id
                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS earlier
        FROM c_invoicepayschedule WHERE c_invoice_id = p_invoice AND isvalid = 'Y')
    SELECT CASE
      WHEN COALESCE(p_schedule, 0) > 0 THEN
        (SELECT GREATEST(r.dueamt - GREATEST(a.total - r.earlier, 0), 0) FROM rows_due r WHERE r.id = p_schedule)
      ELSE (SELECT grandtotal FROM c_invoice WHERE c_invoice_id = p_invoice) - a.total
    END
    FROM allocated a
  $fn$`);
  await db.raw(`CREATE FUNCTION adempiere.paymenttermduedate(p_term numeric, p_date timestamp with time zone)
    RETURNS timestamp with time zone LANGUAGE sql STABLE SET search_path = adempiere AS $fn$
    SELECT date_trunc('day', p_date) + make_interval(days => (SELECT netdays::int FROM c_paymentterm
                                                             WHERE c_paymentterm_id = p_term))
  $fn$`);
}

export const TENANT = 11;
export const OTHER_TENANT = 1000000;

interface Invoice {
  id: number;
  no: string;
  bp: number;
  date: string;
  total: string;
  status?: string;
  doctype?: number;
  currency?: number;
  term?: number;
  scheduled?: boolean;
  updated: string;
  user?: number | null;
  rep?: number | null;
  paid?: boolean;
  client?: number;
}

const invoice = (i: Invoice) => ({
  c_invoice_id: i.id,
  ad_client_id: i.client ?? TENANT,
  ad_org_id: 11,
  created: `${i.date} 08:30:00`,
  updated: i.updated,
  issotrx: 'Y',
  documentno: i.no,
  docstatus: i.status ?? 'CO',
  docaction: i.status === 'DR' ? 'CO' : 'CL',
  processed: i.status === 'DR' ? 'N' : 'Y',
  c_doctype_id: i.doctype ?? 1000002,
  c_doctypetarget_id: i.doctype ?? 1000002,
  salesrep_id: i.rep ?? null,
  dateinvoiced: `${i.date} 00:00:00`,
  dateacct: `${i.date} 00:00:00`,
  c_bpartner_id: i.bp,
  ad_user_id: i.user ?? null,
  c_currency_id: i.currency ?? 100,
  c_paymentterm_id: i.term ?? 105,
  totallines: i.total,
  grandtotal: i.total,
  ispaid: i.paid ? 'Y' : 'N',
  ispayschedulevalid: i.scheduled ? 'Y' : 'N',
});

/** An allocation: one header, and a line per invoice (a credit memo's line is negative). */
export async function allocate(
  db: Knex,
  a: {
    id: number;
    date: string;
    updated: string;
    lines: { invoice: number; amount: string; payment?: number }[];
  },
): Promise<void> {
  await db('adempiere.c_allocationhdr').insert({
    c_allocationhdr_id: a.id,
    ad_client_id: TENANT,
    created: a.updated,
    updated: a.updated,
    documentno: `AL-${a.id}`,
    datetrx: `${a.date} 00:00:00`,
    dateacct: `${a.date} 00:00:00`,
    c_currency_id: 100,
    docstatus: 'CO',
    docaction: 'CL',
    processed: 'Y',
  });
  await db('adempiere.c_allocationline').insert(
    a.lines.map((l, k) => ({
      c_allocationline_id: a.id * 10 + k,
      ad_client_id: TENANT,
      created: a.updated,
      updated: a.updated,
      datetrx: `${a.date} 00:00:00`,
      c_invoice_id: l.invoice,
      c_payment_id: l.payment ?? null,
      amount: l.amount,
      c_allocationhdr_id: a.id,
    })),
  );
}

/**
 * Tenant 11 (USD), and one invoice of tenant 1000000:
 *  INV-1000 10,000 in two scheduled installments of 5,000, the first paid by an allocation of
 *           2026-09-28 that left c_invoice.updated at 2026-09-01;
 *  INV-1001 1,200 (Net 30) paid in full on 2026-10-05 (IsPaid moved the invoice's updated);
 *  INV-1002 2,000 with credit memo CM-1000 (500) allocated to it: 1,500 open;
 *  CM-1001 a credit memo of 300 allocated to nothing; INV-1003 a draft; INV-0999 voided;
 *  INV-0998 reversed; INV-1004 1,500 EUR; INV-2000 300 USD of the other tenant.
 */
export async function loadIdempiereRows(db: Knex): Promise<void> {
  await db('adempiere.c_currency').insert([
    {
      c_currency_id: 100,
      ad_client_id: 0,
      iso_code: 'USD',
      description: 'US Dollar',
      stdprecision: 2,
      costingprecision: 4,
    },
    {
      c_currency_id: 102,
      ad_client_id: 0,
      iso_code: 'EUR',
      description: 'Euro',
      stdprecision: 2,
      costingprecision: 4,
    },
  ]);
  await db('adempiere.c_doctype').insert([
    {
      c_doctype_id: 1000002,
      ad_client_id: TENANT,
      name: 'AR Invoice',
      printname: 'Invoice',
      docbasetype: 'ARI',
      issotrx: 'Y',
    },
    {
      c_doctype_id: 1000004,
      ad_client_id: TENANT,
      name: 'AR Credit Memo',
      printname: 'Credit Memo',
      docbasetype: 'ARC',
      issotrx: 'Y',
    },
  ]);
  await db('adempiere.c_paymentterm').insert([
    {
      c_paymentterm_id: 105,
      ad_client_id: TENANT,
      name: 'Net 30',
      value: 'Net 30',
      netdays: 30,
      isvalid: 'Y',
    },
    {
      c_paymentterm_id: 106,
      ad_client_id: TENANT,
      name: '50% Immediate - 50% in 30 days',
      value: '50-50',
      isvalid: 'Y',
    },
  ]);
  await db('adempiere.ad_user').insert([
    { ad_user_id: 1000100, ad_client_id: TENANT, name: 'Li Wei', email: 'li.wei@gardenworld.example' },
    { ad_user_id: 1000101, ad_client_id: TENANT, name: 'Zhang Min', email: 'zhang.min@gardenworld.example' },
    {
      ad_user_id: 1000201,
      ad_client_id: TENANT,
      name: 'Wang Fang',
      email: 'wang.fang@xinghe.example',
      c_bpartner_id: 1000002,
      phone: '+86 138 0000 0001',
    },
    {
      ad_user_id: 1000202,
      ad_client_id: TENANT,
      name: 'Joe Block',
      email: 'joe@seedfarm.example',
      c_bpartner_id: 1000001,
      phone: '',
      phone2: '+1 555 0100',
    },
  ]);
  await db('adempiere.c_bpartner').insert([
    {
      c_bpartner_id: 1000001,
      ad_client_id: TENANT,
      value: 'SeedFarm',
      name: 'Seed Farm Inc.',
      salesrep_id: 1000100,
      ad_language: 'en_US',
    },
    {
      c_bpartner_id: 1000002,
      ad_client_id: TENANT,
      value: 'Xinghe',
      name: '上海星河贸易有限公司',
      salesrep_id: 1000100,
      ad_language: 'zh_CN',
    },
    {
      c_bpartner_id: 1000003,
      ad_client_id: TENANT,
      value: 'PatioFun',
      name: 'Patio Fun GmbH',
      ad_language: null,
    },
  ]);
  await db('adempiere.c_invoice').insert([
    invoice({
      id: 1000010,
      no: 'INV-1000',
      bp: 1000002,
      date: '2026-09-01',
      total: '10000.00',
      term: 106,
      scheduled: true,
      updated: '2026-09-01 09:00:00',
      user: 1000201,
      rep: 1000101,
    }),
    invoice({
      id: 1000011,
      no: 'INV-1001',
      bp: 1000001,
      date: '2026-09-15',
      total: '1200.00',
      updated: '2026-10-05 16:00:00',
      paid: true,
    }),
    invoice({
      id: 1000012,
      no: 'INV-1002',
      bp: 1000001,
      date: '2026-10-01',
      total: '2000.00',
      updated: '2026-10-01 09:00:00',
    }),
    invoice({
      id: 1000013,
      no: 'CM-1000',
      bp: 1000001,
      date: '2026-10-25',
      total: '500.00',
      doctype: 1000004,
      updated: '2026-10-25 11:00:00',
      paid: true,
    }),
    invoice({
      id: 1000014,
      no: 'CM-1001',
      bp: 1000001,
      date: '2026-10-26',
      total: '300.00',
      doctype: 1000004,
      updated: '2026-10-26 11:00:00',
    }),
    invoice({
      id: 1000015,
      no: 'INV-1003',
      bp: 1000001,
      date: '2026-10-28',
      total: '700.00',
      status: 'DR',
      updated: '2026-10-28 11:00:00',
    }),
    invoice({
      id: 1000016,
      no: 'INV-0999',
      bp: 1000001,
      date: '2026-09-20',
      total: '450.00',
      status: 'VO',
      updated: '2026-09-21 11:00:00',
    }),
    invoice({
      id: 1000017,
      no: 'INV-0998',
      bp: 1000001,
      date: '2026-09-20',
      total: '650.00',
      status: 'RE',
      updated: '2026-09-22 11:00:00',
    }),
    invoice({
      id: 1000018,
      no: 'INV-1004',
      bp: 1000003,
      date: '2026-10-10',
      total: '1500.00',
      currency: 102,
      updated: '2026-10-10 09:00:00',
    }),
    invoice({
      id: 1000020,
      no: 'INV-2000',
      bp: 1000001,
      date: '2026-10-02',
      total: '300.00',
      client: OTHER_TENANT,
      updated: '2026-10-02 09:00:00',
    }),
  ]);
  await db('adempiere.c_invoicepayschedule').insert(
    // PB-18: the second installment saves 100.00 if paid by 10-20; the first has no discount.
    [
      [1000501, '2026-10-01', '5000.00', '2026-10-01', '0'],
      [1000502, '2026-11-01', '5000.00', '2026-10-20', '100.00'],
    ].map(([id, due, amount, discountUntil, discount]) => ({
      c_invoicepayschedule_id: id,
      ad_client_id: TENANT,
      updated: '2026-09-01 09:00:00',
      c_invoice_id: 1000010,
      duedate: `${due} 00:00:00`,
      dueamt: amount,
      discountdate: `${discountUntil} 00:00:00`,
      discountamt: discount,
      isvalid: 'Y',
      processed: 'Y',
    })),
  );
  await allocate(db, {
    id: 1000901,
    date: '2026-09-28',
    updated: '2026-09-28 10:00:00',
    lines: [{ invoice: 1000010, amount: '5000.00', payment: 1000801 }],
  });
  await allocate(db, {
    id: 1000902,
    date: '2026-10-05',
    updated: '2026-10-05 16:00:00',
    lines: [{ invoice: 1000011, amount: '1200.00', payment: 1000802 }],
  });
  await allocate(db, {
    id: 1000903,
    date: '2026-10-25',
    updated: '2026-10-25 11:00:00',
    lines: [
      { invoice: 1000012, amount: '500.00' },
      { invoice: 1000013, amount: '-500.00' },
    ],
  });
}
