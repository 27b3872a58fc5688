/**
 * Neutral messages as Block Kit: the one pure converter from src/views/model.ts to Slack payloads.
 * Every text is cut to SLACK_LIMITS and a message that would exceed the block budget is first drawn
 * compactly (one block per account row) and then shortened, so the result is always a valid payload.
 */
import { translator, type Translator } from '../../src/i18n/translate.ts';
import type { types } from '@slack/bolt';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import type {
  AccountRowBlock,
  Block,
  Button,
  Field,
  MenuItem,
  Message,
  PagerBlock,
  Tone,
} from '../../src/views/model.ts';
import { MENTION, pagesShown } from '../../src/views/model.ts';
import { fitLimit, SLACK_LIMITS, truncate } from './limits.ts';
import { FORM_OPTION } from './interactions.ts';

/** A Block Kit block as this adapter emits it. */
export type SlackBlock = types.KnownBlock;
type Element = types.Button | types.Overflow;

/** A message ready for chat.postMessage / respond: blocks plus the notification text. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Prefix of every action_id this adapter draws; the app listens for it. */
export const ACTION_PREFIX = 'duebot-';

/**
 * Slack mrkdwn needs &, < and > escaped; the neutral markup (`*bold*`, `_italic_`) is Slack's own.
 * Mentions of Slack users (MENTION) become `<@U...>` so they notify; others read `@Name`.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MENTION, (_, name: string, platform: string, id: string) =>
      platform === 'slack' && /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : `@${name}`,
    );
}

const TONE_MARK: Record<Tone, string> = {
  normal: '',
  danger: ':red_circle: ', // PB-04: over 30 days overdue shows red
  success: ':large_green_circle: ',
  muted: '',
};

const mrkdwn = (text: string, limit: number): types.MrkdwnElement => ({
  type: 'mrkdwn',
  text: truncate(escapeMrkdwn(text), limit) || ' ',
});
/** Slack rejects empty texts: a block with nothing to say is left out. */
const blank = (text: string) => text.trim() === '';
const plain = (text: string, limit: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text, limit) || ' ',
  emoji: true,
});

/**
 * What a click does, carried in the action_id beside its index (`duebot-form-2`): the click handler reads
 * it there, never from the ref. A button with a confirm is sent only after Slack's own dialog said yes.
 */
export function actionKind(b: Pick<Button, 'opens' | 'confirm' | 'answers'>): string {
  if (b.confirm || b.answers === 'yes') return 'yes-';
  if (b.answers === 'no') return 'no-';
  return b.opens === 'form' ? 'form-' : '';
}

/** A button, or null when its reference could not be carried (never an invalid element). */
function button(b: Button, index: number, t: Translator): types.Button | null {
  if (b.ref.length === 0 || b.ref.length > SLACK_LIMITS.buttonValue) return null;
  return {
    type: 'button',
    action_id: `${ACTION_PREFIX}${actionKind(b)}${index}`,
    text: plain(b.label, SLACK_LIMITS.buttonText),
    value: b.ref,
    ...(b.style ? { style: b.style } : {}),
    ...(b.confirm
      ? {
          confirm: {
            title: plain(t.t('render.confirm.title'), SLACK_LIMITS.confirmTitle),
            text: plain(b.confirm, SLACK_LIMITS.confirmText),
            confirm: plain(t.t('render.confirm.yes'), SLACK_LIMITS.confirmButton),
            deny: plain(t.t('render.confirm.no'), SLACK_LIMITS.confirmButton),
          },
        }
      : {}),
  };
}

/**
 * An overflow option's value: the ref, behind `form:` when choosing it opens a form. One menu has one
 * action_id for all its options, so the kind rides in the value (interactions.ts reads it back).
 */
export const optionValue = (i: MenuItem): string => (i.opens === 'form' ? `${FORM_OPTION}${i.ref}` : i.ref);

