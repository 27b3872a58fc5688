import * as AC from 'adaptivecards';
import { TEAMS_LIMITS as L, jsonBytes } from '../../../adapters/teams/limits.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem of a card as Teams would see it, as readable lines (empty when valid): what the adaptivecards
 * library reports when parsing and validating it, plus duebot's Teams limits (size, version, actions per set,
 * Action.Execute verbs and fallbacks).
 */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(card)) return ['not an object'];
  const ac = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  ac.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of ac.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  if (card.type !== 'AdaptiveCard') problems.push(`type ${String(card.type)}`);
  if (card.version !== L.cardVersion) problems.push(`version ${String(card.version)}`);
  if (jsonBytes(card) > L.messageBytes) problems.push(`${jsonBytes(card)} bytes`);
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${where}[${i}]`));
      return;
    }
    if (!isObj(node)) return;
    if (node.type === 'ActionSet' && Array.isArray(node.actions) && node.actions.length > L.actionsPerSet)
      problems.push(`${where}: ${node.actions.length} actions`);
    if (node.type === 'Action.Execute') {
      if (node.verb !== 'duebot') problems.push(`${where}: verb ${String(node.verb)}`);
      if (!isObj(node.fallback) || node.fallback.type !== 'Action.Submit')
        problems.push(`${where}: no Action.Submit fallback`);
    }
    if (typeof node.type === 'string' && node.type.startsWith('Action.') && typeof node.title === 'string')
      if (node.title.length === 0 || node.title.length > L.actionTitle)
        problems.push(`${where}: title "${node.title}"`);
    if (node.type === 'TextBlock' && typeof node.text === 'string' && node.text.length > L.text)
      problems.push(`${where}: text of ${node.text.length}`);
    for (const [key, value] of Object.entries(node)) if (key !== 'data') walk(value, `${where}.${key}`);
  };
  walk(card.body, 'body');
  walk(card.actions, 'actions');
  return problems;
}

/** The cards (Adaptive Card attachments) of a message activity. */
export function cardsOf(activity: unknown): Json[] {
  if (!isObj(activity) || !Array.isArray(activity.attachments)) return [];
  return activity.attachments
    .filter((a): a is Json => isObj(a) && a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Json);
}
