/**
 * The contract on Teams: the real bot behind POST /api/messages with JWT-checked activities; the connector
 * recorded (nock). Commands are typed in the team's channel, where every card is everyone's; clicks use the
 * cards' own actions: Action.Execute answers only the clicker, a dialog opener (a form or a question) opens
 * a dialog only the clicker sees.
 */
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { execute, message, task, type Where } from '../teams/support/activities.ts';
import { type Harness, PEOPLE, startHarness } from '../teams/support/harness.ts';
import { contractSuite } from './behaviours.ts';
import { type ContractDriver, type Person, type Seen, textOf } from './driver.ts';

type Json = Record<string, unknown>;
const CHANNEL: Where = { in: 'channel' };

/** The actions of some cards, by title. */
function actionsOf(cards: unknown): Map<string, Json> {
  const found = new Map<string, Json>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    const node = v as Json;
    if (typeof node.type === 'string' && node.type.startsWith('Action.') && typeof node.title === 'string')
      found.set(node.title, node);
    Object.entries(node).forEach(([key, value]) => key !== 'fallback' && walk(value));
  };
  walk(cards);
  return found;
}

/** The inputs of a dialog card. */
const inputsOf = (card: Json) =>
  ((card.body as Json[]) ?? []).filter((n) => String(n.type).startsWith('Input.'));

const dataOf = (action: Json | undefined) => (action?.data ?? {}) as Json;
const answers = (card: Json, yes: boolean) =>
  [...actionsOf(card).values()].find((a) => (dataOf(a).duebot as Json | undefined)?.confirmed === yes);

async function startTeamsDriver(db: Database, ctx: Partial<DispatchContext>): Promise<ContractDriver> {
  const teams: Harness = await startHarness(db, { viewers: [PEOPLE.vic.aadObjectId] }, '127.0.0.1', ctx);
  const seenActions: Record<Person, Map<string, Json>> = {
    ann: new Map(),
    bob: new Map(),
    mia: new Map(),
    vic: new Map(),
  };
  const dialog: Partial<Record<Person, Json>> = {};
  let cards = 0;

  /** Posts one activity as `who`; sorts the invoke answer (the clicker's) and the connector's posts. */
  const step = async (who: Person, activity: Json): Promise<Seen> => {
    teams.reset();
    const res = await teams.post(activity);
    const text = await res.text();
    const answer = (text ? JSON.parse(text) : {}) as Json;
    const mine: unknown[] = [];
    const everyone: unknown[] = [];
    const see = (content: unknown, forAll: boolean) => {
      (forAll ? everyone : mine).push(content);
      for (const p of forAll ? (Object.keys(seenActions) as Person[]) : [who])
        for (const [title, action] of actionsOf(content)) seenActions[p].set(title, action);
    };
    for (const call of teams.calls) see(call.body, call.method === 'PUT' || !call.path.includes('a:chat-'));
    const task = answer.task as { type: string; value: unknown } | undefined;
    if (task?.type === 'continue') {
      const card = (task.value as { card: { content: Json } }).card.content;
      see(card, false);
      dialog[who] = card;
    } else if (task) {
      mine.push(task.value);
      delete dialog[who];
    } else if (answer.value !== undefined) see(answer.value, false);
    const open = dialog[who];
    if (!open) return { mine: textOf(mine), everyone: textOf(everyone) };
    const seen = { mine: textOf(mine), everyone: textOf(everyone) };
    if (answers(open, true)) return { ...seen, question: textOf((open.body as Json[]).slice(1)) };
    // A dialog that carries its form back on submit is a form; one that only shows a message is not.
    const isForm = [...actionsOf(open).values()].some((a) => 'form' in ((dataOf(a).duebot ?? {}) as Json));
    return isForm ? { ...seen, form: inputsOf(open).map((i) => String(i.label)) } : seen;
  };

  return {
    command: (who, text) => step(who, message(`overdue ${text}`, who, CHANNEL)),
    async click(who, label) {
      const action = seenActions[who].get(label);
      if (!action) throw new Error(`${who} has seen no "${label}" action on Teams`);
      const data = dataOf(action);
      if ((data.msteams as Json | undefined)?.type === 'task/fetch')
        return step(who, task('fetch', data, who, CHANNEL));
      cards += 1;
      return step(who, execute(String(data.ref), who, `card-${cards}`, CHANNEL));
    },
    async submit(who, values) {
      const card = dialog[who];
      if (!card) throw new Error(`${who} has no dialog open on Teams`);
      const filled: Json = {};
      for (const input of inputsOf(card)) {
        const given = values[String(input.label)];
        if (given === undefined) continue;
        const choice = (input.choices as { title: string; value: string }[] | undefined)?.find(
          (c) => c.title === given || c.value === given,
        );
        filled[String(input.id)] = choice ? choice.value : given;
      }
      const send = (card.actions as Json[])[0];
      return step(who, task('submit', { ...dataOf(send), ...filled }, who, CHANNEL));
    },
    async answer(who, yes) {
      const card = dialog[who];
      const action = card && answers(card, yes);
      if (!action) throw new Error(`nobody asked ${who} anything on Teams`);
      return step(who, task('submit', dataOf(action), who, CHANNEL));
    },
    close: () => teams.close(),
  };
}

contractSuite('Teams', startTeamsDriver);
