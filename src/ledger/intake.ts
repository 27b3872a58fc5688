/**
 * What a sync makes of the rows it reads, before anything is written: every row checked, the valid
 * ones (and the ids of the skipped ones) as COPY text for the item stage, the skipped ones counted by
 * reason, the latest fields of each customer, and the latest change read (the next watermark).
 * For a first load (`load`) the text is for open_items and customers themselves, with their ids
 * numbered here (see loadFirst in sync.ts).
 *
 * Rows come as driver rows (checked by parseLedgerRow) or as COPY text from a Postgres ledger, whose
 * usual lines are checked on their bytes (copy-check.ts) and the rest decoded and checked like any row.
 */
import {
  ByteWriter,
  type CheckedLine,
  checkLine,
  COPY_COLUMN_ORDER,
  EXTRAS_ROOM,
  ITEM_STAGE_COLUMNS,
  newCheckedLine,
  writeItemExtras,
  writeNumber,
  writeStageTail,
} from './copy-check.ts';
import { decodeCopyLineAt, detached, encodeCopyField } from './copy-text.ts';
import { RepeatWatch } from './repeat-watch.ts';
import { CUSTOMER_STAGE_COLUMNS } from './stage.ts';
import { parseLedgerRow, parseLedgerTimestamp } from './rows.ts';
import type { LedgerBatch, LedgerColumn, LedgerItem, RawLedgerRow, SkipReason } from './types.ts';

/** Rows skipped for one reason: how many, and the first invoice ids to look up in the ledger. */
export interface SkippedRows {
  count: number;
  invoiceIds: string[];
}

/**
 * A customer's fields as the latest row read gives them, as the COPY text of the customer stage
 * (customer id to locale), held one byte per character ('latin1') so that the bytes of a COPY line
 * compare with it directly. `at` is that row's updated_at in ISO form.
 */
interface CustomerFields {
  /** The customer id as COPY text, one byte per character. */
  key: string;
  /** The next customer whose key has the same hash (rare). */
  next: CustomerFields | null;
  fields: string;
  at: string;
  /** Its customers.id, numbered in the order first read (first load only; 0 otherwise). */
  id: number;
}

/** A first load: open_items and customers are empty and written directly (beginFirstLoad reserves the ids). */
export interface FirstLoad {
  runId: number;
  /** The ids of the first customer and the first item read; the next ones follow. */
  firstCustomerId: number;
  firstItemId: number;
}

/** open_items' columns in the order of the lines a first load writes. */
export const LOAD_ITEM_COLUMNS = [
  ...ITEM_STAGE_COLUMNS.slice(0, 8),
  'customer_id',
  'status',
  'settled_at',
  'last_seen_sync',
  'id',
  ...ITEM_STAGE_COLUMNS.slice(ITEM_STAGE_COLUMNS.indexOf('ledger_paid_at')),
] as const;

/** customers' columns in the order of the lines a first load writes. */
export const LOAD_CUSTOMER_COLUMNS = ['id', ...CUSTOMER_STAGE_COLUMNS] as const;

const SKIPPED_IDS_KEPT = 20;
/** Text as its UTF-8 bytes, one per character (see CustomerFields). */
const asBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** The COPY column order checkLine knows (a source reads every column, NULL where a mapping has none). */
const knownOrder = (columns: readonly LedgerColumn[]) =>
  columns.length === COPY_COLUMN_ORDER.length &&
  columns.every((column, k) => column === COPY_COLUMN_ORDER[k]);

/** Whether `known` holds the bytes of `line` from `start` to `end`. */
function holds(known: string, line: Buffer, start: number, end: number): boolean {
  const length = end - start;
  if (known.length !== length) return false;
  for (let k = 0; k < length; k++) if (known.charCodeAt(k) !== line[start + k]) return false;
  return true;
}

/**
 * FNV-1a of bytes, and of text held one byte per character: the same number for the same bytes. Cut
 * to 30 bits, which V8 keeps as small integers (a larger number as a Map key is a heap object).
 */
