/**
 * The credit meeting's agenda beyond its replies as a file (PB-28, issue 19): CSV and XLSX with the same
 * columns, worth most first. The files are not made when the meeting opens: the parent post names them
 * (Message.generatedFiles) and the outbox makes them when it delivers the post, reading the worklist by
 * the agenda's definition (worklist/meeting-agenda.ts: accounts over the cutoff that have no reply in the
 * thread, in the agenda's order, days overdue as of the meeting's day) page by page into a temporary file,
 * so neither the meeting's transaction nor the outbox row carries a hundred megabytes, and the meeting
 * writes no row per account. The file lists the agenda as the worklist has it when it is made: an account
 * paid in full between the opening and the delivery is not in it.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import { agingBuckets, bucketFor } from '../collections/aging.ts';
import { majorUnitsText } from '../collections/money.ts';
import { parseJson } from '../outbox/payload.ts';
import {
  AGENDA_FROM,
  AGENDA_WHERE,
  agendaDefinition,
  agendaOrderBy,
  SNAPSHOT_JOINS,
  SNAPSHOT_SQL,
} from '../worklist/meeting-agenda.ts';
import type { FileAttachment, GeneratedFile, Message } from '../views/model.ts';
import type { MeetingAccount } from '../worklist/meeting-decisions.ts';
import { type CsvCell, csvLine } from './csv.ts';
import { crossingsFile } from './alert-crossings-file.ts';
import { meetingChartFile } from './meeting-chart-file.ts';
import { xlsxRow, xlsxStream } from './xlsx.ts';
import { translator, type Translator } from '../i18n/translate.ts';
import { nextActionWords } from '../views/ladder-words.ts';

/** Rows per page read from the agenda. */
const AGENDA_PAGE = 5000;

/** The file's columns (also the replies' content: one account per row). */
export const AGENDA_COLUMNS = [
  'Position',
  'Account id',
  'Account',
  'Expected recovery',
  'Currency',
  'Open amount',
  'Other currencies',
  'Days overdue',
  'Bucket',
  'Grade',
  'Owner',
  'Sales rep',
  'Ladder step',
  'Next action',
  'Last contact',
] as const;

export const MIME_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

function agendaRow(
  position: number,
  a: MeetingAccount,
  salesRep: string | null,
  buckets: ReturnType<typeof agingBuckets>,
  t: Translator,
): CsvCell[] {
  const main = a.mainCurrency ?? Object.keys(a.openByCurrency)[0] ?? null;
  const others = Object.entries(a.openByCurrency)
    .filter(([c]) => c !== main)
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([currency, minor]) => `${currency} ${majorUnitsText({ minor, currency })}`)
    .join('; ');
  return [
    position,
    a.accountId,
    a.name,
    a.expectedRecovery === undefined ? null : Math.round(a.expectedRecovery * 100) / 100,
    main,
    main === null ? null : majorUnitsText({ minor: a.openByCurrency[main] ?? 0, currency: main }),
    others === '' ? null : others,
    a.daysOverdue,
    bucketFor(a.daysOverdue, buckets).label,
    a.grade ?? null,
    a.owner ?? t.t('meeting.account.unclaimed'),
    salesRep,
    a.ladderStep,
    nextActionWords(t, a.nextAction),
    a.lastContact,
  ];
}

/**
 * The agenda's accounts without a reply, in agenda order, a page at a time: read from the worklist by the
 * meeting's definition (worklist/meeting-agenda.ts), days overdue counted as of the meeting's day, numbered
 * after the replies, each page after the last one's place in the order (keyset), so no page sorts the
 * agenda again and nothing holds the whole of it.
 */
