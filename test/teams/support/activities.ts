import { BOT, CHANNEL, PEOPLE, type Person, SERVICE_URL, TEAM, TENANT } from './harness.ts';

type Json = Record<string, unknown>;
let n = 0;
const id = () => `act-${(n += 1)}`;

/** Where an activity happens: the 1:1 chat of a person, or a thread of the team's General channel. */
export type Where = { in: 'personal' } | { in: 'channel'; thread?: string };

function conversation(person: Person, where: Where): { conversation: Json; channelData: Json } {
  if (where.in === 'personal') {
    return {
      conversation: { id: `a:chat-${person}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    };
  }
  return {
    conversation: {
      id: `${CHANNEL};messageid=${where.thread ?? '1700000000001'}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: {
      team: { id: TEAM, name: 'Finance' },
      channel: { id: CHANNEL, name: 'General' },
      tenant: { id: TENANT },
    },
  };
}

function base(type: string, person: Person, where: Where): Json {
  return {
    type,
    id: id(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: PEOPLE[person],
    recipient: BOT,
    ...conversation(person, where),
  };
}

/** A typed message; in a channel the bot is @mentioned first, as Teams delivers it. */
export function message(text: string, person: Person = 'ann', where: Where = { in: 'personal' }): Json {
  if (where.in === 'personal') return { ...base('message', person, where), text };
  return {
    ...base('message', person, where),
    text: `<at>duebot</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>duebot</at>', mentioned: BOT }],
  };
}

/** A click on an Action.Execute button of the card `replyToId`. */
export function execute(
  ref: string,
  person: Person = 'ann',
  replyToId = 'card-1',
  where: Where = { in: 'personal' },
): Json {
  return {
    ...base('invoke', person, where),
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', id: 'a', verb: 'duebot', data: { ref } }, trigger: 'manual' },
  };
}

/** A dialog being opened (`task/fetch`) or submitted (`task/submit`) with `data`. */
export function task(
  kind: 'fetch' | 'submit',
  data: Json,
  person: Person = 'ann',
  where: Where = { in: 'personal' },
): Json {
  return {
    ...base('invoke', person, where),
    name: `task/${kind}`,
    value: { data, context: { theme: 'default' } },
  };
}

/** The bot being added to the team (its General channel) or to a person's personal scope. */
export function botAdded(where: Where, person: Person = 'ann'): Json {
  return { ...base('conversationUpdate', person, where), membersAdded: [{ id: BOT.id }] };
}