function hashBytes(bytes: Buffer, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ (bytes[k] as number), 0x01000193);
  return h & 0x3fffffff;
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h & 0x3fffffff;
}

/** Compares the 24 ISO bytes at `at` with an ISO string: < 0 earlier, 0 same, > 0 later. */
function compareIso(bytes: Buffer, at: number, iso: string): number {
  for (let k = 0; k < 24; k++) {
    const d = (bytes[at + k] as number) - iso.charCodeAt(k);
    if (d !== 0) return d;
  }
  return iso.length === 24 ? 0 : -1;
}

export class SyncIntake {
  rowsRead = 0;
  rowsSkipped = 0;
  readonly skipped: Partial<Record<SkipReason, SkippedRows>> = {};
  private readonly items = new ByteWriter();
  private pending = 0;
  /** The latest updated_at read: in ISO bytes from checked lines, as a Date from other rows. */
  private readonly latestIso = Buffer.alloc(24);
  private latestDate: Date | null = null;
  /** Customers by a hash of their key (hashing the bytes in place spares a string per row read). */
  private readonly customers = new Map<number, CustomerFields>();
  private customerTotal = 0;
  private readonly checked = newCheckedLine();
  private readonly ids = new RepeatWatch();
  /** Items written so far (first load: numbers their ids). */
  itemsWritten = 0;

  constructor(private readonly load: FirstLoad | null = null) {}

  /** Takes one batch as read. */
  take(batch: LedgerBatch): void {
    if (batch.kind === 'rows') for (const raw of batch.rows) this.takeRow(raw);
    else this.takeCopy(batch.text, batch.columns);
  }

  /** Rows taken since the last takeItems(). */
  get pendingRows(): number {
    return this.pending;
  }

  /** The item stage's COPY text for the rows taken since the last call. */
  takeItems(): Buffer {
    this.pending = 0;
    return this.items.take();
  }

  /** The latest updated_at read, skipped rows included (a fixed row gets a new updated_at). */
  latestChange(): Date | null {
    const iso = this.latestIso[0] === 0 ? null : new Date(this.latestIso.toString('latin1'));
    if (!iso) return this.latestDate;
    return this.latestDate && this.latestDate > iso ? this.latestDate : iso;
  }

  /** False when no valid row's invoice id was read twice (exact); true when one may have been. */
  get mayRepeatInvoices(): boolean {
    return this.ids.repeated;
  }

  /** How many customers the rows named. */
  get customerCount(): number {
    return this.customerTotal;
  }

  /**
   * The customer stage's COPY text (a first load: customers' own, LOAD_CUSTOMER_COLUMNS): each
   * customer once, as its latest row gives it, `size` at a time.
   */
  *customerLines(size: number): Generator<Buffer> {
    const out = new ByteWriter();
    let rows = 0;
    for (const first of this.customers.values()) {
      for (let c: CustomerFields | null = first; c; c = c.next) {
        if (this.load) out.write(`${c.id}\t`, 'latin1');
        out.write(c.fields, 'latin1');
        out.write('\n', 'latin1');
        if (++rows % size === 0) yield out.take();
      }
    }
    if (out.length > 0) yield out.take();
  }

