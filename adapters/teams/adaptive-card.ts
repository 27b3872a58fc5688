/**
 * Neutral messages as Adaptive Cards (schema 1.5): the one pure converter from src/views/model.ts to Teams.
 * Buttons are Universal Actions (`Action.Execute`, verb `duebot`) with an `Action.Submit` fallback for older
 * clients; buttons that say they open a form or ask first open a dialog (task module) instead. A card that would exceed Teams'
 * message size is drawn compactly (rows without buttons, clickable to open the account) and then shortened,
 * keeping the pager, so the result is always a card Teams accepts.
 */
import { translator, type Translator } from '../../src/i18n/translate.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import {
  type AccountRowBlock,
  type Block,
  type Button,
  type MenuItem,
  type Message,
  type PagerBlock,
  pagesShown,
  parseInlineMarkup,
  type Tone,
} from '../../src/views/model.ts';
import type { CardNode } from './card-node.ts';
import { fileCardNodes, type FileLinker, isInlineImage } from './file-card.ts';
import { jsonBytes, TEAMS_LIMITS, truncate } from './limits.ts';

/** An Adaptive Card as duebot emits it. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardNode[];
  actions?: CardNode[];
  msteams?: { width: 'Full' };
}

/** The content type of an Adaptive Card attachment and of a card invoke response. */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** The verb of every Action.Execute duebot draws; the ref travels in `data.ref`. */
export const VERB = 'duebot';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/**
 * Text Teams shows made inert (issue 13): no markdown link `[x](url)` and no `<at>` mention tag survives,
 * however a note or a name was typed. A zero-width space breaks each (`](`, `<at`) without showing.
 */
export function inertTeamsText(text: string): string {
  return text.replace(/\](\s*)\(/g, ']\u200b$1(').replace(/<(\/?at\b)/gi, '<\u200b$1');
}

/** Neutral markup as Adaptive Card markdown: `*bold*` -> `**bold**`, `_italic_` stays; links and mentions inert. */
export function toCardMarkdown(text: string): string {
  return parseInlineMarkup(text)
    .map((s) => {
      const t = inertTeamsText(s.text);
      return s.bold ? `**${t}**` : s.italic ? `_${t}_` : t;
    })
    .join('');
}

const COLOR: Record<Tone, string | undefined> = {
  normal: undefined,
  danger: 'Attention', // PB-04: over 30 days overdue shows red
  success: 'Good',
  muted: undefined,
};

function textBlock(text: string, options: { tone?: Tone; size?: string; weight?: string } = {}): CardNode {
  const color = COLOR[options.tone ?? 'normal'];
  return {
    type: 'TextBlock',
    text: truncate(toCardMarkdown(text), TEAMS_LIMITS.text) || ' ',
    wrap: true,
    ...(color ? { color } : {}),
    ...(options.tone === 'muted' ? { isSubtle: true } : {}),
    ...(options.size ? { size: options.size } : {}),
    ...(options.weight ? { weight: options.weight } : {}),
  };
}

/**
 * A button, as it says it behaves: one that opens a form or asks first opens a dialog (`task/fetch`; the
 * dispatcher answers with the form or the confirm step), one that answers a confirm step submits its answer,
 * any other is an Action.Execute falling back to Action.Submit.
 */
export function cardAction(
  b: Pick<Button, 'label' | 'ref' | 'style' | 'opens' | 'confirm' | 'answers'>,
  secondary = false,
): CardNode {
  const title = truncate(b.label, TEAMS_LIMITS.actionTitle);
  const style = b.style === 'primary' ? 'positive' : b.style === 'danger' ? 'destructive' : undefined;
  const common = { title, ...(style ? { style } : {}), ...(secondary ? { mode: 'secondary' } : {}) };
  if (b.opens === 'form' || b.confirm) {
    return { type: 'Action.Submit', ...common, data: { ref: b.ref, msteams: { type: 'task/fetch' } } };
  }
  if (b.answers) {
    return {
      type: 'Action.Submit',
      ...common,
      data: { ref: b.ref, duebot: { confirmed: b.answers === 'yes' } },
    };
  }
  return {
    type: 'Action.Execute',
    ...common,
    verb: VERB,
    data: { ref: b.ref },
    fallback: { type: 'Action.Submit', title, data: { ref: b.ref } },
  };
}

