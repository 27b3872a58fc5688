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
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
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
import type { FileAttachment, GeneratedAgenda, GeneratedFile, Message } from '../views/model.ts';
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

/**
 * The files of one meeting's agenda (at most one CSV and one XLSX, in one language) made from one read of
 * it: each page is written to the CSV as the XLSX takes it, so both list the same rows and the worklist is
 * read once. Each file is written to a temporary file first: memory holds a finished file once, not its
 * pieces and their concatenation as well. The bytes of each, in the order given.
 */
async function agendaFilesTogether(db: Knex, files: readonly GeneratedAgenda[]): Promise<Uint8Array[]> {
  const [first] = files;
  if (!first) return [];
  const t = translator(first.locale ?? 'en');
  const header = t.t('meeting.file.columns').split('|');
  const dir = await mkdtemp(join(tmpdir(), 'duebot-file-'));
  const pathOf = (f: GeneratedAgenda) => join(dir, f.format);
  const csvFile = files.find((f) => f.format === 'csv');
  const xlsxFile = files.find((f) => f.format === 'xlsx');
  const csv = csvFile ? createWriteStream(pathOf(csvFile)) : null;
  try {
    const csvWritten = csv ? finished(csv) : Promise.resolve();
    csvWritten.catch(() => undefined); // awaited below; a failure before then ends in the finally
    csv?.write(`\ufeff${csvLine(header)}`);
    const pages = (async function* () {
      for await (const page of agendaPages(db, first.meetingId, t, first.timeZone)) {
        if (csv && !csv.write(page.map(csvLine).join(''))) await once(csv, 'drain');
        yield page;
      }
      csv?.end();
    })();
    if (xlsxFile) {
      const rows = (async function* () {
        for await (const page of pages) yield page.map((row) => xlsxRow(row));
      })();
      await pipeline(
        xlsxStream(xlsxFile.title ?? xlsxFile.filename, header, rows),
        createWriteStream(pathOf(xlsxFile)),
      );
    } else {
      let rows = 0;
      for await (const page of pages) rows += page.length; // the CSV is written as the pages are read
      void rows;
    }
    await csvWritten;
    return await Promise.all(files.map(async (f) => new Uint8Array(await readFile(pathOf(f)))));
  } finally {
    csv?.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

const agendaAttachment = (file: GeneratedAgenda, data: Uint8Array): FileAttachment => ({
  filename: file.filename,
  mimeType: MIME_TYPES[file.format],
  data,
  ...(file.title ? { title: file.title } : {}),
});

/** Makes one generated file. */
export async function generateFile(db: Knex, file: GeneratedFile): Promise<FileAttachment> {
  if (file.kind === 'meeting-chart') return meetingChartFile(db, file);
  if (file.kind === 'alert-crossings') return crossingsFile(db, file);
  const [data] = await agendaFilesTogether(db, [file]);
  return agendaAttachment(file, data ?? new Uint8Array());
}

/**
 * The message with its generated files made and attached after its own files (in the order named, so a
 * retried delivery's file indexes mean the same files). The CSV and the XLSX of one meeting's agenda are
 * made together, from one read of it.
 */
export async function withGeneratedFiles(db: Knex, message: Message): Promise<Message> {
  const { generatedFiles, ...rest } = message;
  if (!generatedFiles || generatedFiles.length === 0) return message;
  // The agenda files made together: the same meeting, language and time zone, one of each format.
  const groups = new Map<string, number[]>();
  const seen = new Map<string, number>();
  generatedFiles.forEach((file, i) => {
    if (file.kind !== 'meeting-agenda') return;
    const base = `${file.meetingId}|${file.locale ?? ''}|${file.timeZone ?? ''}`;
    const nth = seen.get(`${base}|${file.format}`) ?? 0;
    seen.set(`${base}|${file.format}`, nth + 1);
    const key = `${base}|${nth}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const made: (FileAttachment | undefined)[] = [];
  for (const indexes of groups.values()) {
    const files = indexes.map((i) => generatedFiles[i] as GeneratedAgenda);
    const bytes = await agendaFilesTogether(db, files);
    indexes.forEach((i, n) => {
      made[i] = agendaAttachment(files[n] as GeneratedAgenda, bytes[n] ?? new Uint8Array());
    });
  }
  for (const [i, file] of generatedFiles.entries())
    if (file.kind !== 'meeting-agenda') made[i] = await generateFile(db, file);
  return { ...rest, files: [...(rest.files ?? []), ...made.filter((f): f is FileAttachment => !!f)] };
}