  private takeCopy(text: Buffer, columns: readonly LedgerColumn[]): void {
    const fast = knownOrder(columns);
    const checked = this.checked;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf(10, start);
      if (end < 0) end = text.length;
      this.rowsRead++;
      this.pending++;
      if (fast && checkLine(text, start, end, columns.length, this.items, checked)) {
        this.ids.addBytes(text, start, checked.idEnd);
        this.noteLatestIso(checked.isoAt);
        const customer = this.noteCustomerLine(text, checked);
        if (!this.load) writeStageTail(text, checked, this.rowsRead, this.items);
        else {
          // A first load ends the line with open_items' own columns.
          writeLoadTail(
            this.items,
            text,
            checked,
            customer.id,
            this.load.runId,
            this.load.firstItemId + this.itemsWritten,
          );
        }
        this.itemsWritten++;
      } else {
        this.check(decodeCopyLineAt(text, start, end, columns));
      }
      start = end + 1;
    }
  }

  private takeRow(raw: RawLedgerRow): void {
    this.rowsRead++;
    this.pending++;
    this.check(raw);
  }

  /** The general path: parseLedgerRow decides, and the item is written as COPY text. */
  private check(raw: RawLedgerRow): void {
    const parsed = parseLedgerRow(raw);
    const updatedAt = parsed.ok ? parsed.item.updatedAt : parseLedgerTimestamp(raw.updated_at);
    if (updatedAt && (!this.latestDate || updatedAt > this.latestDate)) this.latestDate = updatedAt;
    if (!parsed.ok) {
      this.countSkipped(parsed.reason, parsed.invoiceId);
      // Kept so that the reconcile knows the ledger still has the item (a first load reconciles nothing).
      if (parsed.invoiceId !== null && !this.load)
        this.items.write(`${encodeCopyField(parsed.invoiceId)}${SKIPPED_FIELDS}`);
      return;
    }
    const item = parsed.item;
    this.ids.addText(encodeCopyField(item.invoiceId));
    const at = item.updatedAt.toISOString();
    const fields = asBytes(customerText(item));
    const key = fields.slice(0, fields.indexOf('\t'));
    const hash = hashText(key);
    let customer: CustomerFields | null = this.customers.get(hash) ?? null;
    while (customer && customer.key !== key) customer = customer.next;
    if (!customer) customer = this.addCustomer(hash, key, fields, at);
    else if (at >= customer.at) {
      customer.at = at;
      customer.fields = fields;
    }
    const line = this.load
      ? loadLine(item, at, customer.id, this.load.runId, this.load.firstItemId + this.itemsWritten)
      : itemLine(item, at, this.rowsRead);
    this.itemsWritten++;
    this.items.write(line);
  }

  private addCustomer(hash: number, key: string, fields: string, at: string): CustomerFields {
    const customer: CustomerFields = {
      key,
      next: this.customers.get(hash) ?? null,
      fields,
      at,
      id: this.load ? this.load.firstCustomerId + this.customerTotal : 0,
    };
    this.customers.set(hash, customer);
    this.customerTotal++;
    return customer;
  }

  private noteLatestIso(at: number): void {
    const bytes = this.items.bytes;
    const latest = this.latestIso;
    for (let k = 0; k < 24; k++) {
      const d = (bytes[at + k] as number) - (latest[k] as number);
      if (d > 0) bytes.copy(latest, 0, at, at + 24);
      if (d !== 0) return;
    }
  }

  /** The latest row read gives a customer's fields (the later read on a tie). */
  private noteCustomerLine(line: Buffer, checked: CheckedLine): CustomerFields {
    const { customerStart, customerIdEnd, customerEnd, isoAt } = checked;
    const hash = hashBytes(line, customerStart, customerIdEnd);
    let known: CustomerFields | null = this.customers.get(hash) ?? null;
    while (known && !holds(known.key, line, customerStart, customerIdEnd)) known = known.next;
    const bytes = this.items.bytes;
    if (!known) {
      const key = line.toString('latin1', customerStart, customerIdEnd);
      const fields = line.toString('latin1', customerStart, customerEnd);
      return this.addCustomer(hash, key, fields, bytes.toString('latin1', isoAt, isoAt + 24));
    }
    if (compareIso(bytes, isoAt, known.at) < 0) return known;
    known.at = bytes.toString('latin1', isoAt, isoAt + 24);
    if (!holds(known.fields, line, customerStart, customerEnd))
      known.fields = line.toString('latin1', customerStart, customerEnd);
    return known;
  }

  private countSkipped(reason: SkipReason, invoiceId: string | null): void {
    const entry = this.skipped[reason] ?? { count: 0, invoiceIds: [] };
    entry.count += 1;
    if (invoiceId !== null && entry.invoiceIds.length < SKIPPED_IDS_KEPT)
      entry.invoiceIds.push(detached(invoiceId));
    this.skipped[reason] = entry;
    this.rowsSkipped += 1;
  }
}

