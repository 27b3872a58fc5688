/**
 * Letter rendering and delivery: time per letter (template, HTML, text and PDF with the CJK font) by
 * locale, PDF size, and e-mails per second to an SMTP server on loopback. Recorded in BENCHMARKS.md.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import { LETTER_TEMPLATES } from '../src/commands/overdue-grammar.ts';
import { defaultLetterConfig, LETTER_LOCALES } from '../src/config.ts';
import type { LetterData } from '../src/letters/letter-data.ts';
import { historyOf } from '../src/letters/letter-history.ts';
import { renderLetter } from '../src/letters/render.ts';
import { sendLetterMail } from '../src/letters/smtp.ts';
import { recordSection } from './benchmarks-md.ts';
import { describeMachine, machineLine } from './machine.ts';
import { median, percentile } from './stats.ts';

const ROUNDS = 5;
const MAILS = 20;

function sample(template: string, locale: LetterData['locale']): LetterData {
  const items = Array.from({ length: 5 }, (_, i) => ({
    number: `INV-2026-0${1000 + i}`,
    issueDate: '2026-08-01',
    dueDate: `2026-09-0${i + 1}`,
    daysOverdue: 80 - i,
    currency: 'CNY',
    openMinor: 1_234_567 * (i + 1),
    interestMinor: 49_382 * (i + 1),
  }));
  return {
    template,
    locale,
    today: '2026-11-22',
    company: {
      name: '杭州示例贸易有限公司',
      address: ['浙江省杭州市西湖区文三路 1 号'],
      registration: '91330100MA2XXXXX1A',
    },
    customer: { id: 'C-1', name: '上海华联贸易有限公司', contact: '王芳', email: 'ap@example.cn' },
    sender: { name: 'Ann' },
    items,
    count: items.length,
    many: true,
    totals: [{ currency: 'CNY', openMinor: 18_518_505, interestMinor: 740_730, dueMinor: 19_259_235 }],
    maxDaysOverdue: 80,
    interestRate: '0.05%',
    payBy: '2026-11-29',
    legalAction: { afterDays: 30, on: '2026-11-29' },
    payment: { link: 'https://pay.example.com', bank: ['招商银行', '5719 0000 0000 001'], any: true },
    plan: {
      currency: 'CNY',
      totalMinor: 18_518_505,
      count: 3,
      agreed: false,
      items,
      installments: [1, 2, 3].map((no) => ({
        no,
        dueDate: '2026-12-01',
        amountMinor: 6_172_835,
        currency: 'CNY',
      })),
    },
    history: historyOf(
      [{ template: 'polite-reminder', date: '2026-11-01' }],
      [{ date: '2026-11-21', channel: 'call', reached: true }],
      0,
    ),
    call: {
      logged: true,
      reached: true,
      channel: 'call',
      date: '2026-11-21',
      by: 'Ann',
      result: 'promised',
      notes: 'CFO confirmed',
      promiseDate: '2026-11-27',
      promiseAmount: 'CNY 50000',
      nextFollowUp: '2026-11-28',
    },
    discount: {
      percent: '2%',
      days: 10,
      policy: true,
      items: [
        {
          number: 'INV-2026-01000',
          issueDate: '2026-08-01',
          deadline: '2026-08-11',
          currency: 'CNY',
          amountMinor: 24_691,
          fromLedger: false,
        },
      ],
      totals: [{ currency: 'CNY', amountMinor: 24_691 }],
    },
  };
}

/** Runs the letters benchmark and records it. */
export async function runLettersBenchmark(): Promise<void> {
  const config = {
    ...defaultLetterConfig,
    company: { ...defaultLetterConfig.company, name: '杭州示例贸易有限公司' },
  };
  const rows: string[] = [];
  await renderLetter(sample('reminder', 'en'), config); // warm up: font parsing, template cache
  for (const locale of LETTER_LOCALES) {
    const times: number[] = [];
    let bytes = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (const template of LETTER_TEMPLATES) {
        const started = performance.now();
        const letter = await renderLetter(sample(template, locale), config);
        times.push(performance.now() - started);
        bytes += letter.pdf.length;
      }
    }
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    rows.push(
      `| render one letter, ${locale} (${times.length} letters) | median ${median(times).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms; PDF ${Math.round(bytes / times.length / 1024)} KB |`,
    );
    console.log(rows.at(-1));
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (s, _x, cb) => s.on('end', () => cb()).resume(),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const letter = await renderLetter(sample('formal-demand', 'zh-CN'), config);
  const started = performance.now();
  for (let i = 0; i < MAILS; i++)
    await sendLetterMail(
      { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'ar@example.com' },
      { name: '王芳', email: 'ap@example.cn' },
      letter,
      `<bench.${i}@example.com>`,
    );
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rows.push(
    `| send by SMTP on loopback, one connection per letter (${MAILS} letters) | ${((seconds / MAILS) * 1000).toFixed(0)} ms per letter |`,
  );
  console.log(rows.at(-1));

  await recordSection(
    'Letters',
    `Rendering each of the ${LETTER_TEMPLATES.length} templates (5 invoices each) to subject, HTML, text and a PDF with the
embedded Noto Sans SC subset, ${ROUNDS} rounds per locale, after one warm-up letter; then e-mailing one letter
with its PDF to an SMTP server in the same process. Run with \`npm run bench -- letters\`.

- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC
- Machine: ${machineLine(describeMachine())}

| measurement | value |
| --- | --- |
${rows.join('\n')}`,
  );
}
