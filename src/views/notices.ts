import { overdueHelp, overdueHelpTitle } from '../commands/overdue-help.ts';
import { type Translator, translator } from '../i18n/translate.ts';
import { type Message, stripInlineMarkup, type Tone } from './model.ts';

/** A short answer: a sentence, optionally with small print. */
export function notice(text: string, options: { tone?: Tone; context?: string } = {}): Message {
  return {
    blocks: [
      { type: 'text', text, ...(options.tone ? { tone: options.tone } : {}) },
      ...(options.context ? [{ type: 'context' as const, text: options.context }] : []),
    ],
    fallbackText: stripInlineMarkup(text),
  };
}

/** `/overdue help` in the reader's language, optionally after saying what was not understood. */
export function helpView(problem?: string, t: Translator = translator('en')): Message {
  return {
    blocks: [
      ...(problem ? [{ type: 'text' as const, text: problem, tone: 'danger' as const }] : []),
      { type: 'text', text: overdueHelp(t), monospace: true },
    ],
    fallbackText: problem ?? overdueHelpTitle(t),
  };
}

/** Several accounts match a typed name: list them so the person can be precise. */
export function candidatesView(
  text: string,
  candidates: { id: number; name: string }[],
  t: Translator,
): Message {
  const lines = candidates.map((c) => t.t('card.candidates.line', { name: c.name, id: String(c.id) }));
  return notice(`${t.t('card.candidates.intro', { text, count: candidates.length })}\n${lines.join('\n')}`);
}
