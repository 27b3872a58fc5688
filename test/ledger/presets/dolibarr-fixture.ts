/**
 * A Dolibarr 20 database's tables, the subset the Dolibarr preset reads, with Dolibarr's real table
 * and column names and types (htdocs/install/mysql/tables/llx_*.sql: amounts double(24,8), `tms`
 * TIMESTAMP ON UPDATE, smallint statuses), and the rows of a realistic month: see `loadDolibarrRows`.
 */
import type { Knex } from 'knex';

const TABLE = 'ENGINE=innodb DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const TMS = 'tms timestamp DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP';

/** Creates the tables. */
export async function createDolibarrTables(db: Knex): Promise<void> {
  await db.raw(`CREATE TABLE llx_facture (
    rowid integer AUTO_INCREMENT PRIMARY KEY, ref varchar(30) NOT NULL, entity integer DEFAULT 1 NOT NULL,
    ref_ext varchar(255), ref_client varchar(255), type smallint DEFAULT 0 NOT NULL, subtype smallint DEFAULT NULL,
    fk_soc integer NOT NULL, datec datetime, datef date, date_pointoftax date, date_valid date, ${TMS},
    date_closing datetime, paye smallint DEFAULT 0 NOT NULL, remise_percent real DEFAULT 0,
    remise_absolue real DEFAULT 0, remise real DEFAULT 0, close_code varchar(16),
    close_missing_amount double(24,8), close_note varchar(128), total_tva double(24,8) DEFAULT 0,
    localtax1 double(24,8) DEFAULT 0, localtax2 double(24,8) DEFAULT 0, revenuestamp double(24,8) DEFAULT 0,
    total_ht double(24,8) DEFAULT 0, total_ttc double(24,8) DEFAULT 0, fk_statut smallint DEFAULT 0 NOT NULL,
    fk_user_author integer, fk_user_modif integer, fk_user_valid integer, fk_user_closing integer,
    fk_facture_source integer, fk_projet integer DEFAULT NULL, fk_account integer, fk_currency varchar(3),
    fk_cond_reglement integer DEFAULT 1 NOT NULL, fk_mode_reglement integer, date_lim_reglement date,
    note_private text, note_public text, fk_multicurrency integer, multicurrency_code varchar(3),
    multicurrency_tx double(24,8) DEFAULT 1, multicurrency_total_ht double(24,8) DEFAULT 0,
    multicurrency_total_tva double(24,8) DEFAULT 0, multicurrency_total_ttc double(24,8) DEFAULT 0,
    UNIQUE KEY uk_facture_ref (ref, entity), KEY idx_facture_fk_soc (fk_soc), KEY idx_facture_tms (tms)) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_paiement (
    rowid integer AUTO_INCREMENT PRIMARY KEY, ref varchar(30) NOT NULL DEFAULT '', ref_ext varchar(255),
    entity integer DEFAULT 1 NOT NULL, datec datetime, ${TMS}, datep datetime, amount double(24,8) DEFAULT 0,
    multicurrency_amount double(24,8) DEFAULT 0, fk_paiement integer NOT NULL, num_paiement varchar(50),
    note text, ext_payment_id varchar(255), ext_payment_site varchar(128), fk_bank integer DEFAULT 0 NOT NULL,
    fk_user_creat integer, fk_user_modif integer, statut smallint DEFAULT 0 NOT NULL,
    fk_export_compta integer DEFAULT 0 NOT NULL, pos_change double(24,8) DEFAULT 0) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_paiement_facture (
    rowid integer AUTO_INCREMENT PRIMARY KEY, fk_paiement integer, fk_facture integer,
    amount double(24,8) DEFAULT 0, multicurrency_code varchar(3), multicurrency_tx double(24,8) DEFAULT 1,
    multicurrency_amount double(24,8) DEFAULT 0,
    UNIQUE KEY uk_paiement_facture (fk_paiement, fk_facture), KEY idx_paiement_facture_fk_facture (fk_facture)) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_societe_remise_except (
    rowid integer AUTO_INCREMENT PRIMARY KEY, entity integer DEFAULT 1 NOT NULL, fk_soc integer NOT NULL,
    discount_type integer DEFAULT 0 NOT NULL, datec datetime, amount_ht double(24,8) DEFAULT 0 NOT NULL,
    amount_tva double(24,8) DEFAULT 0 NOT NULL, amount_ttc double(24,8) DEFAULT 0 NOT NULL,
    tva_tx double(7,4) DEFAULT 0 NOT NULL, vat_src_code varchar(10) DEFAULT '', fk_user integer NOT NULL,
    fk_facture_line integer, fk_facture integer, fk_facture_source integer,
    fk_invoice_supplier_line integer, fk_invoice_supplier integer, fk_invoice_supplier_source integer,
    description text NOT NULL, multicurrency_amount_ht double(24,8) DEFAULT 0 NOT NULL,
    multicurrency_amount_tva double(24,8) DEFAULT 0 NOT NULL,
    multicurrency_amount_ttc double(24,8) DEFAULT 0 NOT NULL) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_societe (
    rowid integer AUTO_INCREMENT PRIMARY KEY, nom varchar(128), name_alias varchar(128),
    entity integer DEFAULT 1 NOT NULL, status tinyint DEFAULT 1, ${TMS}, datec datetime,
    email varchar(128), phone varchar(20), client tinyint DEFAULT 0, default_lang varchar(6)) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_socpeople (
    rowid integer AUTO_INCREMENT PRIMARY KEY, datec datetime, ${TMS}, fk_soc integer,
    entity integer DEFAULT 1 NOT NULL, civility varchar(6), lastname varchar(50), firstname varchar(50),
    email varchar(255), phone varchar(30), phone_perso varchar(30), phone_mobile varchar(30),
    statut tinyint DEFAULT 1 NOT NULL) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_element_contact (
    rowid integer AUTO_INCREMENT PRIMARY KEY, datecreate datetime NULL, statut smallint DEFAULT 5,
    element_id int NOT NULL, fk_c_type_contact int NOT NULL, fk_socpeople integer NOT NULL) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_c_type_contact (
    rowid integer PRIMARY KEY, element varchar(64) NOT NULL, source varchar(8) DEFAULT 'external' NOT NULL,
    code varchar(32) NOT NULL, libelle varchar(128) NOT NULL, active tinyint DEFAULT 1 NOT NULL,
    module varchar(32) NULL, position integer NOT NULL DEFAULT 0) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_user (
    rowid integer AUTO_INCREMENT PRIMARY KEY, entity integer DEFAULT 1 NOT NULL, login varchar(50) NOT NULL,
    lastname varchar(50), firstname varchar(50), email varchar(255)) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_societe_commerciaux (
    rowid integer AUTO_INCREMENT PRIMARY KEY, fk_soc integer, fk_user integer,
    fk_c_type_contact_code varchar(32) NOT NULL DEFAULT 'SALESREPTHIRD', import_key varchar(14)) ${TABLE}`);
  await db.raw(`CREATE TABLE llx_const (
    rowid integer AUTO_INCREMENT PRIMARY KEY, name varchar(180) NOT NULL, entity integer DEFAULT 1 NOT NULL,
    value text NOT NULL, type varchar(64) DEFAULT 'string', visible tinyint DEFAULT 1 NOT NULL, note text,
    ${TMS}, UNIQUE KEY uk_const (name, entity)) ${TABLE}`);
}

