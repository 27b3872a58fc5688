/**
 * The shell adapter: duebot on a terminal, the zero-setup default (like Hubot's shell). It reads one
 * command per line (typed, or piped on stdin for scripts), turns it into a neutral interaction for the
 * dispatcher and prints the neutral reply as text. `2` is a row of the last list, `#68` a customer id.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { type DispatchContext, dispatch } from '../../src/commands/dispatch.ts';
import { AMOUNT_SUFFIXES } from '../../src/collections/money.ts';
import { parseOverdue } from '../../src/commands/overdue-grammar.ts';
import { searchChoices } from '../../src/commands/people-search.ts';
import { ROLES } from '../../src/worklist/staff.ts';
import type { FileAttachment, Form, User } from '../../src/views/model.ts';
import type { Confirm, Reply } from '../../src/commands/interaction.ts';
import { CHANNELS, RESULTS } from '../../src/worklist/log-outcome.ts';
import { speechFor } from '../../src/i18n/speech.ts';
import { type Translator } from '../../src/i18n/translate.ts';
import { parseRowId } from '../../src/worklist/row-id.ts';
import { terminalFor } from './terminal.ts';
import { type FieldPrompt, fitToWidth, formToPrompts, renderTerminal, type TerminalRow } from './text.ts';
import { accountWord, LOG_KEYS, logKeyOf, readLogWords, splitWords } from './words.ts';

export { splitWords } from './words.ts';

export interface ShellOptions {
  ctx: DispatchContext;
  input: NodeJS.ReadableStream;
  /**
   * The typed lines, when given instead of reading `input`: each `next()` is the shell asking for a line,
   * so a driver knows when an answer is complete (the contract tests type step by step).
   */
  lines?: AsyncIterator<string>;
  output: NodeJS.WritableStream;
  /** ANSI colour (a terminal that is not NO_COLOR). */
  color: boolean;
  /** Ask for input with a prompt (an interactive terminal). */
  interactive: boolean;
  user: User;
  width?: number;
  /** Where files of messages (letter PDFs) are saved; the shell prints their paths. */
  filesDir?: string;
  /** Called once the shell has greeted and is about to ask for the first command. */
  onReady?: () => void;
}

/**
 * The shell's own help in the reader's language, fitted to the terminal: the command words (open, claim,
 * log, key=value, results) are what people type, so they stay as they are in every language.
 */
export function shellHelp(t: Translator, width = 80): string {
  const text = t.t('shell.help', {
    keys: Object.keys(LOG_KEYS).join(', '),
    results: RESULTS.join(', '),
    channels: CHANNELS.join(', '),
    suffixes: Object.keys(AMOUNT_SUFFIXES).join(' '),
    roles: ROLES.join(', '),
  });
  return fitToWidth(text, width);
}

/** A yes to a yes/no question: y or yes, or 是 / 好 / 确认 / 確認 in Chinese. */
const YES = /^\s*(y(es)?|是|好|确认|確認)\s*$/i;

/** Shell verbs that act on one account, named by `N` (a row) or `#N` (a customer id). */
const ACCOUNT_VERBS = new Set([
  'open',
  'claim',
  'release',
  'history',
  'log',
  'letter',
  'summary',
  'reassign',
  'plan',
  'cancel-plan',
  'kept',
  'dispute',
  'resolve',
  'pause',
  'unpause',
  'terms',
  'hand-over',
]);

