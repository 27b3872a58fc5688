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

/** Why a preset cannot read a ledger of this dialect, or null when it can. */
export function presetDialectProblem(name: PresetName, dialect: LedgerDialect): string | null {
  const preset = PRESETS[name];
  if ((preset.dialects as readonly LedgerDialect[]).includes(dialect)) return null;
  const engines = preset.dialects.map((d) => ENGINE[d]).join(' or ');
  return `the ${name} preset reads ${preset.label} on ${engines}, and LEDGER_URL names a ${ENGINE[dialect]} database`;
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