/** An overflow menu ("…"); Slack wants 2 to 5 options, values of at most 150 characters. */
function overflow(items: MenuItem[], index: number): types.Overflow | null {
  const options = items
    .filter((i) => i.ref.length > 0)
    .map((i) => ({ text: plain(i.label, SLACK_LIMITS.optionText), value: optionValue(i) }))
    .filter((o) => o.value.length <= SLACK_LIMITS.optionValue)
    .slice(0, SLACK_LIMITS.overflowMaxOptions);
  if (options.length < SLACK_LIMITS.overflowMinOptions) return null;
  return { type: 'overflow', action_id: `${ACTION_PREFIX}${index}`, options };
}

/** Buttons then (when it fits the rules) an overflow menu; a single menu item becomes a button. */
function elements(t: Translator, buttons: Button[], menu: MenuItem[] = []): Element[] {
  const out: Element[] = [];
  const asButtons = menu.length === 1 ? [...buttons, ...menu] : buttons;
  asButtons.forEach((b, i) => {
    const rendered = button(b, i, t);
    if (rendered) out.push(rendered);
  });
  const room = SLACK_LIMITS.actionsElements - (menu.length > 1 ? 1 : 0);
  const kept: Element[] = out.slice(0, room);
  if (menu.length > 1) {
    const menuElement = overflow(menu, asButtons.length);
    if (menuElement) kept.push(menuElement);
  }
  return kept;
}

const fieldText = (f: Field) =>
  `*${escapeMrkdwn(f.label)}*\n${TONE_MARK[f.tone ?? 'normal']}${escapeMrkdwn(f.value)}`;

function rowText(row: AccountRowBlock, index: number, t: Translator): string {
  const n = row.rowNumber ?? index + 1;
  const amounts = row.amountLines.join(' + ') || t.t('render.row.nothingOpen');
  const owner =
    row.owner === null ? t.t('render.row.unclaimed') : t.t('render.row.claimedBy', { owner: row.owner });
  const days = t.t('render.row.overdue', { days: row.daysOverdue });
  const head = `${TONE_MARK[row.tone]}*${n}. ${row.customerName}* · ${amounts} · ${days} · ${owner}`;
  return row.explanation ? `${head}\n${row.explanation}` : head;
}

function actionsBlock(blockId: string, els: Element[]): SlackBlock[] {
  return els.length === 0 ? [] : [{ type: 'actions', block_id: blockId, elements: els }];
}

/** A row drawn as a section and its buttons (full) or one section with a menu of its actions (compact). */
function renderRow(row: AccountRowBlock, index: number, compact: boolean, t: Translator): SlackBlock[] {
  const blockId = `row-${row.accountId}-${index}`;
  const text = mrkdwn(rowText(row, index, t), SLACK_LIMITS.sectionText);
  if (!compact) {
    return [{ type: 'section', text }, ...actionsBlock(blockId, elements(t, row.actions))];
  }
  const menu = overflow(row.actions, 0);
  const single = row.actions[0] && row.actions.length === 1 ? button(row.actions[0], 0, t) : null;
  const accessory = menu ?? single;
  return [{ type: 'section', block_id: blockId, text, ...(accessory ? { accessory } : {}) }];
}

function renderPager(p: PagerBlock, index: number, t: Translator): SlackBlock[] {
  const buttons: Button[] = [];
  if (p.prevRef) buttons.push({ label: p.prevLabel ?? t.t('render.previous'), ref: p.prevRef });
  if (p.nextRef) buttons.push({ label: p.nextLabel ?? t.t('render.next'), ref: p.nextRef });
  return [
    {
      type: 'context',
      elements: [
        mrkdwn(t.t('render.page', { page: p.page, pages: pagesShown(p, t) }), SLACK_LIMITS.contextText),
      ],
    },
    ...actionsBlock(`pager-${index}`, elements(t, buttons)),
  ];
}

