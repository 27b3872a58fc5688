/**
 * Timestamps of ledgers that store local wall-clock time without a zone (ERPNext, iDempiere:
 * LEDGER_TIME_ZONE): read as that zone's time, and the watermark written back in it, so that an
 * incremental sync neither skips nor re-reads rows around the zone's offset and its DST changes.
 */
import { localParts } from '../clock.ts';
import type { LedgerDialect } from './mapping.ts';
import { isIsoDate } from '../collections/dates.ts';

/** Offsets (ms ahead of UTC) by zone and UTC hour: one Intl call per hour of timestamps, not per row. */
const offsets = new Map<string, number>();

/** How far `zone` is ahead of UTC at the instant `ms`, in ms. */
export function zoneOffset(ms: number, zone: string): number {
  const hour = Math.floor(ms / 3_600_000);
  const key = `${zone} ${hour}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const at = hour * 3_600_000;
  const p = localParts(new Date(at), zone);
  const wall = Date.parse(`${p.date}T00:00:00Z`) + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
  const offset = wall - at;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/**
 * The instant a wall-clock time (given as if it were UTC, `wallMs`) names in `zone`. In the hour a DST
 * change repeats, the earlier of the two; in the hour it skips, the time as if the change had not been.
 */
export function wallClockToInstant(wallMs: number, zone: string): number {
  const first = zoneOffset(wallMs, zone);
  const guess = wallMs - first;
  const second = zoneOffset(guess, zone);
  return second === first ? guess : wallMs - Math.max(first, second);
}

const NAIVE_TIME = /^(\d{2}:\d{2}:\d{2})(\.\d{1,9})?$/;

/**
 * A timestamp text without a zone, read as wall-clock time in `zone`, as ISO text in UTC; any other
 * value is returned as it is (a text with a zone, a Date, null), for the row checks to judge.
 */
export function localTimestamp(value: unknown, zone: string): unknown {
  if (typeof value !== 'string') return value;
  const [date, time, ...rest] = value.trim().split(/[ T]/);
  if (rest.length > 0 || date === undefined || time === undefined || !isIsoDate(date)) return value;
  const m = NAIVE_TIME.exec(time);
  if (!m) return value;
  const fraction = (m[2] ?? '.0').slice(1, 4).padEnd(3, '0');
  const wall = Date.parse(`${date}T${m[1]}.${fraction}Z`);
  if (Number.isNaN(wall)) return value;
  return new Date(wallClockToInstant(wall, zone)).toISOString();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The watermark as the ledger compares it: for PostgreSQL the zone's wall-clock time with its offset
 * (a `timestamp` column takes the wall-clock part, a `timestamptz` the instant); for MySQL/MariaDB the
 * wall-clock time alone (DATETIME columns hold it so).
 */
export function watermarkInZone(instant: Date, zone: string, dialect: LedgerDialect): string {
  const offset = zoneOffset(instant.getTime(), zone);
  const wall = new Date(instant.getTime() + offset);
  const text =
    `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ` +
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}.${pad(wall.getUTCMilliseconds(), 3)}`;
  if (dialect === 'mysql') return text;
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  return `${text}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