interface Invoice {
  rowid: number;
  ref: string;
  entity?: number;
  type?: number;
  soc: number;
  datef: string;
  due: string;
  total: number;
  status: number;
  tms: string;
  closing?: string;
  closeCode?: string;
  currency?: string;
  rate?: number;
  source?: number;
}

const invoice = (i: Invoice) => ({
  rowid: i.rowid,
  ref: i.ref,
  entity: i.entity ?? 1,
  type: i.type ?? 0,
  fk_soc: i.soc,
  datec: `${i.datef} 08:00:00`,
  datef: i.datef,
  date_valid: i.status > 0 ? i.datef : null,
  tms: i.tms,
  date_closing: i.closing ?? null,
  paye: i.status === 2 ? 1 : 0,
  close_code: i.closeCode ?? null,
  total_ht: Math.round((i.total / 1.13) * 100) / 100,
  total_tva: i.total - Math.round((i.total / 1.13) * 100) / 100,
  total_ttc: i.currency ? Math.round((i.total / (i.rate ?? 1)) * 100) / 100 : i.total,
  fk_statut: i.status,
  fk_facture_source: i.source ?? null,
  date_lim_reglement: i.due,
  multicurrency_code: i.currency ?? null,
  multicurrency_tx: i.rate ?? 1,
  multicurrency_total_ttc: i.total,
});

