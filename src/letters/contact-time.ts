/**
 * PB-24: when a letter may reach its customer. The customer's zone is, in this order, the per-customer
 * setting (DUEBOT_CUSTOMER_TIME_ZONE_OVERRIDES), the ledger's (customers.time_zone), the company default
 * (DUEBOT_CUSTOMER_TIME_ZONE), else the business time zone; the window is the policy's contactWindow on
 * the policy's working days.
 */
import type { Knex } from 'knex';
import type { Policy } from '../collections/account.ts';
import { contactWindow, type WindowState } from '../collections/contact-window.ts';
import type { CustomerZoneSettings } from './contact-settings.ts';

export type ZoneSource = 'setting' | 'ledger' | 'default';

/** The customer's zone and where it came from. */
export interface CustomerZone {
  zone: string;
  source: ZoneSource;
}

/** The zone of a customer as stored (external id and the ledger's zone). */
export function zoneOf(
  customer: { external_id?: unknown; time_zone?: unknown },
  settings: CustomerZoneSettings,
  businessZone: string,
): CustomerZone {
  const override = settings.overrides[String(customer.external_id ?? '')];
  if (override) return { zone: override, source: 'setting' };
  if (typeof customer.time_zone === 'string' && customer.time_zone)
    return { zone: customer.time_zone, source: 'ledger' };
  return { zone: settings.fallback ?? businessZone, source: 'default' };
}

/** The customer's zone by account id. */
export async function customerZone(
  db: Knex,
  accountId: number,
  settings: CustomerZoneSettings,
  businessZone: string,
): Promise<CustomerZone> {
  const row = await db('customers').where({ id: accountId }).first('external_id', 'time_zone');
  return zoneOf(row ?? {}, settings, businessZone);
}

/** Whether a letter may reach the customer at `now`, or when it may next. */
export async function letterWindow(
  db: Knex,
  accountId: number,
  now: Date,
  options: { policy: Policy; zones: CustomerZoneSettings; businessZone: string },
): Promise<{ zone: CustomerZone; state: WindowState }> {
  const zone = await customerZone(db, accountId, options.zones, options.businessZone);
  return {
    zone,
    state: contactWindow(now, zone.zone, options.policy.calendar, options.policy.contactWindow),
  };
}
