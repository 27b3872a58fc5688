/**
 * Loaded into a spawned `duebot` (`node --import`) by tests: its English catalog is replaced by the
 * pseudo-locale (src/i18n/pseudo.ts) before anything is said, so every line of the real command's output
 * that came through a catalog is accented and bracketed, and English of ours that did not stands out.
 */
import { register } from 'tsx/esm/api';

register();
const { replaceCatalog } = await import('../../src/i18n/translate.ts');
const { pseudoCatalog } = await import('../../src/i18n/pseudo.ts');
replaceCatalog('en', pseudoCatalog());