function renderBlock(block: Block, index: number, compact: boolean, t: Translator): SlackBlock[] {
  switch (block.type) {
    case 'header':
      if (blank(block.text)) return [];
      return [{ type: 'header', text: plain(block.text, SLACK_LIMITS.headerText) }];
    case 'text':
      if (blank(block.text)) return [];
      return [
        {
          type: 'section',
          text: block.monospace
            ? {
                type: 'mrkdwn',
                text: `\`\`\`${truncate(escapeMrkdwn(block.text), SLACK_LIMITS.sectionText - 6)}\`\`\``,
              }
            : mrkdwn(`${TONE_MARK[block.tone ?? 'normal']}${block.text}`, SLACK_LIMITS.sectionText),
        },
      ];
    case 'fields': {
      const fields = block.fields.slice(0, SLACK_LIMITS.sectionFields).map((f): types.MrkdwnElement => ({
        type: 'mrkdwn',
        text: truncate(fieldText(f), SLACK_LIMITS.fieldText),
      }));
      return fields.length === 0 ? [] : [{ type: 'section', fields }];
    }
    case 'accountRow':
      return renderRow(block, index, compact, t);
    case 'actions':
      return actionsBlock(`actions-${index}`, elements(t, block.buttons, block.menu));
    case 'context':
      if (blank(block.text)) return [];
      return [{ type: 'context', elements: [mrkdwn(block.text, SLACK_LIMITS.contextText)] }];
    case 'image':
      if (block.source.kind === 'url' && block.source.url.length <= SLACK_LIMITS.imageUrl) {
        return [
          {
            type: 'image',
            image_url: block.source.url,
            alt_text: fitLimit(block.alt || 'chart', 'imageAltText'),
          },
        ];
      }
      return [{ type: 'context', elements: [mrkdwn(`[chart: ${block.alt}]`, SLACK_LIMITS.contextText)] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'pager':
      return renderPager(block, index, t);
  }
}

/** Renders blocks within `maxBlocks`: compact rows first, then drop rows from the end with a note. */
export function renderBlocks(
  source: Block[],
  maxBlocks: number,
  t: Translator = translator('en'),
): SlackBlock[] {
  const full = source.map((b, i) => renderBlock(b, i, false, t));
  if (full.flat().length <= maxBlocks) return full.flat();
  const groups = source.map((b, i) => renderBlock(b, i, true, t));
  if (groups.flat().length <= maxBlocks) return groups.flat();
  // Keep the pager (so people can still move on) and a note saying what was left out.
  const tailStart = source.findIndex((b) => b.type === 'pager');
  const tail = tailStart >= 0 ? groups.slice(tailStart).flat() : [];
  const head = tailStart >= 0 ? groups.slice(0, tailStart) : groups;
  const budget = maxBlocks - tail.length - 1;
  const kept: SlackBlock[] = [];
  let omitted = 0;
  for (const group of head) {
    if (omitted === 0 && kept.length + group.length <= budget) kept.push(...group);
    else omitted += 1;
  }
  const note: SlackBlock = {
    type: 'context',
    elements: [mrkdwn(t.t('render.omitted', { count: omitted }), 300)],
  };
  return [...kept, note, ...tail].slice(0, maxBlocks);
}

/**
 * A neutral message as a Slack message (blocks plus notification text) within the message limits. The
 * notification text is mrkdwn too: escaped like the blocks (issue 13: a note's `<!channel>` or
 * `<https://…|x>` stays text), with duebot's own mentions of people notifying there as well.
 */
export function toBlockKit(message: Message): SlackMessage {
  return {
    text: truncate(escapeMrkdwn(toFallbackText(message, { keepMentions: true })), SLACK_LIMITS.messageText),
    blocks: renderBlocks(message.blocks, SLACK_LIMITS.messageBlocks, translator(message.locale ?? 'en')),
  };
}

/** A neutral message as the App Home tab (up to 100 blocks). */
export function toSlackHome(message: Message): types.HomeView {
  return {
    type: 'home',
    blocks: renderBlocks(message.blocks, SLACK_LIMITS.viewBlocks, translator(message.locale ?? 'en')),
  };
}