/** A payment of `amount` (invoice currency) on `invoice`, made on `datep` and recorded at `tms`. */
export async function addPayment(
  db: Knex,
  p: { rowid: number; invoice: number; datep: string; tms: string; amount: number; rate?: number },
): Promise<void> {
  const main = Math.round((p.amount / (p.rate ?? 1)) * 100) / 100;
  await db('llx_paiement').insert({
    rowid: p.rowid,
    ref: `PAY2610-${String(p.rowid).padStart(4, '0')}`,
    datec: p.tms,
    tms: p.tms,
    datep: p.datep,
    amount: main,
    multicurrency_amount: p.amount,
    fk_paiement: 2,
    fk_bank: 0,
    statut: 1,
  });
  await db('llx_paiement_facture').insert({
    fk_paiement: p.rowid,
    fk_facture: p.invoice,
    amount: main,
    multicurrency_amount: p.amount,
  });
}

/**
 * Entity 1 (company Acme Shanghai, currency CNY) and entity 2 (Acme Europe SARL, EUR):
 *  1 FA2609-0001 10,000 CNY, 4,000 paid on 2026-09-25 (the invoice's tms did not move);
 *  2 FA2609-0002 1,200 CNY paid in full on 2026-10-05 (closed, paye 1);
 *  3 FA2610-0003 2,000 CNY with credit note AV2610-0001 (500) applied: 1,500 open;
 *  4 AV2610-0002 a credit note of 300 turned into a discount never applied;
 *  5 (PROV5) a draft; 6 FA2609-0005 abandoned; 7 FA2610-0006 1,500 USD (rate 0.14), 500 USD paid;
 *  8 FA2610-0007 800 CNY with multicurrency_code CNY; 9 AV2610-0003 (300) settling
 *  10 FA2610-0008 (300 CNY, closed on 2026-10-28 without payment); 11 FA2610-0001 300 EUR of entity 2;
 *  13 AC2610-0001 a deposit of 400, paid and deducted from 14 FA2610-0009 (1,000): 600 open.
 */
