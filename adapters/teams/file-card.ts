/**
 * Files on Teams. A bot cannot post a file's bytes into a channel (that takes SharePoint via Graph), so a
 * message's PDF becomes a file card: name, size and an "Open PDF" button to a signed, expiring link to
 * duebot's stored copy (src/letters/letter-links.ts). Without DUEBOT_PUBLIC_URL the card says so and how
 * to get the PDF instead, never a broken link. Small images still travel inline (adaptive-card.ts).
 */
import type { Clock } from '../../src/clock.ts';
import { letterLink } from '../../src/letters/letter-links.ts';
import type { LetterLinkConfig } from '../../src/letters/settings.ts';
import type { Translator } from '../../src/i18n/translate.ts';
import type { FileAttachment } from '../../src/views/model.ts';
import type { CardNode } from './card-node.ts';
import { truncate } from './limits.ts';

/**
 * Where a file can be opened from Teams, or why it cannot (said in the message's language by
 * fileCardNodes): not a stored letter, no linker here, or a link setting missing.
 */
export type FileLink =
  | { kind: 'url'; url: string; expires: Date }
  | { kind: 'unavailable'; why: 'notLetter' | 'here' }
  | { kind: 'unavailable'; why: 'noPublicUrl' | 'noSecret'; letterId: number };

/** Gives each file of a message its link (files that travel inline are not asked about). */
export type FileLinker = (file: FileAttachment) => FileLink;

/** Files a Teams message carries inline rather than as a file card. */
export const isInlineImage = (f: FileAttachment) =>
  f.mimeType.startsWith('image/') && f.data.byteLength < 20_000;

/** "52 KB", "1.2 MB", in `t`'s language. */
export function fileSize(bytes: number, t: Translator): string {
  if (bytes < 1024) return t.t('teams.file.size', { unit: 'bytes', n: bytes });
  if (bytes < 1024 * 1024) return t.t('teams.file.size', { unit: 'kb', n: Math.round(bytes / 1024) });
  return t.t('teams.file.size', { unit: 'mb', n: (bytes / 1024 / 1024).toFixed(1) });
}

/** The linker for the settings: signed links to stored letters, or the reason there are none. */
export function createFileLinker(links: LetterLinkConfig | undefined, clock: Clock): FileLinker {
  return (file) => {
    if (file.letterId === undefined) return { kind: 'unavailable', why: 'notLetter' };
    const link = letterLink(
      links ?? { publicUrl: undefined, secret: undefined, days: 30 },
      file.letterId,
      clock.now(),
    );
    if ('url' in link) return { kind: 'url', url: link.url, expires: link.expires };
    return {
      kind: 'unavailable',
      why: link.missing === 'DUEBOT_PUBLIC_URL' ? 'noPublicUrl' : 'noSecret',
      letterId: file.letterId,
    };
  };
}

/** A file as card elements: its name and size, then "Open PDF" or why it cannot be opened here. */
export function fileCardNodes(file: FileAttachment, link: FileLink, t: Translator): CardNode[] {
  const kind = file.mimeType === 'application/pdf' ? 'pdf' : 'other';
  const items: CardNode[] = [
    { type: 'TextBlock', text: `📄 **${truncate(file.filename, 200)}**`, wrap: true },
    {
      type: 'TextBlock',
      text: t.t('teams.file.meta', {
        kind,
        mime: file.mimeType,
        size: fileSize(file.data.byteLength, t),
        hasUntil: link.kind === 'url' ? 'yes' : 'no',
        until: link.kind === 'url' ? t.date(link.expires.toISOString().slice(0, 10)) : '',
      }),
      size: 'Small',
      isSubtle: true,
      spacing: 'None',
      wrap: true,
    },
  ];
  if (link.kind === 'url')
    items.push({
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: t.t('teams.file.open', { kind }), url: link.url }],
    });
  else
    items.push({
      type: 'TextBlock',
      text: t.t('teams.file.unavailable', {
        why: link.why,
        letterId: 'letterId' in link ? String(link.letterId) : '',
      }),
      size: 'Small',
      color: 'Attention',
      wrap: true,
    });
  return [{ type: 'Container', style: 'emphasis', separator: true, items }];
}
