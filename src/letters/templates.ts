/**
 * Letter templates: handlebars files under templates/letters/<locale>/<name>.hbs (a company's own folder,
 * LETTER_TEMPLATES_DIR, is searched first, so letters can be reworded or added without code changes).
 * A file starts with `subject: ...`, then a line `---`, then the body. Templates run in strict mode: a
 * variable the data does not have fails the render instead of leaving a blank in a demand letter.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { LetterLocale } from './settings.ts';
import { letterChannel, letterDate, letterDays, letterMoney, letterTitle } from './locale.ts';

/** The built-in templates shipped with duebot. */
export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates/letters/', import.meta.url));

/** A template name as refs and files allow: `formal-demand`, `my-reminder`. */
export const TEMPLATE_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** A template that is missing or cannot be rendered; `message` says which and why. */
export class LetterTemplateError extends Error {
  readonly code = 'letter_template';
}

/** A rendered template: the subject line and the body as structured text (see layout.ts). */
export interface RenderedTemplate {
  subject: string;
  body: string;
}

async function readTemplate(name: string, locale: LetterLocale, dirs: string[]): Promise<string> {
  for (const dir of dirs) {
    try {
      return await readFile(join(dir, locale, `${name}.hbs`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new LetterTemplateError(
    `There is no "${name}" letter in ${locale}: add templates/letters/${locale}/${name}.hbs (or to LETTER_TEMPLATES_DIR).`,
  );
}

/** Splits a template file into its subject line and body. */
export function splitTemplate(text: string, label: string): { subject: string; body: string } {
  const m = /^subject:[ \t]*(.+)\r?\n---[ \t]*\r?\n([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ''));
  if (!m?.[1] || m[2] === undefined)
    throw new LetterTemplateError(
      `The ${label} template must start with a "subject: ..." line followed by a "---" line.`,
    );
  return { subject: m[1].trim(), body: m[2] };
}

function engine(locale: LetterLocale): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('money', (minor: unknown, currency: unknown) => {
    if (typeof minor !== 'number' || typeof currency !== 'string')
      throw new Error('money needs an amount in minor units and a currency');
    return letterMoney(minor, currency, locale);
  });
  hb.registerHelper('date', (iso: unknown) => {
    if (typeof iso !== 'string') throw new Error('date needs a YYYY-MM-DD date');
    return letterDate(iso, locale);
  });
  hb.registerHelper('days', (n: unknown) => {
    if (typeof n !== 'number') throw new Error('days needs a number');
    return letterDays(n, locale);
  });
  hb.registerHelper('letterTitle', (template: unknown) => {
    if (typeof template !== 'string') throw new Error('letterTitle needs a template name');
    return letterTitle(template, locale);
  });
  hb.registerHelper('channel', (channel: unknown) => {
    if (typeof channel !== 'string') throw new Error('channel needs a contact channel');
    return letterChannel(channel, locale);
  });
  // Strict mode checks plain lookups only; block helpers given a missing variable must fail too.
  for (const name of ['if', 'unless', 'each', 'with']) {
    const original = hb.helpers[name] as (this: unknown, ...args: unknown[]) => unknown;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args.at(-1) as { loc?: { start: { line: number } } };
      if (args.length > 1 && args[0] === undefined)
        throw new Error(
          `{{#${name}}} on line ${options.loc?.start.line ?? '?'} names a variable the letter data does not have`,
        );
      return original.apply(this, args);
    });
  }
  return hb;
}

/** Renders one letter template in a locale with `data`; throws LetterTemplateError on any problem. */
export async function renderTemplate(
  name: string,
  locale: LetterLocale,
  data: object,
  templatesDir?: string,
): Promise<RenderedTemplate> {
  if (!TEMPLATE_NAME.test(name)) throw new LetterTemplateError(`"${name}" is not a letter template name.`);
  const label = `${name} (${locale})`;
  const dirs = templatesDir ? [templatesDir, BUILT_IN_TEMPLATES] : [BUILT_IN_TEMPLATES];
  const parts = splitTemplate(await readTemplate(name, locale, dirs), label);
  const hb = engine(locale);
  try {
    const options = { strict: true, noEscape: true } as const;
    const subject = hb.compile(parts.subject, options)(data).replace(/\s+/g, ' ').trim();
    const body = hb
      .compile(
        parts.body,
        options,
      )(data)
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    return { subject, body };
  } catch (error) {
    const why = (error as Error).message.split('\n')[0];
    throw new LetterTemplateError(`The ${label} letter could not be rendered: ${why}.`);
  }
}
