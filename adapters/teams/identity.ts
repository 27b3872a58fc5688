/**
 * Teams users as staff: the stable id is the Entra object id (the same across bots and tenants' apps), the
 * display name comes with every activity, roles from TEAMS_MANAGERS / TEAMS_VIEWERS (src/chat/roles.ts).
 */
import type { Activity } from 'botbuilder';
import { managersAndViewers, type RoleLists } from '../../src/chat/roles.ts';
import type { TeamsConfig } from '../../src/config.ts';
import type { User } from '../../src/views/model.ts';
import { userKeyOf } from './conversations.ts';

/** The neutral user behind an activity. */
export function teamsUser(activity: Partial<Activity>): User {
  const id = userKeyOf(activity.from);
  // The activity's locale is the Teams client's language, which private answers follow (src/i18n/reader.ts).
  const locale = typeof activity.locale === 'string' && activity.locale ? activity.locale : undefined;
  return { platform: 'teams', id, name: activity.from?.name || id, ...(locale ? { locale } : {}) };
}

/** TEAMS_MANAGERS and TEAMS_VIEWERS: object ids compare in any case (Teams sends them in either). */
export function teamsRoleLists(config: Pick<TeamsConfig, 'managers' | 'viewers'>): RoleLists {
  return managersAndViewers('teams', config, (id) => id.toLowerCase());
}

/**
 * The conversation an activity's card is shared in (a channel or a group chat, its thread suffix
 * removed), or undefined in a personal chat: what duebot redraws there is in that place's language.
 */
export function sharedPlace(activity: Partial<Activity>): string | undefined {
  const { conversation } = activity;
  if (!conversation?.id || conversation.conversationType === 'personal') return undefined;
  if (conversation.conversationType === undefined && !conversation.isGroup) return undefined;
  return conversation.id.split(';')[0];
}
