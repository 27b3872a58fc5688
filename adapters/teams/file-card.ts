/**
 * Files on Teams. A bot cannot post a file's bytes into a channel (that takes SharePoint via Graph), so a
 * message's PDF becomes a file card: name, size and an "Open PDF" button to a signed, expiring link to
 * duebot's stored copy (src/letters/letter-links.ts). Without DUEBOT_PUBLIC_URL the card says so and how
 * to get the PDF instead, never a broken link. Small images still travel inline (adaptive-card.ts).
 */
import type { Clock } from '../../src/clock.ts';
import { letterLink } from '../../src/letters/letter-links.ts';
import type { LetterLinkConfig } from '../../src/letters/settings.ts';
import type { FileAttachment } from '../../src/views/model.ts';
import type { CardNode } from './card-node.ts';
import { truncate } from './limits.ts';

/** Where a file can be opened from Teams, or why it cannot. */
export type FileLink = { kind: 'url'; url: string; expires: Date } | { kind: 'unavailable'; reason: string };

/** Gives each file of a message its link (files that travel inline are not asked about). */
export type FileLinker = (file: FileAttachment) => FileLink;

/** Files a Teams message carries inline rather than as a file card. */
export const isInlineImage = (f: FileAttachment) =>
  f.mimeType.startsWith('image/') && f.data.byteLength < 20_000;

/** "52 KB", "1.2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The linker for the settings: signed links to stored letters, or the reason there are none. */
export function createFileLinker(links: LetterLinkConfig | undefined, clock: Clock): FileLinker {
  return (file) => {
    if (file.letterId === undefined)
      return { kind: 'unavailable', reason: 'Teams cannot receive this file from duebot.' };
    const link = letterLink(
      links ?? { publicUrl: undefined, secret: undefined, days: 30 },
      file.letterId,
      clock.now(),
    );
    if ('url' in link) return { kind: 'url', url: link.url, expires: link.expires };
    const how = `Get it with \`duebot letter pdf ${file.letterId} --out letter.pdf\` on duebot's server (the shell's letter copy saves it too).`;
    return {
      kind: 'unavailable',
      reason:
        link.missing === 'DUEBOT_PUBLIC_URL'
          ? `No link to the PDF: DUEBOT_PUBLIC_URL (duebot's https address) is not set. ${how}`
          : `No link to the PDF: DUEBOT_LINK_SECRET is not set. ${how}`,
    };
  };
}

/** A file as card elements: its name and size, then "Open PDF" or why it cannot be opened here. */
export function fileCardNodes(file: FileAttachment, link: FileLink): CardNode[] {
  const kind = file.mimeType === 'application/pdf' ? 'PDF' : file.mimeType;
  const until = link.kind === 'url' ? ` · link valid until ${link.expires.toISOString().slice(0, 10)}` : '';
  const items: CardNode[] = [
    { type: 'TextBlock', text: `📄 **${truncate(file.filename, 200)}**`, wrap: true },
    {
      type: 'TextBlock',
      text: `${kind} · ${fileSize(file.data.byteLength)}${until}`,
      size: 'Small',
      isSubtle: true,
      spacing: 'None',
      wrap: true,
    },
  ];
  if (link.kind === 'url')
    items.push({
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: kind === 'PDF' ? 'Open PDF' : 'Open file', url: link.url }],
    });
  else items.push({ type: 'TextBlock', text: link.reason, size: 'Small', color: 'Attention', wrap: true });
  return [{ type: 'Container', style: 'emphasis', separator: true, items }];
}
