/**
 * The conversation references duebot keeps so it can post on its own (digest, alerts, the monthly thread,
 * private notices): stored when the bot is added to a team or chat and refreshed on every activity, since
 * Teams may move a tenant to another serviceUrl.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { Knex } from 'knex';

/** Where a conversation lives: a team's channel, a 1:1 chat, or a group chat. */
export type ConversationKind = 'channel' | 'personal' | 'groupChat';

/** A stored reference with what duebot looks it up by. */
export interface StoredConversation {
  conversationId: string;
  kind: ConversationKind;
  teamId: string | null;
  userKey: string | null;
  reference: Partial<ConversationReference>;
}

/** A channel conversation id without the `;messageid=` suffix Teams adds inside a thread. */
export function baseConversationId(id: string): string {
  return id.split(';')[0] ?? id;
}

/** The person's stable key: their Entra object id when Teams sends it, otherwise the Teams user id. */
export function userKeyOf(from: Partial<Activity>['from']): string {
  return (from?.aadObjectId ?? from?.id ?? '').toLowerCase();
}

function kindOf(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel' || type === 'personal' || type === 'groupChat') return type;
  return activity.conversation?.isGroup ? 'groupChat' : 'personal';
}

interface TeamsChannelData {
  team?: { id?: string };
  channel?: { id?: string };
  tenant?: { id?: string };
}

/** Teams' channelData, as much as duebot reads of it. */
export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  const data: unknown = activity.channelData;
  return typeof data === 'object' && data !== null ? (data as TeamsChannelData) : {};
}

/** Stores (or refreshes) the reference of the conversation an activity came from. */
export async function rememberConversation(
  db: Knex,
  activity: Partial<Activity>,
  reference: Partial<ConversationReference>,
): Promise<void> {
  const id = activity.conversation?.id;
  if (!id || !activity.serviceUrl) return;
  const kind = kindOf(activity);
  const conversationId = kind === 'channel' ? baseConversationId(id) : id;
  const stored: Partial<ConversationReference> = {
    ...reference,
    conversation: {
      ...(reference.conversation ?? activity.conversation),
      id: conversationId,
    } as ConversationReference['conversation'],
  };
  delete stored.activityId;
  const data = channelDataOf(activity);
  const row = {
    conversation_id: conversationId,
    conversation_type: kind,
    tenant_id: activity.conversation?.tenantId ?? data.tenant?.id ?? null,
    team_id: data.team?.id ?? null,
    user_key: kind === 'personal' ? userKeyOf(activity.from) : null,
    service_url: activity.serviceUrl,
    reference: JSON.stringify(stored),
    active: true,
    updated_at: new Date(),
  };
  await db('teams_conversations').insert(row).onConflict('conversation_id').merge();
}

/** The bot was removed from a team or chat: keep the row (history) but never post there again. */
export async function forgetConversation(db: Knex, conversationId: string): Promise<void> {
  await db('teams_conversations')
    .where({ conversation_id: baseConversationId(conversationId) })
    .update({ active: false, updated_at: new Date() });
}

type Row = {
  conversation_id: string;
  conversation_type: ConversationKind;
  team_id: string | null;
  user_key: string | null;
  reference: string;
};

const toStored = (row: Row | undefined): StoredConversation | null =>
  row
    ? {
        conversationId: row.conversation_id,
        kind: row.conversation_type,
        teamId: row.team_id,
        userKey: row.user_key,
        reference: JSON.parse(row.reference) as Partial<ConversationReference>,
      }
    : null;

const COLUMNS = ['conversation_id', 'conversation_type', 'team_id', 'user_key', 'reference'];

/** A stored, active conversation by id (a channel's id, with or without `;messageid=`). */
export async function findConversation(db: Knex, conversationId: string): Promise<StoredConversation | null> {
  const row = await db('teams_conversations')
    .where({ conversation_id: baseConversationId(conversationId), active: true })
    .first(COLUMNS);
  return toStored(row as Row | undefined);
}

/** The channel the bot was most recently added to or used in, for posts when TEAMS_CHANNEL is unset. */
export async function latestChannel(db: Knex): Promise<StoredConversation | null> {
  const row = await db('teams_conversations')
    .where({ conversation_type: 'channel', active: true })
    .orderBy('updated_at', 'desc')
    .first(COLUMNS);
  return toStored(row as Row | undefined);
}

/** The 1:1 chat with a person (by user key), if they ever talked to the bot or installed it personally. */
export async function personalChat(db: Knex, userKey: string): Promise<StoredConversation | null> {
  const row = await db('teams_conversations')
    .where({ conversation_type: 'personal', user_key: userKey.toLowerCase(), active: true })
    .orderBy('updated_at', 'desc')
    .first(COLUMNS);
  return toStored(row as Row | undefined);
}
