/**
 * `/overdue role @person [role]`, the same on Slack, Teams and the shell: anyone may ask where a person's
 * role came from; a manager sets it by hand (recorded in history, worklist/staff.ts setRole). A role a
 * settings list gives is the list's: setting it here would be undone at the next start, so it is refused.
 * Every answer is private, in the reader's language.
 */
import { privateT } from '../i18n/speech.ts';
import type { Translator } from '../i18n/translate.ts';
import type { Reply } from './interaction.ts';
import { notice } from '../views/notices.ts';
import {
  type Actor,
  findStaff,
  type Role,
  type RoleNeededFor,
  roleNeededValues,
  roleOrigin,
  setRole,
} from '../worklist/staff.ts';
import type { DispatchContext } from './account-actions.ts';
import { refuse } from './refuse.ts';
import { failureText } from '../worklist/outcome.ts';

type Staff = Awaited<ReturnType<typeof findStaff>>[number];

/**
 * Why `actor` may not do it, in the reader's language, when they hold none of `roles` (the check
 * worklist/staff.ts requireRole makes): one sentence naming what was tried, the role it needs, theirs, and
 * how a manager gives it. Null: allowed.
 */
export function roleMissing(
  t: Translator,
  actor: Actor,
  roles: readonly Role[],
  doing: RoleNeededFor,
  names: { owner?: string; letter?: string } = {},
): string | null {
  if (roles.includes(actor.role)) return null;
  return t.t('role.needed', roleNeededValues(actor, roles, doing, names));
}

/** The private refusal of roleMissing, or null when the actor holds the role. */
export function roleNeeded(
  t: Translator,
  actor: Actor,
  roles: readonly Role[],
  doing: RoleNeededFor,
  names: { owner?: string; letter?: string } = {},
): Reply | null {
  const missing = roleMissing(t, actor, roles, doing, names);
  return missing === null ? null : refuse(missing);
}

const say = (text: string): Reply => ({ kind: 'ephemeral', message: notice(text) });

/** The one person a typed name or id means; several of one name: the one on the asker's platform. */
async function person(
  ctx: DispatchContext,
  actor: Actor,
  text: string,
  t: Translator,
): Promise<Staff | Reply> {
  const found = await findStaff(ctx.db, text);
  const here = found.filter((s) => s.platform === actor.platform);
  const one = found.length === 1 ? found[0] : here.length === 1 ? here[0] : undefined;
  if (one) return one;
  if (found.length > 1) {
    const who = found.map((s) => `${s.name} (${s.platform} ${s.platformUserId})`).join(', ');
    return refuse(t.t('role.ambiguous', { text, who }));
  }
  const like = await ctx
    .db('users')
    .whereRaw('lower(display_name) like ?', [`%${text.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`])
    .orderBy('display_name')
    .limit(10)
    .select('display_name');
  return refuse(
    t.t('role.unknown', {
      text,
      hasLike: like.length ? 'yes' : 'no',
      like: like.map((r) => String(r.display_name)).join(', '),
    }),
  );
}

/** Shows or sets a person's role. */
export async function roleCommand(
  ctx: DispatchContext,
  actor: Actor,
  cmd: { person: string; role: Role | null },
): Promise<Reply> {
  const t = privateT(ctx);
  if (cmd.role !== null) {
    const refused = roleNeeded(t, actor, ['manager'], 'role');
    if (refused) return refused;
  }
  const target = await person(ctx, actor, cmd.person, t);
  if ('kind' in target) return target;
  const now = await roleOrigin(ctx.db, target.id);
  if (!now) return refuse(t.t('role.gone', { id: String(target.id) }));
  if (cmd.role === null || cmd.role === now.role) {
    return say(
      t.t('role.is', {
        name: target.name,
        role: now.role,
        already: cmd.role === null ? 'no' : 'yes',
        source: now.source,
        hasSetting: now.setting ? 'yes' : 'no',
        setting: now.setting ?? '',
        hasBy: now.by ? 'yes' : 'no',
        by: now.by ?? '',
      }),
    );
  }
  // The list applied at this start, or the one that set the role last: either would undo a hand change.
  const sameLists = ctx.roleLists?.platform === target.platform ? ctx.roleLists : undefined;
  const listed = sameLists?.listed(target.platformUserId)?.setting;
  if (listed !== undefined || now.source === 'list') {
    const setting = listed ?? now.setting;
    return refuse(
      t.t('role.setBySetting', {
        name: target.name,
        hasSetting: setting ? 'yes' : 'no',
        setting: setting ?? '',
      }),
    );
  }
  const set = await setRole(ctx.db, actor, target.id, cmd.role);
  // Every refusal of setRole is a catalog message: said in the reader's language.
  if (!set.ok) return refuse(failureText(t, set.error));
  if (!set.value.changed) return say(t.t('role.already', { name: target.name, role: set.value.role }));
  return {
    kind: 'ephemeral',
    message: notice(t.t('role.now', { name: target.name, role: set.value.role, from: set.value.from }), {
      tone: 'success',
      context: t.t('role.setByWhom', { actor: actor.name }),
    }),
  };
}
