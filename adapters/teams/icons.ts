/**
 * Draws the two Teams app icons from SVG (no fonts, so the result is the same on every machine): the color
 * icon (192x192, full bleed) and the outline icon (32x32, white on transparent, as Teams requires).
 * Run with `npm run teams:icons`; the PNGs are committed beside manifest.json.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const here = dirname(fileURLToPath(import.meta.url));

/** A ledger page with a clock: "what is due". */
const COLOR = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" fill="#2E5BBA"/>
  <rect x="46" y="34" width="86" height="112" rx="8" fill="#FFFFFF"/>
  <rect x="60" y="56" width="58" height="8" rx="4" fill="#2E5BBA"/>
  <rect x="60" y="76" width="44" height="8" rx="4" fill="#9DB3E3"/>
  <rect x="60" y="96" width="52" height="8" rx="4" fill="#9DB3E3"/>
  <circle cx="128" cy="128" r="32" fill="#E8453C" stroke="#FFFFFF" stroke-width="6"/>
  <path d="M128 108 V128 L142 138" fill="none" stroke="#FFFFFF" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const OUTLINE = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <rect x="7" y="5" width="15" height="20" rx="2" fill="none" stroke="#FFFFFF" stroke-width="2"/>
  <path d="M10 10 H19 M10 14 H16" stroke="#FFFFFF" stroke-width="2" stroke-linecap="round"/>
  <circle cx="22" cy="22" r="6" fill="none" stroke="#FFFFFF" stroke-width="2"/>
  <path d="M22 19 V22 L24 23.5" fill="none" stroke="#FFFFFF" stroke-width="2" stroke-linecap="round"/>
</svg>`;

/** PNG bytes of an SVG at its own size. */
export function renderIcon(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}

/** The icons the app package needs, by file name. */
export function teamsIcons(): Record<'color.png' | 'outline.png', Buffer> {
  return { 'color.png': renderIcon(COLOR), 'outline.png': renderIcon(OUTLINE) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, png] of Object.entries(teamsIcons())) await writeFile(join(here, 'manifest', name), png);
  process.stdout.write('wrote adapters/teams/manifest/color.png and outline.png\n');
}
