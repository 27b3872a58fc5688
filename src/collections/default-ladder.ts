/** The default escalation ladder shipped beside this file (PLAYBOOK ladder table), read once at start. */
import { readFileSync } from 'node:fs';
import { type Ladder, loadLadder } from './ladder.ts';

/** The text of default-ladder.yaml, a starting point for a company's own ladder file. */
export const defaultLadderYaml: string = readFileSync(
  new URL('./default-ladder.yaml', import.meta.url),
  'utf8',
);

/** The default ladder, validated. */
export const defaultLadder: Ladder = loadLadder(defaultLadderYaml);
