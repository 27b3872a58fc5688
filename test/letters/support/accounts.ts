/**
 * An account ready for a letter: seeded open items, the customer's AP contact and locale as the ledger
 * would give them, and the worklist assessed on `today` (letters read the account's stage from it).
 */
import type { Knex } from 'knex';
import { defaultPolicy } from '../../../src/collections/account.ts';
import { refreshWorklist } from '../../../src/worklist/assess.ts';
import { seedAccount } from '../../support/seed.ts';

export interface LetterAccountOptions {
  /** The open items; by default one of 86,000.00 due on 2026-10-20. */
  items?: NonNullable<Parameters<typeof seedAccount>[1]>['items'];
  contact?: { email?: string | null; name?: string | null; locale?: string | null };
  today?: string;
}

export async function seedLetterAccount(
  db: Knex,
  name: string,
  options: LetterAccountOptions = {},
): Promise<number> {
  const { accountId } = await seedAccount(db, {
    name,
    items: options.items ?? [
      { number: `${name.slice(0, 4)}-1`, dueDate: '2026-10-20', totalMinor: 8_600_000 },
    ],
  });
  const contact = options.contact ?? {};
  await db
    .table('customers')
    .where({ id: accountId })
    .update({
      contact_email: contact.email === undefined ? 'ap@customer.example' : contact.email,
      ...(contact.name === undefined ? {} : { contact_name: contact.name }),
      ...(contact.locale === undefined ? {} : { locale: contact.locale }),
    });
  await refreshWorklist({
    db,
    policy: defaultPolicy,
    today: options.today ?? '2026-11-22',
    timeZone: 'Asia/Shanghai',
  });
  return accountId;
}
