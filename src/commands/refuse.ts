import { notice } from '../views/notices.ts';
import type { Reply } from './interaction.ts';

/** A refusal only the person who asked sees, as one sentence marked as a problem (already in their language). */
export const refuse = (message: string): Reply => ({
  kind: 'ephemeral',
  message: notice(message, { tone: 'danger' }),
});
