/**
 * Built-in mappings for the accounting systems duebot knows (LEDGER_PRESET): one commented SQL file per
 * system and dialect in presets/, `<name>.<postgres|mysql>.sql`, the same kind of file LEDGER_MAPPING
 * names (a user may copy one and adapt it). A file's header may declare, for the checks before any row
 * is read:
 * - `-- @tables a, b, c`: the tables it reads; a database without them is named as not that system's;
 * - `-- @param name: SELECT ...`: how to find a parameter nobody set (one row: its first column; none
 *   or several: the parameter must be set in LEDGER_PARAMS, and the message lists the choices).
 */
import { fileURLToPath } from 'node:url';
import type { LedgerDialect } from './mapping.ts';

/** The systems with a built-in mapping, and the SQL engines each runs on. */
export const PRESETS = {
  odoo: { label: 'Odoo 17/18', dialects: ['postgres'] },
  erpnext: { label: 'ERPNext v15', dialects: ['mysql'] },
  dolibarr: { label: 'Dolibarr 20', dialects: ['mysql'] },
  idempiere: { label: 'iDempiere 12', dialects: ['postgres'] },
} as const satisfies Record<string, { label: string; dialects: readonly LedgerDialect[] }>;

export type PresetName = keyof typeof PRESETS;

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}

const ENGINE: Record<LedgerDialect, string> = { postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB' };

/**
 * Why a preset cannot read a ledger of this dialect (the system, the engines it runs on and the one the
 * URL names, for the settings' message), or null when it can.
 */
export function presetDialectProblem(
  name: PresetName,
  dialect: LedgerDialect,
): { label: string; engines: string; engine: string } | null {
  const preset = PRESETS[name];
  if ((preset.dialects as readonly LedgerDialect[]).includes(dialect)) return null;
  const engines = preset.dialects.map((d) => ENGINE[d]).join(' / ');
  return { label: preset.label, engines, engine: ENGINE[dialect] };
}

/**
 * The preset's mapping file, next to this module: found wherever duebot is installed (the package ships
 * src/, which bin/duebot.js runs), not only in a source checkout.
 */
export function presetFile(name: PresetName, dialect: LedgerDialect): string {
  return fileURLToPath(new URL(`./presets/${name}.${dialect}.sql`, import.meta.url));
}

/** `dialect` of a ledger URL, or null for a scheme duebot does not read. */
export function urlDialect(url: string): LedgerDialect | null {
  const scheme = url.slice(0, Math.max(0, url.indexOf(':'))).toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return 'postgres';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  return null;
}

/**
 * The indexes an administrator may add so that a preset's incremental sync reads only the rows that
 * changed: one per column its watermark compares, where the ERP itself creates none (README, "Connecting
 * your ERP"). Each is what a DBA runs as the table's owner; duebot's read-only user cannot, and duebot
 * never creates them. `duebot doctor` names the tables an incremental sync would read in full.
 * Their cost: the index's size on disk, and every write of a row that moves its timestamp updates it
 * (such updates can no longer be HOT), on tables the ERP writes often.
 */
export const WATERMARK_INDEXES: Partial<Record<PresetName, readonly string[]>> = {
  // Odoo's write_date is a field of every model without an index (odoo/models.py).
  odoo: [
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS duebot_account_move_write_date ON account_move (write_date) WHERE move_type = 'out_invoice'",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS duebot_account_move_line_write_date ON account_move_line (write_date) WHERE display_type = 'payment_term'",
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS duebot_account_partial_reconcile_write_date ON account_partial_reconcile (write_date)',
  ],
  // iDempiere indexes allocation lines by invoice, not the `updated` of these tables.
  idempiere: [
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS duebot_c_invoice_updated ON c_invoice (updated)',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS duebot_c_allocationline_updated ON c_allocationline (updated)',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS duebot_c_allocationhdr_updated ON c_allocationhdr (updated)',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS duebot_c_allocationline_hdr ON c_allocationline (c_allocationhdr_id)',
  ],
  // Dolibarr indexes llx_facture.tms (idx_facture_tms), not llx_paiement.tms.
  dolibarr: ['ALTER TABLE llx_paiement ADD INDEX idx_paiement_tms (tms)'],
};