export async function loadDolibarrRows(db: Knex): Promise<void> {
  await db('llx_const').insert([
    { name: 'MAIN_MONNAIE', entity: 1, value: 'CNY', type: 'chaine' },
    { name: 'MAIN_MONNAIE', entity: 2, value: 'EUR', type: 'chaine' },
    { name: 'MAIN_INFO_SOCIETE_NOM', entity: 1, value: 'Acme Shanghai', type: 'chaine' },
    { name: 'MAIN_INFO_SOCIETE_NOM', entity: 2, value: 'Acme Europe SARL', type: 'chaine' },
  ]);
  await db('llx_c_type_contact').insert([
    {
      rowid: 50,
      element: 'facture',
      source: 'internal',
      code: 'SALESREPFOLL',
      libelle: 'Responsable suivi facture client',
      module: 'facture',
    },
    {
      rowid: 60,
      element: 'facture',
      source: 'external',
      code: 'BILLING',
      libelle: 'Contact client facturation',
      module: 'facture',
    },
    {
      rowid: 61,
      element: 'facture',
      source: 'external',
      code: 'SHIPPING',
      libelle: 'Contact client livraison',
      module: 'facture',
    },
    {
      rowid: 91,
      element: 'commande',
      source: 'external',
      code: 'BILLING',
      libelle: 'Contact client facturation commande',
      module: 'commande',
    },
  ]);
  await db('llx_user').insert([
    { rowid: 1, login: 'liwei', firstname: 'Wei', lastname: 'Li' },
    { rowid: 2, login: 'zhangmin', firstname: 'Min', lastname: 'Zhang' },
  ]);
  await db('llx_societe').insert([
    {
      rowid: 1,
      nom: '上海星河贸易有限公司',
      email: 'ap@xinghe.example',
      phone: '+86 21 5555 0100',
      client: 1,
      default_lang: 'zh_CN',
    },
    {
      rowid: 2,
      nom: 'Northwind Traders Ltd',
      email: 'ap@northwind.example',
      phone: '+44 20 7946 0000',
      client: 1,
      default_lang: 'en_GB',
    },
    { rowid: 3, nom: 'Globex Inc.', email: null, phone: null, client: 1, default_lang: null },
  ]);
  await db('llx_societe_commerciaux').insert({ fk_soc: 1, fk_user: 1 });
  await db('llx_socpeople').insert([
    {
      rowid: 1,
      fk_soc: 1,
      firstname: 'Fang',
      lastname: 'Wang',
      email: 'wang.fang@xinghe.example',
      phone_mobile: '+86 138 0000 0001',
    },
    { rowid: 2, fk_soc: 1, firstname: 'Jun', lastname: 'Chen', email: 'shipping@xinghe.example' },
  ]);
  await db('llx_facture').insert([
    invoice({
      rowid: 1,
      ref: 'FA2609-0001',
      soc: 1,
      datef: '2026-09-01',
      due: '2026-10-01',
      total: 10000,
      status: 1,
      tms: '2026-09-01 09:00:00',
    }),
    invoice({
      rowid: 2,
      ref: 'FA2609-0002',
      soc: 2,
      datef: '2026-09-15',
      due: '2026-10-15',
      total: 1200,
      status: 2,
      tms: '2026-10-05 16:00:00',
      closing: '2026-10-05 16:00:00',
    }),
    invoice({
      rowid: 3,
      ref: 'FA2610-0003',
      soc: 2,
      datef: '2026-10-01',
      due: '2026-10-31',
      total: 2000,
      status: 1,
      tms: '2026-10-01 09:00:00',
    }),
    invoice({
      rowid: 4,
      ref: 'AV2610-0001',
      type: 2,
      soc: 2,
      datef: '2026-10-20',
      due: '2026-10-20',
      total: -500,
      status: 2,
      tms: '2026-10-20 10:00:00',
      source: 3,
    }),
    invoice({
      rowid: 12,
      ref: 'AV2610-0002',
      type: 2,
      soc: 2,
      datef: '2026-10-21',
      due: '2026-10-21',
      total: -300,
      status: 2,
      tms: '2026-10-21 10:00:00',
    }),
    invoice({
      rowid: 5,
      ref: '(PROV5)',
      soc: 2,
      datef: '2026-10-28',
      due: '2026-11-27',
      total: 700,
      status: 0,
      tms: '2026-10-28 10:00:00',
    }),
    invoice({
      rowid: 6,
      ref: 'FA2609-0005',
      soc: 2,
      datef: '2026-09-20',
      due: '2026-10-20',
      total: 450,
      status: 3,
      closeCode: 'abandon',
      tms: '2026-09-21 10:00:00',
    }),
    invoice({
      rowid: 7,
      ref: 'FA2610-0006',
      soc: 3,
      datef: '2026-10-10',
      due: '2026-11-09',
      total: 1500,
      currency: 'USD',
      rate: 0.14,
      status: 1,
      tms: '2026-10-10 09:00:00',
    }),
    invoice({
      rowid: 8,
      ref: 'FA2610-0007',
      soc: 1,
      datef: '2026-10-12',
      due: '2026-11-11',
      total: 800,
      currency: 'CNY',
      status: 1,
      tms: '2026-10-12 09:00:00',
    }),
    invoice({
      rowid: 9,
      ref: 'AV2610-0003',
      type: 2,
      soc: 2,
      datef: '2026-10-28',
      due: '2026-10-28',
      total: -300,
      status: 2,
      tms: '2026-10-28 11:00:00',
    }),
    invoice({
      rowid: 10,
      ref: 'FA2610-0008',
      soc: 2,
      datef: '2026-10-02',
      due: '2026-11-01',
      total: 300,
      status: 2,
      tms: '2026-10-28 12:00:00',
      closing: '2026-10-28 12:00:00',
    }),
    invoice({
      rowid: 11,
      ref: 'FA2610-0001',
      entity: 2,
      soc: 2,
      datef: '2026-10-02',
      due: '2026-11-01',
      total: 300,
      currency: 'EUR',
      status: 1,
      tms: '2026-10-02 09:00:00',
    }),
    // A deposit invoice, paid, turned into a discount and deducted from the final invoice.
    invoice({
      rowid: 13,
      ref: 'AC2610-0001',
      type: 3,
      soc: 2,
      datef: '2026-10-03',
      due: '2026-10-03',
      total: 400,
      status: 2,
      tms: '2026-10-03 15:00:00',
      closing: '2026-10-03 15:00:00',
    }),
    invoice({
      rowid: 14,
      ref: 'FA2610-0009',
      soc: 2,
      datef: '2026-10-20',
      due: '2026-11-19',
      total: 1000,
      status: 1,
      tms: '2026-10-20 09:00:00',
    }),
  ]);
  // The credit notes turned into discounts; two applied (fk_facture), one still available.
  const discount = (source: number, amount: number, applied: number | null) => ({
    fk_soc: 2,
    datec: '2026-10-20 10:00:00',
    amount_ht: amount,
    amount_tva: 0,
    amount_ttc: amount,
    fk_user: 1,
    fk_facture: applied,
    fk_facture_source: source,
    description: '(CREDIT_NOTE)',
    multicurrency_amount_ht: amount,
    multicurrency_amount_ttc: amount,
  });
  await db('llx_societe_remise_except').insert([
    discount(4, 500, 3),
    discount(12, 300, null),
    discount(9, 300, 10),
    { ...discount(13, 400, 14), description: '(DEPOSIT)' },
  ]);
  await addPayment(db, {
    rowid: 1,
    invoice: 1,
    datep: '2026-09-25 00:00:00',
    tms: '2026-09-25 10:05:00',
    amount: 4000,
  });
  await addPayment(db, {
    rowid: 2,
    invoice: 2,
    datep: '2026-10-05 00:00:00',
    tms: '2026-10-05 16:00:00',
    amount: 1200,
  });
  await addPayment(db, {
    rowid: 4,
    invoice: 13,
    datep: '2026-10-03 00:00:00',
    tms: '2026-10-03 15:00:00',
    amount: 400,
  });
  await addPayment(db, {
    rowid: 3,
    invoice: 7,
    datep: '2026-10-30 00:00:00',
    tms: '2026-10-30 11:00:00',
    amount: 500,
    rate: 0.14,
  });
  await db('llx_element_contact').insert([
    { datecreate: '2026-09-01 09:00:00', statut: 4, element_id: 1, fk_c_type_contact: 61, fk_socpeople: 2 },
    { datecreate: '2026-09-01 09:00:00', statut: 4, element_id: 1, fk_c_type_contact: 60, fk_socpeople: 1 },
    { datecreate: '2026-09-01 09:00:00', statut: 4, element_id: 1, fk_c_type_contact: 50, fk_socpeople: 2 },
  ]);
}