function actionSet(buttons: Button[], menu: MenuItem[] = []): CardNode[] {
  const actions = [...buttons.map((b) => cardAction(b)), ...menu.map((m) => cardAction(m, true))].slice(
    0,
    TEAMS_LIMITS.actionsPerSet,
  );
  return actions.length === 0 ? [] : [{ type: 'ActionSet', actions }];
}

function rowItems(row: AccountRowBlock, index: number, t: Translator): CardNode[] {
  const n = row.rowNumber ?? index + 1;
  const amounts = row.amountLines.join(' + ') || t.t('render.row.nothingOpen');
  const owner =
    row.owner === null ? t.t('render.row.unclaimed') : t.t('render.row.claimedBy', { owner: row.owner });
  const days = t.t('render.row.overdue', { days: row.daysOverdue });
  return [
    textBlock(`*${n}. ${row.customerName}* · ${amounts}`),
    { ...textBlock(`${days} · ${owner}`, { tone: row.tone }), spacing: 'None' },
    ...(row.explanation
      ? [{ ...textBlock(row.explanation, { size: 'Small', tone: 'muted' }), spacing: 'None' }]
      : []),
  ];
}

/** A row with its buttons (full), or without, clickable to open the account (compact). */
function renderRow(row: AccountRowBlock, index: number, compact: boolean, t: Translator): CardNode {
  if (compact) {
    return {
      type: 'Container',
      separator: true,
      items: rowItems(row, index, t),
      ...(row.openRef ? { selectAction: cardAction({ label: t.t('render.open'), ref: row.openRef }) } : {}),
    };
  }
  return {
    type: 'Container',
    separator: true,
    items: [...rowItems(row, index, t), ...actionSet(row.actions)],
  };
}

function renderPager(p: PagerBlock, t: Translator): CardNode[] {
  const buttons: Button[] = [];
  if (p.prevRef) buttons.push({ label: p.prevLabel ?? t.t('render.previous'), ref: p.prevRef });
  if (p.nextRef) buttons.push({ label: p.nextLabel ?? t.t('render.next'), ref: p.nextRef });
  return [
    textBlock(t.t('render.page', { page: p.page, pages: pagesShown(p, t) }), {
      size: 'Small',
      tone: 'muted',
    }),
    ...actionSet(buttons),
  ];
}

function renderBlock(block: Block, index: number, compact: boolean, t: Translator): CardNode[] {
  switch (block.type) {
    case 'header':
      return block.text.trim() ? [textBlock(block.text, { size: 'Large', weight: 'Bolder' })] : [];
    case 'text':
      return block.text.trim() ? [textBlock(block.text, block.tone ? { tone: block.tone } : {})] : [];
    case 'fields': {
      const facts = block.fields.map((f) => ({
        title: truncate(inertTeamsText(f.label), 100),
        value: truncate(toCardMarkdown(f.value), TEAMS_LIMITS.text) || ' ',
      }));
      return facts.length === 0 ? [] : [{ type: 'FactSet', facts }];
    }
    case 'accountRow':
      return [renderRow(block, index, compact, t)];
    case 'actions':
      return actionSet(block.buttons, block.menu);
    case 'context':
      return block.text.trim() ? [textBlock(block.text, { size: 'Small', tone: 'muted' })] : [];
    case 'image':
      return block.source.kind === 'url'
        ? [{ type: 'Image', url: block.source.url, altText: truncate(block.alt || 'chart', 1000) }]
        : [textBlock(t.t('render.chart', { alt: block.alt }), { size: 'Small', tone: 'muted' })];
    case 'divider':
      return [];
    case 'pager':
      return renderPager(block, t);
  }
}

