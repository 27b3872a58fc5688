/**
 * The ledger contract: what a mapping query must return, and what the sync makes of it.
 * A mapping is one SQL query over the accounting database that returns these named columns and
 * takes the watermark as the bound parameter `:watermark` (rows changed after it).
 */

/** Columns every mapping must return, by name. */
export const REQUIRED_COLUMNS = [
  'invoice_id',
  'invoice_number',
  'customer_id',
  'customer_name',
  'issue_date',
  'due_date',
  'total',
  'open_amount',
  'currency',
  'updated_at',
  'contact_name',
  'contact_email',
  'contact_phone',
  'sales_rep',
] as const;

/**
 * Optional columns with terms the ledger may keep (issue 18):
 * - `interest_percent_per_day`: the customer's contract late-interest rate in percent a day (0.03 is
 *   0.03% a day; 0 to 5), PB-16; a rate a manager sets in duebot wins over it;
 * - `discount_until` and `discount_amount`: the invoice's (installment's) early-payment discount, PB-18:
 *   the last day it may be taken and what it saves, in the row's currency. Both empty: the ledger says
 *   nothing and the global policy (LETTER_EARLY_DISCOUNT) applies; amount 0 and no date: no discount.
 */
export const LEDGER_TERM_COLUMNS = ['interest_percent_per_day', 'discount_until', 'discount_amount'] as const;

/**
 * Optional customer columns about when to contact: `customer_time_zone` (an IANA name such as
 * Europe/Berlin; PB-24 sends letters at 9:00 or 14:00 on the customer's clock) and `next_delivery_date`
 * (continuous supply: PB-15 calls a week before the next delivery). A zone Intl does not know or a date
 * that is not one is read as absent (the settings' zone applies; no call is planned), never skips the row.
 */
export const CONTACT_COLUMNS = ['customer_time_zone', 'next_delivery_date'] as const;

/**
 * Columns a mapping may return; absent ones are treated as null. `paid_at`: when the open amount last
 * went down (the latest payment or credit applied), read from the ledger's payment records; grades
 * (PB-09), credit hold (PB-10), blacklist (PB-11) and DSO/CEI date payments by it. Without it the
 * row's last change (`updated_at`) stands in, which an ERP's bulk update moves for every row.
 */
export const OPTIONAL_COLUMNS = [
  'customer_locale',
  'paid_at',
  ...LEDGER_TERM_COLUMNS,
  ...CONTACT_COLUMNS,
] as const;

export type LedgerColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** One row as the driver hands it over: types vary by engine and are checked by the sync. */
export type RawLedgerRow = Record<string, unknown>;

/**
 * A batch as read: rows as the driver hands them over, or (a Postgres ledger, read by COPY) a run of
 * whole lines of COPY text with the fields `columns`, which the sync checks on the bytes themselves.
 */
export type LedgerBatch =
  { kind: 'rows'; rows: RawLedgerRow[] } | { kind: 'copy'; text: Buffer; columns: readonly LedgerColumn[] };

/** A ledger row that passed validation; amounts in integer minor units of `currency`. */
export interface LedgerItem {
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  customerName: string;
  issueDate: string;
  dueDate: string;
  totalMinor: number;
  openMinor: number;
  currency: string;
  updatedAt: Date;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  salesRep: string | null;
  customerLocale: string | null;
  /** When the open amount last went down (the mapping's paid_at); null: the mapping has none. */
  paidAt: Date | null;
  /** PB-16: the customer's contract rate, percent a day as the ledger wrote it ("0.03"); null: none. */
  interestPercent: string | null;
  /** PB-18: the ledger's early-payment discount: last day (null: none or not known) and minor units. */
  discountUntil: string | null;
  /** Null: the ledger says nothing (the global policy applies); 0 with no date: no discount. */
  discountMinor: number | null;
  /** PB-24: the customer's IANA time zone (the mapping's customer_time_zone); null: none or unknown. */
  customerTimeZone: string | null;
  /** PB-15: the next delivery to a continuous-supply customer (YYYY-MM-DD); null: none. */
  nextDeliveryDate: string | null;
}

/** Why a row was skipped; the sync summary counts rows per reason and lists their invoice ids. */
export type SkipReason =
  | 'missing_due_date'
  | 'unparseable_date'
  | 'negative_open_amount'
  | 'open_above_total'
  | 'unknown_currency'
  | 'bad_amount'
  | 'missing_field';

/** Why a ledger's reads cannot tell their horizon (LedgerSource#horizon), as far as its settings show it. */
export const HORIZON_BLINDNESS = ['sessions_hidden', 'not_tracked', 'standby', 'subscriber'] as const;
export type HorizonBlindness = (typeof HORIZON_BLINDNESS)[number];

/** Reads open items from an accounting database, read-only, in batches. */
export interface LedgerSource {
  /** A short name for logs and sync state, e.g. 'demo' or 'ledger'. */
  readonly name: string;
  /**
   * Fails with a LedgerMappingError naming every missing column, before any row is read; `readRow` (doctor)
   * also runs the query for one row, which finds what only running it shows (a write, a bad cast).
   */
  validate(options?: { readRow?: boolean }): Promise<void>;
  /**
   * What a full sync would read (doctor): the parameters' values (set or found), the columns the
   * mapping returns and how many rows. Runs the mapping once for a count.
   */
  inspect?(): Promise<{ params: Record<string, string>; columns: string[]; rows: number }>;
  /**
   * The tables an incremental sync would read in full (doctor), from the mapping's plan for a watermark
   * an hour old: EXPLAIN, nothing is run, with sequential scans kept only where no index can serve. Tables
   * of fewer than `minRows` rows (the planner's count) are left out; null where it cannot tell (MySQL/MariaDB).
   */
  fullScans?(options?: { minRows?: number }): Promise<{ table: string; rows: number }[] | null>;
  /** Rows changed after `watermark` (all rows when null), streamed in batches. */
  changedSince(watermark: Date | null): AsyncIterable<RawLedgerRow[]>;
  /** The same rows as the sync reads them: as rows, or as COPY text where the ledger can send it. */
  batches(watermark: Date | null): AsyncIterable<LedgerBatch>;
  /**
   * After a read: the point before which no row can change unseen by it, when the ledger can tell
   * (PostgreSQL read by COPY, a mapping whose updated_at is its transaction's start: `-- @updated_at:
   * transaction start`): the start of the oldest ledger transaction still running as the read began.
   * Null: not known; the next incremental sync looks back LEDGER_LOOKBACK_SECONDS instead.
   */
  horizon?(): Date | null;
  /**
   * Why this ledger's reads cannot tell their horizon (doctor), as its settings show it: empty when they
   * can; null where a mapping or a ledger has no horizon to tell (not stamped at transaction start, not
   * read by COPY from PostgreSQL).
   */
  horizonBlindness?(): Promise<HorizonBlindness[] | null>;
  close(): Promise<void>;
}