export async function* agendaPages(
  db: Knex,
  meetingId: number,
  t: Translator = translator('en'),
  timeZone = 'UTC',
  pageSize = AGENDA_PAGE,
): AsyncGenerator<CsvCell[][]> {
  const def = await agendaDefinition(db, meetingId);
  if (!def) return;
  const buckets = agingBuckets();
  const after =
    def.order === 'recovery'
      ? 's.priority <= :lastPriority AND (s.priority < :lastPriority OR s.customer_id > :lastId)'
      : '(s.oldest_due, s.customer_id) > (:lastDue::date, :lastId)';
  let last: { customer_id: number; priority: number; oldest_due: string } | undefined;
  let position = def.replies;
  for (;;) {
    const { rows: page } = (await db.raw(
      `SELECT s.customer_id, s.priority, s.oldest_due, c.sales_rep, ${SNAPSHOT_SQL} AS snapshot
       FROM ${AGENDA_FROM}
       ${SNAPSHOT_JOINS}
       WHERE ${AGENDA_WHERE} ${last ? `AND ${after}` : ''}
         AND NOT EXISTS (SELECT 1 FROM meeting_accounts ma
                         WHERE ma.meeting_id = :meetingId AND ma.customer_id = s.customer_id AND ma.in_thread)
       ORDER BY ${agendaOrderBy(def.order)}
       LIMIT :pageSize`,
      {
        cutoff: def.cutoff,
        heldOn: def.heldOn,
        tz: timeZone,
        repNames: [],
        repShown: [],
        meetingId,
        pageSize,
        ...(last ? { lastPriority: last.priority, lastDue: last.oldest_due, lastId: last.customer_id } : {}),
      },
    )) as {
      rows: {
        customer_id: number;
        priority: number;
        oldest_due: string;
        sales_rep: string | null;
        snapshot: unknown;
      }[];
    };
    if (page.length > 0)
      yield page.map((r) => agendaRow(++position, parseJson(r.snapshot), r.sales_rep, buckets, t));
    last = page[page.length - 1];
    if (!last || page.length < pageSize) return;
  }
}

/** The agenda file as a stream of bytes. */
export function agendaStream(
  db: Knex,
  meetingId: number,
  format: 'csv' | 'xlsx',
  title: string,
  header: readonly string[] = AGENDA_COLUMNS,
  t: Translator = translator('en'),
  timeZone = 'UTC',
): Readable {
  if (format === 'xlsx') {
    return xlsxStream(
      title,
      header,
      (async function* () {
        for await (const page of agendaPages(db, meetingId, t, timeZone))
          yield page.map((row) => xlsxRow(row));
      })(),
    );
  }
  return Readable.from(
    (async function* () {
      yield Buffer.from(`\ufeff${csvLine(header)}`, 'utf8');
      for await (const page of agendaPages(db, meetingId, t, timeZone))
        yield Buffer.from(page.map(csvLine).join(''), 'utf8');
    })(),
  );
}

/**
 * A stream's bytes, gathered through a temporary file: memory holds the finished file once, not its
 * pieces and their concatenation as well.
 */
async function bytesOf(stream: Readable): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'duebot-file-'));
  try {
    const path = join(dir, 'file');
    await pipeline(stream, createWriteStream(path));
    return new Uint8Array(await readFile(path));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Makes one generated file. */
export async function generateFile(db: Knex, file: GeneratedFile): Promise<FileAttachment> {
  if (file.kind === 'meeting-chart') return meetingChartFile(db, file);
  if (file.kind === 'alert-crossings') return crossingsFile(db, file);
  const t = translator(file.locale ?? 'en');
  const header = t.t('meeting.file.columns').split('|');
  const data = await bytesOf(
    agendaStream(db, file.meetingId, file.format, file.title ?? file.filename, header, t, file.timeZone),
  );
  return {
    filename: file.filename,
    mimeType: MIME_TYPES[file.format],
    data,
    ...(file.title ? { title: file.title } : {}),
  };
}

/**
 * The message with its generated files made and attached after its own files (in the order named, so a
 * retried delivery's file indexes mean the same files).
 */
export async function withGeneratedFiles(db: Knex, message: Message): Promise<Message> {
  const { generatedFiles, ...rest } = message;
  if (!generatedFiles || generatedFiles.length === 0) return message;
  const made: FileAttachment[] = [];
  for (const file of generatedFiles) made.push(await generateFile(db, file));
  return { ...rest, files: [...(rest.files ?? []), ...made] };
}
