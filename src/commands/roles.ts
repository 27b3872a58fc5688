/**
 * `/overdue role @person [role]`, the same on Slack, Teams and the shell: anyone may ask where a person's
 * role came from; a manager sets it by hand (recorded in history, worklist/staff.ts setRole). A role a
 * settings list gives is the list's: setting it here would be undone at the next start, so it is refused.
 */
import type { Reply } from './interaction.ts';
import { notice } from '../views/notices.ts';
import {
  type Actor,
  findStaff,
  ROLE_WORDS,
  type Role,
  requireRole,
  roleOrigin,
  setRole,
} from '../worklist/staff.ts';
import type { DispatchContext } from './account-actions.ts';
import { refuse } from './refuse.ts';

type Staff = Awaited<ReturnType<typeof findStaff>>[number];

const say = (text: string): Reply => ({ kind: 'ephemeral', message: notice(text) });
const a = (role: Role) => ROLE_WORDS[role];

/** The one person a typed name or id means; several of one name: the one on the asker's platform. */
async function person(ctx: DispatchContext, actor: Actor, text: string): Promise<Staff | Reply> {
  const found = await findStaff(ctx.db, text);
  const here = found.filter((s) => s.platform === actor.platform);
  const one = found.length === 1 ? found[0] : here.length === 1 ? here[0] : undefined;
  if (one) return one;
  if (found.length > 1) {
    const who = found.map((s) => `${s.name} (${s.platform} ${s.platformUserId})`).join(', ');
    return refuse(`"${text}" could be ${who}; name one by its id.`);
  }
  const like = await ctx
    .db('users')
    .whereRaw('lower(display_name) like ?', [`%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`])
    .orderBy('display_name')
    .limit(10)
    .select('display_name');
  const hint = like.length
    ? ` Did you mean ${like.map((r) => String(r.display_name)).join(', ')}?`
    : ' People are known here after their first duebot command.';
  return refuse(`Nobody called "${text}" has used duebot.${hint}`);
}

/** Where a role came from, in words. */
function origin(o: NonNullable<Awaited<ReturnType<typeof roleOrigin>>>): string {
  if (o.source === 'list') return `listed in ${o.setting ?? 'a role list of the settings'}`;
  if (o.source === 'hand') return `set by ${o.by ?? 'a manager'}`;
  return 'the role of a first use';
}

/** Shows or sets a person's role. */
export async function roleCommand(
  ctx: DispatchContext,
  actor: Actor,
  cmd: { person: string; role: Role | null },
): Promise<Reply> {
  if (cmd.role !== null) {
    const allowed = requireRole(actor, ['manager'], 'Changing a role');
    if (!allowed.ok) return refuse(allowed.error.message);
  }
  const target = await person(ctx, actor, cmd.person);
  if ('kind' in target) return target;
  const now = await roleOrigin(ctx.db, target.id);
  if (!now) return refuse(`There is no staff user #${target.id} any more.`);
  if (cmd.role === null || cmd.role === now.role) {
    const already = cmd.role === null ? '' : ' already; nothing changed';
    return say(`${target.name} is ${a(now.role)}${already} (${origin(now)}).`);
  }
  // The list applied at this start, or the one that set the role last: either would undo a hand change.
  const sameLists = ctx.roleLists?.platform === target.platform ? ctx.roleLists : undefined;
  const listed = sameLists?.listed(target.platformUserId)?.setting;
  const setting = listed ?? (now.source === 'list' ? (now.setting ?? 'a role list') : undefined);
  if (setting) {
    return refuse(
      `${target.name}'s role is set by ${setting}; change the setting (a role set here would be undone at the next start).`,
    );
  }
  const set = await setRole(ctx.db, actor, target.id, cmd.role);
  if (!set.ok) return refuse(set.error.message);
  if (!set.value.changed) return say(`${target.name} is ${a(set.value.role)} already; nothing changed.`);
  return {
    kind: 'ephemeral',
    message: notice(`${target.name} is now ${a(set.value.role)} (was ${a(set.value.from)}).`, {
      tone: 'success',
      context: `${actor.name} set it; recorded in the history.`,
    }),
  };
}
