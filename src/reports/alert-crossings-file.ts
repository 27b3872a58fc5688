/**
 * PB-07: the file of an alert check's overview (the first check, or a check after an outage): every crossing
 * the check opened, most overdue first. Made when the outbox delivers the overview, not in the check's
 * transaction: a first check of a million-account ledger opens hundreds of thousands of crossings. Read
 * page by page (keyset) from alert_crossings, where the check recorded them with their amounts.
 */
import type { Knex } from 'knex';
import { majorUnitsText } from '../collections/money.ts';
import { translator } from '../i18n/translate.ts';
import type { FileAttachment, GeneratedCrossings } from '../views/model.ts';
import { csvFromLines, csvLine } from './csv.ts';

/** Crossings per page: the process holds one page of rows, not all of them. */
const FILE_PAGE = 5000;

/** Makes the CSV of the crossings `file` names. */
export async function crossingsFile(db: Knex, file: GeneratedCrossings): Promise<FileAttachment> {
  const t = translator(file.locale ?? 'en');
  const lines: string[] = [];
  let after: { days: number; customer: string; kind: string; id: string } | null = null;
  for (;;) {
    const page = (
      await db.raw(
        `SELECT o.id::text, o.customer_id::text, c.name, o.kind, i.invoice_number, o.currency, o.amount_minor,
                o.threshold_minor, o.days_overdue
         FROM alert_crossings o JOIN customers c ON c.id = o.customer_id
         LEFT JOIN open_items i ON i.id = o.open_item_id
         WHERE o.id BETWEEN ? AND ?
         ${after ? 'AND (-o.days_overdue, o.customer_id, o.kind, o.id) > (?::int, ?::bigint, ?::text, ?::bigint)' : ''}
         ORDER BY -o.days_overdue, o.customer_id, o.kind, o.id LIMIT ${FILE_PAGE}`,
        [file.firstId, file.lastId, ...(after ? [-after.days, after.customer, after.kind, after.id] : [])],
      )
    ).rows as {
      id: string;
      customer_id: string;
      name: string;
      kind: string;
      invoice_number: string | null;
      currency: string;
      amount_minor: string;
      threshold_minor: string;
      days_overdue: number;
    }[];
    for (const r of page)
      lines.push(
        csvLine([
          Number(r.customer_id),
          r.name,
          t.t('alerts.csv.kind_value', { kind: r.kind }),
          r.invoice_number,
          String(r.currency).trim(),
          majorUnitsText({ minor: Number(r.amount_minor), currency: String(r.currency).trim() }),
          majorUnitsText({ minor: Number(r.threshold_minor), currency: String(r.currency).trim() }),
          Number(r.days_overdue),
        ]),
      );
    const last = page[page.length - 1];
    if (!last || page.length < FILE_PAGE) break;
    after = { days: Number(last.days_overdue), customer: last.customer_id, kind: last.kind, id: last.id };
  }
  return {
    filename: file.filename,
    mimeType: 'text/csv',
    data: csvFromLines(
      [
        t.t('alerts.csv.account_id'),
        t.t('alerts.csv.account'),
        t.t('alerts.csv.kind'),
        t.t('alerts.csv.invoice'),
        t.t('alerts.csv.currency'),
        t.t('alerts.csv.amount'),
        t.t('alerts.csv.threshold'),
        t.t('alerts.csv.days'),
      ],
      lines,
    ),
    ...(file.title ? { title: file.title } : {}),
  };
}
