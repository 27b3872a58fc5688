/**
 * What people saw, read back from what Slack's side recorded (the same over HTTP and Socket Mode): the
 * person who used duebot (private answers, modals) and the channel (posts, threads, cards redrawn in place).
 * Each item is the JSON of what was shown, to match text against.
 */
import type { SlackRecord } from './slack-api.ts';

type Recorded = Pick<SlackRecord, 'api' | 'responses'>;

const isChannel = (id: unknown) => typeof id === 'string' && /^[CG]/.test(id);

/** What the clicker saw privately; `answer` is a modal's answer in the acknowledgement, if any. */
export function clickerSaw(record: Recorded, answer?: Record<string, unknown>): string[] {
  const seen: string[] = [];
  for (const { body } of record.responses)
    if (body.response_type !== 'in_channel' && body.replace_original !== true)
      seen.push(JSON.stringify(body));
  for (const { method, args } of record.api) {
    if (['chat.postEphemeral', 'views.open', 'views.update', 'views.push'].includes(method))
      seen.push(JSON.stringify(args));
    if (method === 'chat.postMessage' && !isChannel(args.channel)) seen.push(JSON.stringify(args));
  }
  if (answer && Object.keys(answer).length > 0) seen.push(JSON.stringify(answer));
  return seen;
}

/** What everyone in the channel saw: posts and thread replies, shared answers, cards redrawn in place. */
export function channelSaw(record: Recorded): string[] {
  const seen: string[] = [];
  for (const { body } of record.responses)
    if (body.response_type === 'in_channel' || body.replace_original === true)
      seen.push(JSON.stringify(body));
  for (const { method, args } of record.api)
    if (method === 'chat.postMessage' && isChannel(args.channel)) seen.push(JSON.stringify(args));
  return seen;
}
