/**
 * A pseudo-locale for finding English of ours that bypassed the catalogs: every letter of every catalog
 * message is swapped for an accented look-alike and the message bracketed (`⟦Ćłáíḿ⟧`), placeholders and
 * plural/select syntax left intact. A view rendered with it that still shows a plain Latin word of ours
 * has a string that did not come from a catalog.
 */
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import { type Catalog, en, type MessageKey } from './messages/en.ts';

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'áƀćďéƒǧĥíĵķĺḿńóṕɋŕśťúṽẃẋýźÁƁĆĎÉƑǦĤÍĴĶĹḾŃÓṔɊŔŚŤÚṼẂẊÝŹ';
const SWAP = new Map([...PLAIN].map((c, i) => [c, [...ACCENTED][i] ?? c]));

/** Accented look-alikes of the Latin letters of a text. */
export function pseudoText(text: string): string {
  return [...text].map((c) => SWAP.get(c) ?? c).join('');
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: pseudoText(el.value) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(el.options).map(([k, o]) => [k, { ...o, value: transform(o.value) }]),
      );
      return { ...el, options } as MessageFormatElement;
    }
    if (el.type === TYPE.tag) return { ...el, children: transform(el.children) };
    return el;
  });
}

/** The English catalog, pseudo-localised. */
export function pseudoCatalog(): Catalog {
  const entries = (Object.keys(en) as MessageKey[]).map((key) => [
    key,
    `⟦${printAST(transform(parse(en[key])))}⟧`,
  ]);
  return Object.fromEntries(entries) as Catalog;
}
