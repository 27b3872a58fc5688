/**
 * The shapes Slack's requests have, checked before Bolt sees them: a malformed body (payload=null, a field
 * given twice, a 5,000-character user id) is refused with a short reason instead of reaching the handlers or
 * crashing Bolt's receiver. Used for HTTP bodies (request-guard.ts) and Socket Mode envelopes alike.
 */
import { z } from 'zod';

/** Slack's own limit on a slash command's text. */
export const MAX_COMMAND_TEXT = 4000;

/** User, team, channel and enterprise ids: U012AB3CD, T0001, C0123, D0456, E0789, W0123. */
const slackId = z.string().regex(/^[A-Z0-9]{2,32}$/, 'expected a Slack id such as U012AB3CD');
/** Any other form field: one string of sane length. */
const field = z.string().max(MAX_COMMAND_TEXT, `longer than ${MAX_COMMAND_TEXT} characters`);

const slashCommand = z
  .object({
    command: z.string().regex(/^\/[\w-]{1,32}$/, 'expected a command such as /overdue'),
    user_id: slackId,
    team_id: slackId,
    channel_id: slackId,
    text: field.optional(),
  })
  .catchall(field);

/** Interaction payload types Slack sends besides clicks and modals (shortcuts, legacy messages, dialogs). */
const OTHER_INTERACTION_TYPES = [
  'block_suggestion',
  'shortcut',
  'message_action',
  'interactive_message',
  'dialog_submission',
  'dialog_cancellation',
  'dialog_suggestion',
  'workflow_step_edit',
] as const;

const who = {
  user: z.looseObject({ id: slackId }).optional(),
  team: z.looseObject({ id: slackId }).nullable().optional(),
};

/** A modal as Slack sends it back: Bolt routes by callback_id, duebot reads the metadata and the state. */
const view = z.looseObject({
  id: z.string().max(64),
  callback_id: z.string().max(255),
  private_metadata: z.string().max(3000).optional(),
  state: z.looseObject({ values: z.record(z.string(), z.unknown()) }).optional(),
});

const interaction = z.discriminatedUnion(
  'type',
  [
    z.looseObject({
      type: z.literal('block_actions'),
      ...who,
      actions: z
        .array(z.looseObject({ action_id: z.string().max(255), type: z.string().max(64) }))
        .min(1)
        .max(25),
    }),
    z.looseObject({ type: z.enum(['view_submission', 'view_closed']), ...who, view }),
    z.looseObject({ type: z.enum(OTHER_INTERACTION_TYPES), ...who }),
  ],
  { error: 'expected a known interaction type' },
);

const EVENT_BODY_TYPES = ['event_callback', 'url_verification', 'app_rate_limited'] as const;

const eventBody = z
  .looseObject({
    type: z.enum(EVENT_BODY_TYPES, 'expected event_callback or url_verification'),
    team_id: slackId.optional(),
    challenge: z.string().max(200).optional(),
    event: z.looseObject({ type: z.string().min(1).max(100), user: slackId.optional() }).optional(),
  })
  .refine((body) => body.type !== 'event_callback' || body.event !== undefined, {
    message: 'an event_callback without an event',
    path: ['event'],
  });

/** Which of Slack's bodies this is; decides the schema. */
export type BodyKind = 'command' | 'interaction' | 'event';

const schemas = { command: slashCommand, interaction, event: eventBody } as const;

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'body';
  return `${where}: ${issue?.message ?? 'malformed'}`;
}

/** Null when `body` has the shape of `kind`, otherwise a short reason (never the body itself). */
export function shapeProblem(kind: BodyKind, body: unknown): string | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body: expected a JSON object';
  const result = schemas[kind].safeParse(body);
  return result.success ? null : firstProblem(result.error);
}

/**
 * Which kind a parsed body (an object from Socket Mode, or a form's fields) claims to be: a slash command
 * has `command`, an Events API body a known event body type, anything else is an interaction.
 */
export function kindOf(body: unknown): BodyKind {
  if (typeof body !== 'object' || body === null) return 'interaction';
  const record = body as Record<string, unknown>;
  if ('command' in record) return 'command';
  if ((EVENT_BODY_TYPES as readonly unknown[]).includes(record.type)) return 'event';
  return 'interaction';
}