/** A divider becomes a separator line above whatever follows it. */
function withSeparators(source: Block[], groups: CardNode[][]): CardNode[][] {
  return groups.map((group, i) => {
    const first = group[0];
    if (i === 0 || source[i - 1]?.type !== 'divider' || !first) return group;
    return [{ ...first, separator: true }, ...group.slice(1)];
  });
}

const card = (body: CardNode[]): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: SCHEMA,
  version: TEAMS_LIMITS.cardVersion,
  body: body.length > 0 ? body : [textBlock(' ')],
  msteams: { width: 'Full' },
});

/** Renders blocks into a card of at most `maxBytes`: compact rows first, then rows dropped with a note. */
export function renderCard(
  source: Block[],
  maxBytes: number = TEAMS_LIMITS.messageBytes,
  t: Translator = translator('en'),
): AdaptiveCard {
  const full = card(
    withSeparators(
      source,
      source.map((b, i) => renderBlock(b, i, false, t)),
    ).flat(),
  );
  if (jsonBytes(full) <= maxBytes) return full;
  const groups = withSeparators(
    source,
    source.map((b, i) => renderBlock(b, i, true, t)),
  );
  const compact = card(groups.flat());
  if (jsonBytes(compact) <= maxBytes) return compact;
  // Keep the pager (so people can still move on) and a note saying what was left out.
  const tailStart = source.findIndex((b) => b.type === 'pager');
  const tail = tailStart >= 0 ? groups.slice(tailStart).flat() : [];
  const head = tailStart >= 0 ? groups.slice(0, tailStart) : groups;
  const kept: CardNode[] = [];
  let omitted = 0;
  const note = (n: number) => textBlock(t.t('render.omitted', { count: n }), { size: 'Small' });
  for (const group of head) {
    const trial = card([...kept, ...group, note(head.length), ...tail]);
    if (omitted === 0 && jsonBytes(trial) <= maxBytes) kept.push(...group);
    else omitted += 1;
  }
  return card([...kept, note(omitted), ...tail]);
}

/** A neutral message as an Adaptive Card within Teams' limits; `after` (file cards) always fits. */
export function toAdaptiveCard(message: Message, after: CardNode[] = []): AdaptiveCard {
  // Leave room for the activity around the card (summary, ids, addresses).
  const rendered = renderCard(
    message.blocks,
    TEAMS_LIMITS.messageBytes - TEAMS_LIMITS.envelopeBytes - jsonBytes(after),
    translator(message.locale ?? 'en'),
  );
  return after.length === 0 ? rendered : { ...rendered, body: [...rendered.body, ...after] };
}

/** A bot message activity carrying the card; the summary is what notifications and old clients show. */
export interface CardActivity {
  type: 'message';
  summary: string;
  text?: string;
  attachments: { contentType: string; content?: unknown; name?: string; contentUrl?: string }[];
}

/**
 * A neutral message as a Teams message: the card plus the plain-text summary. Small images travel inline;
 * other files (a letter's PDF) become file cards with a link from `files` (file-card.ts).
 */
export function toCardActivity(
  message: Message,
  files?: FileLinker,
  t: Translator = translator(message.locale ?? 'en'),
): CardActivity {
  const all = message.files ?? [];
  const images = all.filter(isInlineImage);
  const linked = all.filter((f) => !isInlineImage(f));
  const noLinker: FileLinker = () => ({ kind: 'unavailable', why: 'here' });
  const fileNodes = linked.flatMap((f) => fileCardNodes(f, (files ?? noLinker)(f), t));
  return {
    type: 'message',
    summary: truncate(inertTeamsText(toFallbackText(message)), 1000),
    attachments: [
      { contentType: CARD_CONTENT_TYPE, content: toAdaptiveCard(message, fileNodes) },
      ...images.map((f) => ({
        contentType: f.mimeType,
        name: f.filename,
        contentUrl: `data:${f.mimeType};base64,${Buffer.from(f.data).toString('base64')}`,
      })),
    ],
  };
}
