/**
 * The shell adapter: duebot on a terminal, the zero-setup default (like Hubot's shell). It reads one
 * command per line (typed, or piped on stdin for scripts), turns it into a neutral interaction for the
 * dispatcher and prints the neutral reply as text. Row numbers of the last list stand for accounts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { encodeRef, safeEncodeRef } from '../../src/commands/action-ref.ts';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import { parseRowId } from '../../src/worklist/row-id.ts';
import { ROLES } from '../../src/worklist/staff.ts';
import type { FileAttachment, Form, Reply, User } from '../../src/views/model.ts';
import { formToPrompts, renderTerminal, type TerminalRow } from './text.ts';

export interface ShellOptions {
  ctx: DispatchContext;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** ANSI colour (a terminal that is not NO_COLOR). */
  color: boolean;
  /** Ask for input with a prompt (an interactive terminal). */
  interactive: boolean;
  user: User;
  width?: number;
  /** Where files of messages (letter PDFs) are saved; the shell prints their paths. */
  filesDir?: string;
}

/** `log 3 result=promised date=2026-12-01 amount=5000 notes="..."`: short keys for the form's fields. */
const FIELD_ALIASES: Record<string, string> = {
  date: 'promiseDate',
  amount: 'promiseAmount',
  followup: 'nextFollowUp',
  'follow-up': 'nextFollowUp',
  next: 'nextFollowUp',
};

export const SHELL_HELP = `Shell commands (N is a row number of the last list, or a customer id):
  /overdue [filters]     the worklist (try /overdue help)
  open N                 the account card
  claim N | release N    become the owner / give the account up
  log N                  record a call; asks for each field
  log N result=promised date=2026-12-01 amount=5000 notes="pays Friday"
                         the same on one line (keys: channel, result, notes, date, amount,
                         currency, invoices, followup)
  history N              every contact so far
  reassign N [name]      give the account to another collector (managers)
  letter N [template]    preview the letter the ladder suggests (or the one named), then send it
  approve L | reject L   decide on letter L waiting for a second person's approval
  mark-sent L | send-again L
                         letter L may or may not have gone out: you found it in the mailbox,
                         or send the same e-mail again (once)
  next | prev            the next or previous page of the last list
  as <name>              act as another staff member (with the role they have)
  role NAME [role]       their role and where it came from; managers set it:
                         role ann manager (collector, manager, sales or viewer)
  help | quit`;

/** Splits `a b="c d" e` into words, keeping quoted parts together. */
export function splitWords(line: string): string[] {
  return [...line.matchAll(/(\w[\w-]*)="([^"]*)"|"([^"]*)"|(\S+)/g)].map((m) =>
    m[1] !== undefined ? `${m[1]}=${m[2]}` : (m[3] ?? m[4] ?? ''),
  );
}