/** Runs the shell until `quit` or the end of input. */
export async function runShell(options: ShellOptions): Promise<void> {
  const { ctx, output } = options;
  let rl: Interface | null = null;
  const lines =
    options.lines ??
    (rl = createInterface({ input: options.input, terminal: false }))[Symbol.asyncIterator]();
  let user = options.user;
  const width = options.width ?? 100;
  /**
   * The reader's language (their own choice, else DUEBOT_LOCALE or LANG as start.ts resolves it), read
   * again before each command so `/overdue language` takes effect at the next line.
   */
  let t: Translator = (await speechFor(ctx.db, user, ctx.language, undefined)).t;
  /** The rows of the last list; null before any (a bare number then names no row). */
  let rows: TerminalRow[] | null = null;
  let pager: { prevRef?: string; nextRef?: string } | undefined;
  // Every line within the terminal's width (Chinese counts two columns a character).
  const write = (text: string): void => {
    const fitted = fitToWidth(text.replace(/\n$/, ''), width);
    output.write(`${fitted}\n`);
  };
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
      write(`  ${t.t('shell.file.saved', { path })}`);
    }
  };

  /** Prints a reply; `list`: it answers a list command, so its rows (even none) replace the last list's. */
  const show = async (reply: Reply, list = false) => {
    if ('message' in reply) await saveFiles(reply.message.files);
    switch (reply.kind) {
      case 'ephemeral':
      case 'replace':
      case 'post': {
        if (reply.kind === 'replace' && reply.note) write(reply.note);
        const rendered = renderTerminal(reply.message, { color: options.color, width, t });
        if (list || rendered.rows.length > 0) {
          rows = rendered.rows;
          pager = rendered.pager;
        } else if (rendered.pager) pager = rendered.pager; // a history's pages (older / newer)
        write(rendered.text);
        return;
      }
      case 'thread':
        write(
          t.t('shell.thread.reply', {
            text: renderTerminal(reply.message, { color: options.color, width, t }).text,
          }),
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
        write(t.t('shell.form.elsewhere', { title: reply.form.title }));
        return;
      case 'confirm':
        write(t.t('shell.confirm.notAsked', { question: reply.confirm.question }));
        return;
      case 'none':
        return;
    }
  };

  /** A typed command; a form or a confirm step it answers with is asked for right here. */
  const command = async (text: string) => {
    const reply = await dispatch(ctx, { kind: 'command', text, user, platform: 'shell' });
    const parsed = parseOverdue(text);
    await follow(reply, parsed.ok && parsed.command.kind === 'list');
  };

  /** Shows a reply; a form is filled in and a confirm step asked, until the flow ends. */
  const follow = async (reply: Reply, list = false): Promise<void> => {
    if (reply.kind === 'openForm') return askForm(reply.form);
    if (reply.kind === 'confirm') return confirm(reply.confirm);
    return show(reply, list);
  };

  /** Hubot's propose, then confirm: the question, a yes/no, and the click again with the answer. */
  const confirm = async (step: Confirm) => {
    write(t.t('shell.confirm.ask', { question: step.question, yes: step.yes }));
    const answer = await readLine();
    const confirmed = answer !== null && YES.test(answer);
    return follow(await dispatch(ctx, { kind: 'action', ref: step.ref, user, confirmed }));
  };

  /** The core's check of the form as filled so far (the same as on submit): its message for `fieldId`. */
  const problemWith = async (form: Form, values: Record<string, string>, fieldId: string) => {
    const checked = await dispatch(ctx, { kind: 'submit', ref: form.ref, values, user, checkOnly: true });
    return checked.kind === 'formErrors' ? checked.errors[fieldId] : undefined;
  };

  /** Asks each field until its answer passes the field's own check and the core's; false at the end of input. */
  const askFields = async (form: Form, fields: FieldPrompt[], values: Record<string, string>) => {
    for (const field of fields) {
      for (;;) {
        prompt(field.question);
        const answer = await readLine();
        if (answer === null) return false;
        const read = field.read(answer);
        if (!read.ok) {
          write(`  ! ${read.message}`);
          continue;
        }
        values[field.id] = read.value;
        const problem = await problemWith(form, values, field.id);
        if (problem === undefined) break;
        write(`  ! ${field.label}: ${problem}`);
        delete values[field.id];
      }
    }
    return true;
  };

  /** A form with nothing to fill in (a letter's preview): what it shows, then yes/no before it is submitted. */
  const askSubmit = async (form: Form) => {
    if (form.intro) await show({ kind: 'ephemeral', message: form.intro });
    write(t.t('shell.submit.ask', { label: form.submitLabel }));
    const answer = await readLine();
    if (!answer || !YES.test(answer)) return write(t.t('shell.submit.nothingSent'));
    return follow(await dispatch(ctx, { kind: 'submit', ref: form.ref, values: {}, user }));
  };

  /**
   * Asks for each field, then submits; fields the core still refuses then (a rule joining two answers)
   * are asked again with the other answers kept, so nothing typed is thrown away.
   */
  const askForm = async (form: Form, given: Record<string, string> = {}): Promise<void> => {
    if (form.fields.length === 0) return askSubmit(form);
    write(form.title);
    const prompts = formToPrompts(form, t);
    const values: Record<string, string> = { ...given };
    let ask = prompts.filter((p) => values[p.id] === undefined);
    for (;;) {
      if (!(await askFields(form, ask, values))) return write(`  ! ${t.t('shell.form.inputEnded')}`);
      const reply = await dispatch(ctx, { kind: 'submit', ref: form.ref, values, user });
      if (reply.kind !== 'formErrors') return follow(reply);
      ask = prompts.filter((p) => reply.errors[p.id] !== undefined);
      for (const p of ask) write(`  ! ${p.label}: ${reply.errors[p.id] ?? ''}`);
      if (ask.length === 0 || ask.length < Object.keys(reply.errors).length) return show(reply);
      for (const p of ask) delete values[p.id];
    }
  };

  /** The form a typed command answers with, or what it said instead (shown). */
  const formOf = async (text: string): Promise<Form | null> => {
    const opened = await dispatch(ctx, { kind: 'command', text, user, platform: 'shell' });
    if (opened.kind === 'openForm') return opened.form;
    await follow(opened);
    return null;
  };

  /** `log N` asks; `log N key=value ...` checks each value as the prompt would, then submits. */
  const log = async (accountId: number, args: string[]) => {
    const form = await formOf(`log #${accountId}`);
    if (!form) return;
    if (args.length === 0) return askForm(form);
    const typed = readLogWords(args, t);
    if (!typed.ok) return write(`  ! ${typed.message}`);
    const values: Record<string, string> = { channel: 'call' };
    const prompts = new Map(formToPrompts(form, t).map((p) => [p.id, p]));
    const problems: string[] = [];
    for (const [id, text] of Object.entries(typed.values)) {
      const read = prompts.get(id)?.read(text) ?? { ok: true, value: text };
      if (read.ok) values[id] = read.value;
      else problems.push(`  ! ${logKeyOf(id)}: ${read.message}`);
    }
    if (problems.length > 0) return write([...problems, `  ${t.t('shell.nothingSaved')}`].join('\n'));
    const reply = await dispatch(ctx, { kind: 'submit', ref: form.ref, values, user });
    if (reply.kind !== 'formErrors') return show(reply);
    const lines = Object.entries(reply.errors).map(([id, message]) => `  ! ${logKeyOf(id)}: ${message}`);
    return write([...lines, `  ${t.t('shell.nothingSaved')}`].join('\n'));
  };

  /** `reassign N [name]`: the name answers the form's one field, else it is asked. */
  const reassign = async (accountId: number, name: string) => {
    const form = await formOf(`reassign #${accountId}`);
    if (!form) return;
    const [field] = formToPrompts(form, t);
    if (!name || !field) return askForm(form);
    const read = field.read(name);
    const value = read.ok
      ? read.value
      : ((await searched(form, field.id, name)) ?? { message: `  ! ${name}: ${read.message}` });
    if (typeof value !== 'string') return write(value.message);
    return follow(
      await dispatch(ctx, { kind: 'submit', ref: form.ref, values: { [field.id]: value }, user }),
    );
  };

  /**
   * A name beyond the choices the form lists (a searchable field shows the first 100): the core's search
   * finds it among everyone, as Slack's and Teams' type-ahead do. One match, or one exact name, is chosen.
   */
  const searched = async (
    form: Form,
    fieldId: string,
    name: string,
  ): Promise<string | { message: string } | null> => {
    const field = form.fields.find((f) => f.id === fieldId);
    if (field?.type !== 'select' || !field.search) return null;
    const found = await searchChoices(ctx, { ref: form.ref, field: fieldId, query: name, user });
    if (!found.ok) return { message: `  ! ${found.error.message}` };
    const exact = found.value.filter((c) => c.label.toLowerCase() === name.toLowerCase());
    const [only] = exact.length === 1 ? exact : found.value;
    if (only && (exact.length === 1 || found.value.length === 1)) return only.value;
    if (found.value.length === 0) return { message: `  ! ${t.t('shell.search.nobody', { name })}` };
    const shown = found.value.slice(0, 10).map((c) => `    ${c.label}`);
    const more =
      found.value.length > 10 ? [`    ${t.t('shell.search.more', { count: found.value.length - 10 })}`] : [];
    return {
      message: [`  ! ${t.t('shell.search.several', { name })}`, ...shown, ...more].join('\n'),
    };
  };

  /** `approve L` ...: the letter number is checked here so the refusal names the shell's L. */
  const decide = async (verb: string, word: string | undefined) => {
    if (!word || !/^\d+$/.test(word)) return write(`  ! ${t.t('shell.letter.usage', { verb })}`);
    const letterId = parseRowId(word);
    if (letterId === null) return write(`  ! ${t.t('shell.letter.unknown', { number: word })}`);
    return command(`${verb} ${letterId}`);
  };

  // Scheduled posts printed on this output wait while a command runs (terminal.ts).
  const terminal = terminalFor(output);
  write(t.t('shell.greeting', { name: user.name }));
  options.onReady?.();
  for (;;) {
    terminal.idle(options.interactive ? `${user.name}> ` : '');
    prompt(`${user.name}> `);
    const line = await readLine();
    terminal.busy();
    if (line === null) break;
    const trimmed = line.trim();
    if (!trimmed) continue;
    t = (await speechFor(ctx.db, user, ctx.language, undefined)).t;
    const [word = '', ...rest] = splitWords(trimmed);
    const verb = word.toLowerCase();
    try {
      if (verb === 'quit' || verb === 'exit') break;
      if (verb === 'help') write(shellHelp(t, width));
      else if (verb === '/overdue' || verb === 'overdue')
        await command(trimmed.replace(/^\/?overdue\s*/i, ''));
      else if (verb === 'as') {
        const name = rest.join(' ').trim();
        const role = rest.length > 1 ? ROLES.find((r) => r === rest.at(-1)?.toLowerCase()) : undefined;
        if (!name) write(`  ! ${t.t('shell.as.noName')}`);
        else if (role) {
          // Roles change one way everywhere (a manager's recorded `role`), the terminal included.
          const who = rest.slice(0, -1).join(' ');
          write(`  ! ${t.t('shell.as.onlyName', { who, role })}`);
        } else {
          user = { ...user, id: name.toLowerCase(), name }; // the same terminal, so the same LANG
          write(t.t('shell.as.now', { name }));
          await command(`role ${user.id}`);
        }
      } else if (verb === 'role') await command(trimmed);
      else if (verb === 'next' || verb === 'prev' || verb === 'older' || verb === 'newer') {
        const forward = verb === 'next' || verb === 'older';
        const ref = forward ? pager?.nextRef : pager?.prevRef;
        if (!ref) write(`  ! ${t.t('shell.page.none', { which: forward ? 'next' : 'previous' })}`);
        else await show(await dispatch(ctx, { kind: 'action', ref, user }), true);
      } else if (verb === 'approve' || verb === 'reject' || verb === 'mark-sent' || verb === 'send-again') {
        await decide(verb, rest[0]);
      } else if (ACCOUNT_VERBS.has(verb)) {
        const named = accountWord(verb, rest[0], rows, t);
        if (!named.ok) write(`  ! ${named.message}`);
        else if (verb === 'log') await log(named.accountId, rest.slice(1));
        else if (verb === 'reassign') await reassign(named.accountId, rest.slice(1).join(' '));
        else if (verb === 'letter') {
          const template = rest[1]?.toLowerCase();
          if (template !== undefined && !/^[a-z0-9][a-z0-9-]{0,31}$/.test(template))
            write(`  ! ${t.t('shell.letter.badTemplate', { template })}`);
          else await command(`letter #${named.accountId}${template ? ` ${template}` : ''}`);
        } else if (verb === 'summary') await command(`letter #${named.accountId} call-summary`);
        else await command(`${verb === 'open' ? 'show' : verb} #${named.accountId}`);
      } else write(`  ! ${t.t('shell.unknownCommand', { word })}`);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      write(`  ! ${t.t('shell.trouble', { error: text })}`);
    }
  }
  terminal.close();
  rl?.close();
}