/** The rest of a skipped row's item stage line after its id: no fields, `valid` false, no `n`, no extras. */
const SKIPPED_FIELDS = `${'\t\\N'.repeat(ITEM_STAGE_COLUMNS.indexOf('valid') - 1)}\tf${'\t\\N'.repeat(
  ITEM_STAGE_COLUMNS.length - ITEM_STAGE_COLUMNS.indexOf('valid') - 1,
)}\n`;

/** An item's stage line (ITEM_STAGE_COLUMNS), as checkLine and writeStageTail write it for the usual rows. */
export function itemLine(i: LedgerItem, at: string, n: number): string {
  const f = encodeCopyField;
  return (
    `${f(i.invoiceId)}\t${f(i.invoiceNumber)}\t${i.issueDate}\t${i.dueDate}\t${i.totalMinor}\t${i.openMinor}\t` +
    `${i.currency}\t${at}\t${f(i.customerId)}\tt\t${n}\t${extrasText(i)}\n`
  );
}

const SETTLED = Buffer.from('\tsettled\t', 'latin1');
const OPEN = Buffer.from('\topen\t\\N\t', 'latin1');

/**
 * Ends a first load's item line checkLine started (LOAD_ITEM_COLUMNS), as loadLine does: byte by byte,
 * as this runs once per row.
 */
function writeLoadTail(
  out: ByteWriter,
  line: Buffer,
  checked: CheckedLine,
  customerId: number,
  runId: number,
  id: number,
): void {
  const settled = checked.open === 0;
  out.reserve(24 + 64 + 24 + EXTRAS_ROOM);
  out.bytes[out.length++] = 9; // tab
  writeNumber(out, customerId);
  const status = settled ? SETTLED : OPEN;
  status.copy(out.bytes, out.length);
  out.length += status.length;
  if (settled) {
    // Settled as of its payment (paid_at), else of its last change.
    if (checked.paid) checked.paidIso.copy(out.bytes, out.length);
    else out.bytes.copy(out.bytes, out.length, checked.isoAt, checked.isoAt + 24);
    out.length += 24;
    out.bytes[out.length++] = 9;
  }
  writeNumber(out, runId);
  out.bytes[out.length++] = 9;
  writeNumber(out, id);
  writeItemExtras(line, checked, out);
}

/**
 * The item's optional fields as COPY text (ITEM_STAGE_COLUMNS from ledger_paid_at): paid_at (ISO, UTC),
 * the discount's last day and minor units.
 */
const extrasText = (i: LedgerItem) =>
  `${i.paidAt ? i.paidAt.toISOString() : '\\N'}\t${i.discountUntil ?? '\\N'}\t${i.discountMinor ?? '\\N'}`;

/** An item's open_items line for a first load (LOAD_ITEM_COLUMNS). */
function loadLine(i: LedgerItem, at: string, customerId: number, runId: number, id: number): string {
  const f = encodeCopyField;
  const settled = i.openMinor === 0;
  // A settled item was paid when the ledger's payment records say, else (no paid_at) at its last change.
  const settledAt = settled ? (i.paidAt?.toISOString() ?? at) : '\\N';
  return (
    `${f(i.invoiceId)}\t${f(i.invoiceNumber)}\t${i.issueDate}\t${i.dueDate}\t${i.totalMinor}\t${i.openMinor}\t` +
    `${i.currency}\t${at}\t${customerId}\t${settled ? 'settled' : 'open'}\t${settledAt}\t${runId}\t${id}\t${extrasText(i)}\n`
  );
}

/** A customer's fields as the customer stage's COPY text (CUSTOMER_STAGE_COLUMNS), customer id on. */
export function customerText(i: LedgerItem): string {
  const f = encodeCopyField;
  return (
    `${f(i.customerId)}\t${f(i.customerName)}\t${f(i.contactName)}\t${f(i.contactEmail)}\t` +
    `${f(i.contactPhone)}\t${f(i.salesRep)}\t${f(i.customerLocale)}\t${f(i.interestPercent)}\t` +
    `${f(i.customerTimeZone)}\t${f(i.nextDeliveryDate)}`
  );
}
