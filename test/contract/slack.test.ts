/**
 * The contract on Slack: the real Bolt HTTP app, driven by requests signed as Slack signs them; Web API
 * calls and response_url posts recorded (nock). Clicks use the buttons as Block Kit drew them (value,
 * action_id, confirm object), and a button with a confirm object asks before anything is sent, as Slack does.
 */
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { type ClickOptions, startHarness, type SubmittedView } from '../slack/support/harness.ts';
import type { SlackRecord } from '../slack/support/slack-api.ts';
import { startSocketHarness } from '../slack/support/socket-harness.ts';
import { contractSuite } from './behaviours.ts';
import { type ContractDriver, type Person, type Seen, textOf } from './driver.ts';

const USERS: Record<Person, string> = { ann: 'UANN', bob: 'UBOB', mia: 'UMIA', vic: 'UVIC' };

type Json = Record<string, unknown>;

/** A button as drawn: what a click on it sends. */
interface Drawn {
  ref: string;
  actionId: string;
  overflow: boolean;
  /** The text of Slack's own confirm dialog, when the button has one. */
  confirm?: string;
}

/** The buttons and menu entries of some Block Kit blocks, by label. */
function buttonsOf(blocks: unknown): Map<string, Drawn> {
  const found = new Map<string, Drawn>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    const node = v as Json;
    if (node.type === 'button' && typeof node.value === 'string') {
      const confirm = (node.confirm as { text?: { text?: string } } | undefined)?.text?.text;
      found.set(String((node.text as Json).text), {
        ref: node.value,
        actionId: String(node.action_id),
        overflow: false,
        ...(confirm ? { confirm } : {}),
      });
    } else if (node.type === 'overflow') {
      for (const o of node.options as { text: { text: string }; value: string }[])
        found.set(o.text.text, { ref: o.value, actionId: String(node.action_id), overflow: true });
    } else Object.values(node).forEach(walk);
  };
  walk(blocks);
  return found;
}

type View = { private_metadata: string; title: { text: string }; blocks: Json[]; submit?: unknown };

/** A filled-in modal's state, by field label; every other input sent empty, as Slack sends it. */
async function stateOf(db: Database, view: View, values: Record<string, string>) {
  const state: Record<string, Record<string, Json>> = {};
  for (const block of view.blocks.filter((b) => b.type === 'input')) {
    const id = String(block.block_id);
    const label = String((block.label as Json).text);
    const element = block.element as Json & { options?: { text: { text: string }; value: string }[] };
    const given = values[label];
    if (element.type === 'external_select') {
      // Slack fills a searched select from the options endpoint (tested in reassign-search.test.ts); the
      // option it sends is the person's id, the same value that endpoint answers with.
      const person = given ? await db.knex('users').where({ display_name: given }).first('id') : undefined;
      state[id] = { [id]: { selected_option: person ? { value: String(person.id) } : null } };
    } else if (element.type === 'static_select') {
      const option = element.options?.find((o) => o.text.text === given || o.value === given);
      state[id] = { [id]: { selected_option: option ? { value: option.value } : null } };
    } else if (element.type === 'datepicker') state[id] = { [id]: { selected_date: given ?? null } };
    else state[id] = { [id]: { value: given ?? null } };
  }
  return { values: state };
}

const labelsOf = (view: View) =>
  view.blocks.filter((b) => b.type === 'input').map((b) => String((b.label as Json).text));

/**
 * One Slack transport: each request answered with the body Slack reads back (an HTTP response's body, or a
 * Socket Mode envelope's acknowledgement payload), with the Web API calls it caused recorded.
 */
interface Transport extends Pick<SlackRecord, 'api' | 'responses' | 'reset'> {
  slash(text: string, user: string): Promise<string>;
  click(ref: string, user: string, options: ClickOptions): Promise<string>;
  submit(view: SubmittedView, user: string): Promise<string>;
  close(): Promise<void>;
}

async function overHttp(db: Database, ctx: Partial<DispatchContext>): Promise<Transport> {
  const slack = await startHarness(db, 10, { ctx });
  return {
    api: slack.api,
    responses: slack.responses,
    reset: slack.reset,
    slash: async (text, user) => (await slack.slash(text, user)).text(),
    click: async (ref, user, options) => (await slack.click(ref, user, options)).text(),
    submit: async (view, user) => (await slack.submit(view, user)).text(),
    close: () => slack.close(),
  };
}

