import {
  EN_COMPANY_FORMS,
  EN_COMPANY_STEMS,
  EN_COMPANY_TRADES,
  EN_CONTACTS,
  SALES_REPS,
  ZH_CN_CITIES,
  ZH_CN_CONTACTS,
  ZH_CN_STEMS,
  ZH_CN_TRADES,
  ZH_TW_CITIES,
  ZH_TW_CONTACTS,
  ZH_TW_STEMS,
  ZH_TW_TRADES,
} from './demo-names.ts';

/** One row of ledger.customers in the demo accounting database. */
export interface DemoCustomer {
  id: string;
  name: string;
  contact_name: string;
  contact_email: string;
  contact_phone: string;
  sales_rep: string;
  locale: 'en' | 'zh-CN' | 'zh-TW';
}

/** One row of ledger.invoices; amounts are decimal strings, never floats. */
export interface DemoInvoice {
  id: string;
  number: string;
  customer_id: string;
  issue_date: string;
  due_date: string;
  total: string;
  open_amount: string;
  currency: 'CNY' | 'USD' | 'EUR';
  updated_at: string;
}

/** The kinds of payer the demo mixes so that aging, grades and large-balance alerts have work to do. */
type Profile = 'large' | 'late' | 'reliable' | 'normal';

/** A seeded PRNG (mulberry32): the same seed always gives the same ledger. */
export function createRng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

type Rng = ReturnType<typeof createRng>;

