/**
 * Exact conversion of ledger amounts (major units as DECIMAL/NUMERIC) into integer minor units.
 * Drivers hand decimals over as strings (pg, mysql2), sometimes as numbers or bigints; never via floats.
 */

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/** Why an amount could not be converted; the row is then skipped as `bad_amount`. */
export type AmountProblem = 'not_a_number' | 'too_many_decimals' | 'too_large';

/** "1234.50" in a 2-digit currency -> 123450; more decimals than the currency has (other than zeros) is refused. */
export function toMinorUnits(
  value: unknown,
  digits: number,
): { ok: true; minor: number } | { ok: false; problem: AmountProblem } {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else return { ok: false, problem: 'not_a_number' };
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, problem: 'not_a_number' };
  const sign = match[1] === '-' ? '-' : '';
  const whole = match[2] ?? '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return { ok: false, problem: 'too_many_decimals' };
  const digitsText = `${whole}${fraction.padEnd(digits, '0')}`;
  // Fast path: up to 15 digits a double holds exactly, so no BigInt is needed (the usual amount).
  if (digitsText.length <= 15) {
    const value = Number(digitsText);
    return { ok: true, minor: sign === '-' && value !== 0 ? -value : value };
  }
  const minor = BigInt(`${sign}${digitsText}`);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, problem: 'too_large' };
  }
  // -0 would compare equal but print oddly; normalise it.
  return { ok: true, minor: Number(minor) || 0 };
}