async function overSocketMode(db: Database, ctx: Partial<DispatchContext>): Promise<Transport> {
  const slack = await startSocketHarness(db, { ctx });
  const body = ({ ack }: { ack: { payload: Record<string, unknown> } }) =>
    Object.keys(ack.payload).length > 0 ? JSON.stringify(ack.payload) : '';
  return {
    api: slack.api,
    responses: slack.responses,
    reset: slack.reset,
    slash: async (text, user) => body(await slack.slash(text, user)),
    click: async (ref, user, options) => body(await slack.click(ref, user, options)),
    submit: async (view, user) => body(await slack.submit(view, user)),
    close: () => slack.close(),
  };
}

const startSlackDriver =
  (transport: (db: Database, ctx: Partial<DispatchContext>) => Promise<Transport>) =>
  async (db: Database, ctx: Partial<DispatchContext>): Promise<ContractDriver> => {
    const slack = await transport(db, ctx);
    const buttons: Record<Person, Map<string, Drawn>> = {
      ann: new Map(),
      bob: new Map(),
      mia: new Map(),
      vic: new Map(),
    };
    const modal: Partial<Record<Person, View>> = {};
    const asking: Partial<Record<Person, Drawn>> = {};

    /** Runs one request as `who` and sorts what Slack was asked to show to whom. */
    const step = async (who: Person, run: () => Promise<string>, submitting = false): Promise<Seen> => {
      slack.reset();
      const body = await run();
      const mine: unknown[] = [];
      const everyone: unknown[] = [];
      const see = (blocks: unknown, forAll: boolean) => {
        (forAll ? everyone : mine).push(blocks);
        for (const p of forAll ? (Object.keys(buttons) as Person[]) : [who])
          for (const [label, b] of buttonsOf(blocks)) buttons[p].set(label, b);
      };
      for (const r of slack.responses)
        see(r.body.blocks, r.body.replace_original === true || r.body.response_type === 'in_channel');
      for (const call of slack.api) {
        if (call.method === 'chat.postMessage') see(call.args.blocks, call.args.channel !== USERS[who]);
        if (call.method === 'chat.postEphemeral') see(call.args.blocks, false);
        if (call.method === 'views.open' || call.method === 'views.update') {
          const view = call.args.view as View;
          see(view.blocks, false);
          if (view.submit) modal[who] = view;
          else delete modal[who];
        }
      }
      if (body.startsWith('{')) {
        const ack = JSON.parse(body) as { response_action?: string; errors?: Json; view?: View };
        if (ack.response_action === 'errors') mine.push(ack.errors);
        if (ack.view) {
          see(ack.view.blocks, false);
          if (ack.view.submit) modal[who] = ack.view;
          else delete modal[who];
        }
      } else if (submitting) delete modal[who]; // an empty answer closes the modal
      const open = modal[who];
      return { mine: textOf(mine), everyone: textOf(everyone), ...(open ? { form: labelsOf(open) } : {}) };
    };

    return {
      command: (who, text) => step(who, () => slack.slash(text, USERS[who])),
      async click(who, label) {
        const b = buttons[who].get(label);
        if (!b) throw new Error(`${who} has seen no "${label}" button on Slack`);
        // Slack asks in its own dialog first; nothing reaches duebot until the answer.
        if (b.confirm) {
          asking[who] = b;
          return { mine: b.confirm, everyone: '', question: b.confirm };
        }
        const kind = /^duebot-(form|yes|no)-/.exec(b.actionId)?.[1];
        return step(who, () =>
          slack.click(b.ref, USERS[who], {
            overflow: b.overflow,
            ...(kind === 'form' ? { opensForm: true } : {}),
            ...(kind === 'yes' || kind === 'no' ? { confirmed: kind === 'yes' } : {}),
          }),
        );
      },
      async submit(who, values) {
        const view = modal[who];
        if (!view) throw new Error(`${who} has no modal open on Slack`);
        const state = await stateOf(db, view, values);
        return step(
          who,
          () =>
            slack.submit(
              { private_metadata: view.private_metadata, title: view.title.text, state },
              USERS[who],
            ),
          true,
        );
      },
      async answer(who, yes) {
        const b = asking[who];
        delete asking[who];
        if (!b) throw new Error(`nobody asked ${who} anything on Slack`);
        if (!yes) return { mine: '', everyone: '' }; // Cancel closes Slack's dialog; duebot never hears of it
        return step(who, () => slack.click(b.ref, USERS[who], { overflow: b.overflow, confirmed: true }));
      },
      close: () => slack.close(),
    };
  };

contractSuite('Slack (HTTP)', startSlackDriver(overHttp));
contractSuite('Slack (Socket Mode)', startSlackDriver(overSocketMode));