/** Adds calendar days to a 'YYYY-MM-DD' date, in UTC so the process time zone cannot shift it. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Minor units as a decimal string with two places ('1234.05'). */
function decimal(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

function instant(rng: Rng, date: string): string {
  const hh = String(rng.int(1, 10)).padStart(2, '0');
  const mm = String(rng.int(0, 59)).padStart(2, '0');
  return `${date}T${hh}:${mm}:00.000Z`;
}

function enEmail(company: string): string {
  return `ap@${company
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-+$/, '')}.example.com`;
}

function pickProfile(rng: Rng): Profile {
  const r = rng.next();
  return r < 0.06 ? 'large' : r < 0.26 ? 'late' : r < 0.56 ? 'reliable' : 'normal';
}

function companyName(rng: Rng, locale: DemoCustomer['locale'], taken: Set<string>): string {
  for (;;) {
    const name =
      locale === 'en'
        ? `${rng.pick(EN_COMPANY_STEMS)} ${rng.pick(EN_COMPANY_TRADES)} ${rng.pick(EN_COMPANY_FORMS)}`
        : locale === 'zh-CN'
          ? `${rng.pick(ZH_CN_CITIES)}${rng.pick(ZH_CN_STEMS)}${rng.pick(ZH_CN_TRADES)}`
          : `${rng.pick(ZH_TW_CITIES)}${rng.pick(ZH_TW_STEMS)}${rng.pick(ZH_TW_TRADES)}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function makeCustomer(rng: Rng, n: number, taken: Set<string>) {
  const r = rng.next();
  const locale: DemoCustomer['locale'] = r < 0.55 ? 'en' : r < 0.88 ? 'zh-CN' : 'zh-TW';
  const name = companyName(rng, locale, taken);
  const digits = String(1000 + n).slice(-4);
  const currency: DemoInvoice['currency'] =
    locale === 'en'
      ? rng.chance(0.6)
        ? 'USD'
        : 'EUR'
      : locale === 'zh-CN' && rng.chance(0.85)
        ? 'CNY'
        : 'USD';
  const contact =
    locale === 'en'
      ? {
          contact_name: rng.pick(EN_CONTACTS),
          contact_email: enEmail(name),
          contact_phone: currency === 'EUR' ? `+49 30 5550 ${digits}` : `+1 555 01${digits.slice(-2)}`,
        }
      : locale === 'zh-CN'
        ? {
            contact_name: rng.pick(ZH_CN_CONTACTS),
            contact_email: `finance${n}@example.cn`,
            contact_phone: `+86 21 5555 ${digits}`,
          }
        : {
            contact_name: rng.pick(ZH_TW_CONTACTS),
            contact_email: `ap${n}@example.com.tw`,
            contact_phone: `+886 2 5555 ${digits}`,
          };
  const customer: DemoCustomer = {
    id: `C${String(n).padStart(4, '0')}`,
    name,
    ...contact,
    sales_rep: rng.pick(SALES_REPS),
    locale,
  };
  return { customer, currency, profile: pickProfile(rng) };
}

/** Days after the due date the customer pays, or null if it never does. PB-09: grades need this history. */
function paymentDelay(rng: Rng, profile: Profile): number | null {
  switch (profile) {
    case 'reliable':
      return rng.int(-10, 2);
    case 'late':
      return rng.chance(0.06) ? null : rng.int(10, 120);
    case 'large':
      return rng.chance(0.04) ? null : rng.int(-5, 75);
    default:
      if (rng.chance(0.02)) return null;
      return rng.chance(0.8) ? rng.int(-5, 20) : rng.int(21, 60);
  }
}

type Draft = Omit<DemoInvoice, 'id' | 'number'>;

function invoiceAmount(rng: Rng, profile: Profile): number {
  return profile === 'large' ? rng.int(150_000_00, 2_500_000_00) : rng.int(300_00, 60_000_00);
}

/** An invoice as of `today`: settled if the customer paid before today, otherwise (maybe partly) open. */
function draftInvoice(
  rng: Rng,
  today: string,
  customer: { id: string; currency: DemoInvoice['currency']; profile: Profile; terms: number },
  issue: string,
  delay: number | null,
): Draft {
  const due = addDays(issue, customer.terms);
  const totalMinor = invoiceAmount(rng, customer.profile);
  const currency =
    customer.currency !== 'CNY' && rng.chance(0.1)
      ? customer.currency === 'USD'
        ? 'EUR'
        : 'USD'
      : customer.currency;
  const base = {
    customer_id: customer.id,
    issue_date: issue,
    due_date: due,
    total: decimal(totalMinor),
    currency,
  };
  const paid = delay === null ? null : addDays(due, delay) < issue ? issue : addDays(due, delay);
  if (paid !== null && paid < today) {
    return { ...base, open_amount: '0.00', updated_at: instant(rng, paid) };
  }
  const daysSinceIssue = Math.round((Date.parse(today) - Date.parse(issue)) / 86_400_000);
  if (daysSinceIssue > 5 && rng.chance(0.2)) {
    const openMinor = Math.max(1, Math.round((totalMinor * rng.int(20, 80)) / 100));
    const partPaid = addDays(issue, rng.int(1, daysSinceIssue - 1));
    return { ...base, open_amount: decimal(openMinor), updated_at: instant(rng, partPaid) };
  }
  return { ...base, open_amount: decimal(totalMinor), updated_at: instant(rng, issue) };
}

/** Days overdue that are always present, so every aging bucket (PB-04) and the over-a-year case show. */
const SHOWCASE_OVERDUE = [-20, -3, 4, 17, 29, 38, 47, 58, 66, 80, 89, 95, 130, 210, 300, 380, 450, 520];

/** The whole demo ledger as of `today`, deterministic in (`seed`, `today`). */
export function generateDemoLedger(
  today: string,
  seed: number,
): { customers: DemoCustomer[]; invoices: DemoInvoice[] } {
  const rng = createRng(seed);
  const taken = new Set(['Northwind Traders Ltd', '上海华联贸易有限公司']);
  const made = Array.from({ length: 150 }, (_, i) => makeCustomer(rng, i + 1, taken));
  // Two well-known names for screenshots and docs.
  const firstEn = made.find((m) => m.customer.locale === 'en');
  const firstCn = made.find((m) => m.customer.locale === 'zh-CN');
  if (firstEn) {
    firstEn.customer.name = 'Northwind Traders Ltd';
    firstEn.customer.contact_email = enEmail(firstEn.customer.name);
  }
  if (firstCn) firstCn.customer.name = '上海华联贸易有限公司';

  const drafts: Draft[] = [];
  for (const { customer, currency, profile } of made) {
    const terms = profile === 'large' ? 60 : rng.pick([30, 30, 45, 60]);
    const account = { id: customer.id, currency, profile, terms };
    const count =
      profile === 'large' ? rng.int(25, 40) : profile === 'late' ? rng.int(15, 25) : rng.int(10, 20);
    const since = rng.int(60, 900);
    for (let k = 0; k < count; k++) {
      const issue = addDays(today, -rng.int(1, since));
      drafts.push(draftInvoice(rng, today, account, issue, paymentDelay(rng, profile)));
    }
  }
  const slow = made.filter((m) => m.profile !== 'reliable');
  for (const overdue of SHOWCASE_OVERDUE) {
    const { customer, currency, profile } = rng.pick(slow);
    const due = addDays(today, -overdue);
    const issue = addDays(due, -30);
    drafts.push(draftInvoice(rng, today, { id: customer.id, currency, profile, terms: 30 }, issue, null));
  }

  drafts.sort((a, b) =>
    a.issue_date === b.issue_date
      ? a.customer_id.localeCompare(b.customer_id)
      : a.issue_date < b.issue_date
        ? -1
        : 1,
  );
  const invoices = drafts.map((d, i) => ({
    id: `inv-${String(i + 1).padStart(6, '0')}`,
    number: `INV-${d.issue_date.slice(0, 4)}-${String(i + 1).padStart(5, '0')}`,
    ...d,
  }));
  return { customers: made.map((m) => m.customer), invoices };
}
