/**
 * A letter's PDF into a Teams personal chat (1:1 with duebot), where Teams lets a bot send files: the
 * FileConsentCard flow. duebot offers the file ("Allow" / "Decline"); on Allow, Teams hands over an upload
 * URL in the person's OneDrive, duebot PUTs the stored PDF bytes there and posts the file card. The offer
 * carries the letter id signed with the link key, so an accept can only upload the letter offered.
 * Channels keep the signed link (file-card.ts): bots cannot upload into them.
 */
import { type Translator, translator } from '../../src/i18n/translate.ts';
import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import type { Knex } from 'knex';
import { loadLetterFile } from '../../src/letters/letter-files.ts';
import { checkConsentToken, consentToken } from '../../src/letters/letter-links.ts';
import type { FileAttachment } from '../../src/views/model.ts';

/** The content type of a FileConsentCard attachment. */
export const FILE_CONSENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
/** The content type of the card Teams shows for an uploaded file. */
export const FILE_INFO_TYPE = 'application/vnd.microsoft.teams.card.file.info';

/** The offer of a letter's PDF, as a message activity; null for files that are not stored letters. */
export function fileConsentActivity(file: FileAttachment, secret: string) {
  if (file.letterId === undefined) return null;
  const context = { letterId: file.letterId, token: consentToken(secret, file.letterId) };
  return {
    type: 'message' as const,
    summary: `Save ${file.filename} to your OneDrive?`,
    attachments: [
      {
        contentType: FILE_CONSENT_TYPE,
        name: file.filename,
        content: {
          description: file.title ?? file.filename,
          sizeInBytes: file.data.byteLength,
          acceptContext: context,
          declineContext: { letterId: file.letterId },
        },
      },
    ],
  };
}

/** On Allow: uploads the stored PDF to the URL Teams gave and posts the file; says plainly when it cannot. */
export async function acceptFileConsent(
  db: Knex,
  secret: string | undefined,
  context: TurnContext,
  response: FileConsentCardResponse,
  t: Translator = translator('en'),
): Promise<void> {
  const offered = (response.context ?? {}) as { letterId?: unknown; token?: unknown };
  const letterId = Number(offered.letterId);
  const upload = response.uploadInfo;
  if (!secret || !Number.isInteger(letterId) || !checkConsentToken(secret, letterId, offered.token)) {
    await context.sendActivity(t.t('teams.file.offerGone'));
    return;
  }
  if (!upload?.uploadUrl || !/^https:\/\//.test(upload.uploadUrl)) {
    await context.sendActivity(t.t('teams.file.noUploadUrl'));
    return;
  }
  const file = await loadLetterFile(db, letterId);
  if (!file) {
    await context.sendActivity(`Letter #${letterId} has no stored PDF; nothing was uploaded.`);
    return;
  }
  const size = file.pdf.byteLength;
  const put = await fetch(upload.uploadUrl, {
    method: 'PUT',
    headers: { 'content-length': String(size), 'content-range': `bytes 0-${size - 1}/${size}` },
    body: Buffer.from(file.pdf),
    signal: AbortSignal.timeout(60_000),
  });
  if (!put.ok) {
    await context.sendActivity(
      `OneDrive refused the upload of ${file.filename} (HTTP ${put.status}); try again, or open the letter's link.`,
    );
    return;
  }
  await context.sendActivity({
    type: 'message',
    attachments: [
      {
        contentType: FILE_INFO_TYPE,
        contentUrl: upload.contentUrl,
        name: upload.name ?? file.filename,
        content: { uniqueId: upload.uniqueId, fileType: upload.fileType ?? 'pdf' },
      },
    ],
  });
}
