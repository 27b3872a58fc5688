import type { Knex } from 'knex';
import { mentionMarkup, type Platform } from '../views/model.ts';

/**
 * How a post names an account's sales rep (the ledger's `sales_rep` text): a mention when the name is a
 * known staff user, so sales hears about the account without a licence to anything; otherwise the name.
 * Slack users are preferred when the same name exists on several platforms.
 */
export async function salesRepMentions(
  db: Knex,
  reps: Iterable<string | null>,
): Promise<Map<string, string>> {
  const names = [...new Set([...reps].filter((r): r is string => !!r && r.trim() !== ''))];
  const out = new Map<string, string>(names.map((n) => [n, n]));
  if (names.length === 0) return out;
  const rows: { platform: string; platform_user_id: string; display_name: string }[] = await db('users')
    .whereRaw('lower(display_name) = any(?::text[])', [names.map((n) => n.toLowerCase())])
    .orderByRaw("(platform = 'slack') desc, id")
    .select('platform', 'platform_user_id', 'display_name');
  for (const name of names) {
    const user = rows.find((r) => r.display_name.toLowerCase() === name.toLowerCase());
    if (user) {
      const platform = user.platform as Platform;
      out.set(name, mentionMarkup({ platform, id: user.platform_user_id, name: user.display_name }));
    }
  }
  return out;
}