/** Runs the shell until `quit` or the end of input. */
export async function runShell(options: ShellOptions): Promise<void> {
  const { ctx, output } = options;
  const rl = createInterface({ input: options.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let user = options.user;
  let rows: TerminalRow[] = [];
  let pager: { prevRef?: string; nextRef?: string } | undefined;
  const write = (text: string) => output.write(text.endsWith('\n') ? text : `${text}\n`);
  const prompt = (text: string) => {
    if (options.interactive) output.write(text);
  };
  const readLine = async (): Promise<string | null> => {
    const next = await lines.next();
    return next.done ? null : next.value;
  };

  const filesDir = options.filesDir ?? join(tmpdir(), 'duebot-files');
  /** Saves a message's files and says where, since a terminal cannot show a PDF. */
  const saveFiles = async (files: FileAttachment[] | undefined) => {
    if (!files?.length) return;
    await mkdir(filesDir, { recursive: true });
    for (const file of files) {
      const path = join(filesDir, basename(file.filename));
      await writeFile(path, file.data);
      write(`  [file] ${path}`);
    }
  };

  const show = async (reply: Reply) => {
    if ('message' in reply) await saveFiles(reply.message.files);
    switch (reply.kind) {
      case 'ephemeral':
      case 'replace':
      case 'post': {
        const rendered = renderTerminal(reply.message, { color: options.color, width: options.width ?? 100 });
        if (rendered.rows.length > 0) {
          rows = rendered.rows;
          pager = rendered.pager;
        }
        write(rendered.text);
        return;
      }
      case 'thread':
        write(
          `[account thread] ${renderTerminal(reply.message, { color: options.color, width: options.width ?? 100 }).text}`,
        );
        return;
      case 'formErrors':
        write(
          Object.entries(reply.errors)
            .map(([field, message]) => `  ! ${field}: ${message}`)
            .join('\n'),
        );
        return;
      case 'openForm':
        write(`(${reply.form.title}: use log N to fill it in)`);
        return;
      case 'none':
        return;
    }
  };

  const command = async (text: string) => {
    const reply = await dispatch(ctx, { kind: 'command', text, user, platform: 'shell' });
    await show(reply);
    return reply;
  };

  /** A row number of the last list, or else a customer id. */
  const account = (word: string | undefined): string | null => {
    if (!word || !/^#?\d+$/.test(word)) return null;
    const n = Number(word.replace('#', ''));
    const row = word.startsWith('#') ? undefined : rows.find((r) => r.rowNumber === n);
    return String(row ? row.customerId : n);
  };
  /** A number too large to be any row or id ("99999999999999999999"): no account has it. */
  const beyondIds = (word: string | undefined) =>
    word !== undefined && /^#?\d+$/.test(word) && parseRowId(word.replace('#', '')) === null;

  const askForm = async (form: Form): Promise<Record<string, string> | null> => {
    const values: Record<string, string> = {};
    for (const field of formToPrompts(form)) {
      for (;;) {
        prompt(field.question);
        const answer = await readLine();
        if (answer === null) return null;
        const read = field.read(answer);
        if (read.ok) {
          values[field.id] = read.value;
          break;
        }
        write(`  ! ${read.message}`);
      }
    }
    return values;
  };

  /** Fills a form from key=value words, or asks for each field; then submits it. */
  const fillForm = async (form: Form, values: Record<string, string> | null) => {
    if (!values) write(form.title);
    const filled = values ?? (await askForm(form));
    if (filled) await show(await dispatch(ctx, { kind: 'submit', ref: form.ref, values: filled, user }));
  };

  const log = async (id: string, args: string[]) => {
    const opened = await dispatch(ctx, { kind: 'command', text: `log ${id}`, user, platform: 'shell' });
    if (opened.kind !== 'openForm') return show(opened);
    if (args.length === 0) return fillForm(opened.form, null);
    const values: Record<string, string> = { channel: 'call' };
    for (const arg of args) {
      const eq = arg.indexOf('=');
      if (eq < 1) return write(`  ! "${arg}" is not key=value; see help`);
      const key = arg.slice(0, eq).toLowerCase();
      values[FIELD_ALIASES[key] ?? key] = arg.slice(eq + 1);
    }
    return fillForm(opened.form, values);
  };

  const reassign = async (id: string, name: string) => {
    const ref = encodeRef({ v: 1, action: 'reassign', accountId: Number(id) });
    const opened = await dispatch(ctx, { kind: 'action', ref, user });
    if (opened.kind !== 'openForm') return show(opened);
    const [field] = formToPrompts(opened.form);
    if (!name || !field) return fillForm(opened.form, null);
    const read = field.read(name);
    if (!read.ok) return write(`  ! ${name}: ${read.message}`);
    return fillForm(opened.form, { [field.id]: read.value });
  };

  /** Send letter: the preview, then a yes/no before anything is sent (Hubot's propose, then confirm). */
  const letter = async (id: string, template: string | undefined) => {
    const ref = safeEncodeRef({
      v: 1,
      action: 'letter',
      accountId: Number(id),
      ...(template ? { template } : {}),
    });
    if (!ref.ok) return write(`  ! "${template ?? ''}" is not a letter template name`);
    const opened = await dispatch(ctx, { kind: 'action', ref: ref.value, user });
    if (opened.kind !== 'openForm') return show(opened);
    if (opened.form.intro) await show({ kind: 'ephemeral', message: opened.form.intro });
    write(`${opened.form.submitLabel}? (yes/no)`);
    const answer = await readLine();
    if (!answer || !/^\s*y(es)?\s*$/i.test(answer)) return write('Nothing was sent.');
    return show(await dispatch(ctx, { kind: 'submit', ref: opened.form.ref, values: {}, user }));
  };

  const LETTER_VERBS = {
    approve: 'letter-approve',
    reject: 'letter-reject',
    'mark-sent': 'letter-mark-sent',
    'send-again': 'letter-resend',
  } as const;
  const decide = async (verb: keyof typeof LETTER_VERBS, word: string | undefined) => {
    if (!word || !/^\d+$/.test(word))
      return write(`  ! ${verb} L: L is the letter number shown with the request`);
    const letterId = parseRowId(word);
    if (letterId === null) return write(`  ! No letter has the number ${word}.`);
    const ref = encodeRef({ v: 1, action: LETTER_VERBS[verb], letterId });
    return show(await dispatch(ctx, { kind: 'action', ref, user }));
  };

  write(`duebot shell: acting as ${user.name}. Type help, or /overdue to see the worklist.`);
  for (;;) {
    prompt(`${user.name}> `);
    const line = await readLine();
    if (line === null) break;
    const trimmed = line.trim();
    if (!trimmed) continue;
    const [word = '', ...rest] = splitWords(trimmed);
    const verb = word.toLowerCase();
    try {
      if (verb === 'quit' || verb === 'exit') break;
      if (verb === 'help') write(SHELL_HELP);
      else if (verb === '/overdue' || verb === 'overdue')
        await command(trimmed.replace(/^\/?overdue\s*/i, ''));
      else if (verb === 'as') {
        const name = rest.join(' ').trim();
        const role = rest.length > 1 ? ROLES.find((r) => r === rest.at(-1)?.toLowerCase()) : undefined;
        if (!name) write('  ! as <name>: say whom to act as');
        else if (role) {
          // Roles change one way everywhere (a manager's recorded `role`), the terminal included.
          const who = rest.slice(0, -1).join(' ');
          write(`  ! as takes only a name; a manager gives ${who} the role with: role ${who} ${role}`);
        } else {
          user = { platform: 'shell', id: name.toLowerCase(), name };
          write(`Now acting as ${name}.`);
          await command(`role ${user.id}`);
        }
      } else if (verb === 'role') await command(trimmed);
      else if (verb === 'next' || verb === 'prev') {
        const ref = verb === 'next' ? pager?.nextRef : pager?.prevRef;
        if (!ref) write(`  ! there is no ${verb === 'next' ? 'next' : 'previous'} page`);
        else await show(await dispatch(ctx, { kind: 'action', ref, user }));
      } else if (verb === 'approve' || verb === 'reject' || verb === 'mark-sent' || verb === 'send-again') {
        await decide(verb, rest[0]);
      } else if (['open', 'claim', 'release', 'history', 'log', 'letter', 'reassign'].includes(verb)) {
        const id = account(rest[0]);
        if (beyondIds(rest[0])) write(`  ! No account has the id ${rest[0] ?? ''}.`);
        else if (id === null) write(`  ! ${verb} N: N is a row number of the last list or a customer id`);
        else if (verb === 'log') await log(id, rest.slice(1));
        else if (verb === 'letter') await letter(id, rest[1]?.toLowerCase());
        else if (verb === 'reassign') await reassign(id, rest.slice(1).join(' '));
        else await command(`${verb === 'open' ? 'show' : verb} ${id}${rest[1] ? ` ${rest[1]}` : ''}`);
      } else write(`  ! unknown command "${word}"; type help`);
    } catch (error) {
      write(`  ! something went wrong: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  rl.close();
}
