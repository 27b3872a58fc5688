/**
 * The contract on the shell: the real shell adapter, typed to line by line. The shell has no cards, so a
 * click is the verb a person types for it (`claim #68`, `reject 12`); everything it prints is the typer's,
 * except what goes into an account's thread.
 */
import { PassThrough } from 'node:stream';
import { runShell } from '../../adapters/shell/shell.ts';
import { createFixedClock } from '../../src/clock.ts';
import { defaultPolicy } from '../../src/collections/account.ts';
import type { DispatchContext } from '../../src/commands/dispatch.ts';
import type { Database } from '../../src/db.ts';
import { contractSuite } from './behaviours.ts';
import { type ContractDriver, type Person, PERSONS, type Seen, type Target } from './driver.ts';
import { seedStaff } from '../support/seed.ts';

/** What typing a click means in the shell. */
const VERBS: Record<string, (t: Target) => string> = {
  Claim: (t) => `claim #${t.account ?? 0}`,
  'Log call': (t) => `log #${t.account ?? 0}`,
  'Send letter': (t) => `letter #${t.account ?? 0}`,
  Reassign: (t) => `reassign #${t.account ?? 0}`,
  'Account terms': (t) => `terms #${t.account ?? 0}`,
  'Hand over to agency': (t) => `hand-over #${t.account ?? 0}`,
  Dispute: (t) => `dispute #${t.account ?? 0}`,
  'Resolve dispute': (t) => `resolve #${t.account ?? 0}`,
  Pause: (t) => `pause #${t.account ?? 0}`,
  'Un-pause': (t) => `unpause #${t.account ?? 0}`,
  Reject: (t) => `reject ${t.letter ?? 0}`,
  'Send call summary': (t) => `summary #${t.account ?? 0}`,
  Older: () => 'older',
  Newer: () => 'newer',
  'Payment plan': (t) => `plan #${t.account ?? 0}`,
  'Renegotiate plan': (t) => `plan #${t.account ?? 0}`,
  'Cancel plan': (t) => `cancel-plan #${t.account ?? 0}`,
  'Mark kept': (t) => `kept #${t.account ?? 0}`,
};

/** One running shell: each line is given when the shell asks for it, so the answer to a line is complete. */
function startSession(ctx: DispatchContext) {
  let output = '';
  let asked: (() => void) | null = null;
  let give: ((line: IteratorResult<string>) => void) | null = null;
  const next = () =>
    new Promise<IteratorResult<string>>((resolve) => {
      give = resolve;
      asked?.();
    });
  const waitForAsk = () => new Promise<void>((resolve) => (asked = resolve));
  const firstAsk = waitForAsk();
  const stdout = new PassThrough();
  stdout.on('data', (chunk) => (output += String(chunk)));
  const done = runShell({
    ctx,
    input: new PassThrough(),
    lines: { next },
    output: stdout,
    color: false,
    interactive: true,
    user: { platform: 'shell', id: 'ann', name: 'Ann' },
    width: 200,
  });
  let ended = false;
  void done.then(() => {
    ended = true;
    asked?.();
  });
  return {
    ready: firstAsk,
    get ended() {
      return ended;
    },
    /** Types `line` (null: the input ends) and returns everything printed until the shell asks again. */
    async type(line: string | null): Promise<string> {
      output = '';
      const answered = waitForAsk();
      give?.(line === null ? { done: true, value: undefined } : { done: false, value: line });
      await Promise.race([answered, done]);
      return output;
    },
  };
}

type Session = ReturnType<typeof startSession>;

/** Splits printed text into what the typer saw and what went into a thread, and what is being asked. */
function seen(text: string, who: Person): Seen {
  // A terminal shows the typed answer and its newline after a prompt; here nothing is echoed, so a thread
  // post that answers the last field would share the prompt's line.
  const lines = text.replace(/> (?=\[account thread\])/g, '>\n').split('\n');
  const everyone = lines.filter((l) => l.startsWith('[account thread]')).join('\n');
  const mine = lines.filter((l) => !l.startsWith('[account thread]')).join('\n');
  const last = lines.at(-1) ?? '';
  const result: Seen = { mine, everyone };
  if (last.startsWith(`${PERSONS[who].name}> `)) return result;
  const yesNo = lines.findLast((l) => l.endsWith('(yes/no)'));
  if (yesNo && last === '') return { ...result, question: yesNo };
  if (last.endsWith('> ')) return { ...result, form: [fieldAsked(lines)] };
  return result;
}

/** The label of the field being asked: the first line of its question. */
function fieldAsked(lines: string[]): string {
  const start = lines.findLastIndex((l, i) => i < lines.length - 1 && !l.startsWith('  ') && l !== '');
  return (lines[start] ?? '').replace(/ \(optional\)$/, '');
}

async function startShellDriver(db: Database, extra: Partial<DispatchContext>): Promise<ContractDriver> {
  // Each person has their role before the first command, as a manager or a role list would have set it.
  for (const person of Object.values(PERSONS)) await seedStaff(db.knex, person.name, person.role, 'shell');
  const ctx: DispatchContext = {
    db: db.knex,
    clock: createFixedClock('2026-11-22T03:00:00Z', 'Asia/Shanghai'),
    policy: defaultPolicy,
    pageSize: 10,
    ...extra,
  };
  let session: Session | null = null;
  let acting: Person = 'ann';
  /** What the shell printed last: the question it is asking now. */
  let last = '';
  const as = async (who: Person): Promise<Session> => {
    if (!session || session.ended) {
      session = startSession(ctx);
      await session.ready;
      acting = 'ann';
    }
    if (acting !== who) {
      await session.type(`as ${PERSONS[who].name}`);
      acting = who;
    }
    return session;
  };
  const type = async (who: Person, line: string | null) => {
    last = await (await as(who)).type(line);
    return last;
  };
  return {
    command: async (who, text) => seen(await type(who, `/overdue ${text}`), who),
    async click(who, label, target) {
      const verb = VERBS[label];
      if (!verb) throw new Error(`the shell has no verb for ${label}`);
      return seen(await type(who, verb(target)), who);
    },
    async submit(who, values) {
      // A form with nothing to fill in (a preview) is submitted with its yes.
      if (Object.keys(values).length === 0) return seen(await type(who, 'yes'), who);
      let printed = '';
      for (let asked = 0; asked < 20; asked += 1) {
        const out = await type(who, values[fieldAsked(last.split('\n'))] ?? '');
        printed += out;
        const step = seen(out, who);
        if (!step.form)
          return { ...seen(printed, who), ...(step.question ? { question: step.question } : {}) };
        if (/^ {2}! /m.test(out)) {
          // The core refused an answer and asks again: end the input as a person would (nothing is saved).
          printed += await type(who, null);
          return seen(printed, who);
        }
      }
      throw new Error(`the form kept asking: ${printed}`);
    },
    answer: async (who, yes) => seen(await type(who, yes ? 'yes' : 'no'), who),
    async close() {
      if (session && !session.ended) await session.type(null);
    },
  };
}

contractSuite('the shell', startShellDriver);
