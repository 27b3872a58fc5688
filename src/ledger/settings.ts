/**
 * The ledger's settings (README, "Settings"): which accounting database is read through which mapping,
 * and how often and how much the sync reads. One fragment of the settings src/config.ts composes.
 */
import { z } from 'zod';
import {
  emptyAsUndefined,
  expects,
  isTimeZone,
  settingProblem,
  settingsFragment,
  wholeNumber,
} from '../settings-input.ts';
import {
  isPresetName,
  PRESET_NAMES,
  type PresetName,
  presetDialectProblem,
  presetFile,
  urlDialect,
} from './presets.ts';

const ledgerUrl = z
  .string()
  .regex(
    /^(postgres(ql)?|mysql|mariadb):\/\/.+/,
    expects('settings.ledgerUrl', { postgres: 'postgres://', mysql: 'mysql://', mariadb: 'mariadb://' }),
  );

/** The presets as a message lists them: `{presets} or {last}`. */
const presetList = { presets: PRESET_NAMES.slice(0, -1).join(', '), last: PRESET_NAMES.at(-1) ?? '' };

const preset = z
  .string()
  .transform((name) => name.trim().toLowerCase())
  .refine(isPresetName, expects('settings.preset', presetList));

/** A parameter name as a mapping writes it (`:company_id`). */
const PARAM_NAME = /^[A-Za-z_]\w*$/;

/**
 * `text` split at the commas outside double quotes; null when a quote is not closed. A quoted value
 * keeps its commas (ERPNext names companies "Acme (Shanghai) Co., Ltd."), `""` inside it is one quote.
 */
function splitParams(text: string): string[] | null {
  const parts: string[] = [];
  let part = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      parts.push(part);
      part = '';
    } else part += c;
  }
  if (quoted) return null;
  parts.push(part);
  return parts;
}

/** A parameter's value as written: `"a, b"` (quoted, `""` for a quote) or plain text. */
function paramValue(written: string): string {
  return /^".*"$/s.test(written) ? written.slice(1, -1).replace(/""/g, '"') : written;
}

/** `value` as LEDGER_PARAMS would take it back: in double quotes when it has a comma or a quote. */
export function writtenParam(value: string): string {
  return /[,"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * LEDGER_PARAMS: `name=value` pairs separated by commas (`company_id=1,branch=North`, a value with a
 * comma in double quotes: `company="Acme Co., Ltd."`); each name once, never `watermark` (duebot binds
 * that one itself), values without control characters.
 */
const params = z.string().transform((text, ctx): Record<string, string> => {
  const values: Record<string, string> = {};
  const parts = splitParams(text);
  if (!parts) {
    ctx.addIssue({ code: 'custom', message: expects('settings.params.unclosed') });
    return z.NEVER;
  }
  for (const part of parts) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part.trim() : part.slice(0, eq).trim();
    const written = eq < 0 ? '' : part.slice(eq + 1).trim();
    const value = paramValue(written);
    const problem =
      eq < 0 || !PARAM_NAME.test(name)
        ? expects('settings.params.pairs', { example: 'company_id=1', part: JSON.stringify(part.trim()) })
        : written.includes('"') && !/^"(?:[^"]|"")*"$/.test(written)
          ? expects('settings.params.quoted', { name, example: '"Acme Co., Ltd."' })
          : name === 'watermark'
            ? expects('settings.params.watermark', { name })
            : Object.hasOwn(values, name)
              ? expects('settings.params.twice', { name })
              : value === '' || value.length > 200 || [...value].some((c) => c.charCodeAt(0) < 32)
                ? expects('settings.params.value', { name, max: 200 })
                : null;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    values[name] = value;
  }
  return values;
});

/** The ledger and sync settings by variable name. */
export const ledgerSettings = settingsFragment(
  {
    LEDGER_URL: z.preprocess(emptyAsUndefined, ledgerUrl.optional()),
    LEDGER_MAPPING: z.preprocess(emptyAsUndefined, z.string().optional()),
    LEDGER_PRESET: z.preprocess(emptyAsUndefined, preset.optional()),
    LEDGER_PARAMS: z.preprocess(emptyAsUndefined, params.optional()),
    LEDGER_TIME_ZONE: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .refine(isTimeZone, expects('settings.ledgerTimeZone', { example: 'Europe/Berlin', utc: 'UTC' }))
        .default('UTC'),
    ),
    LEDGER_LOOKBACK_SECONDS: wholeNumber({ min: 0, fallback: 300 }),
    SYNC_INTERVAL_MINUTES: wholeNumber({ min: 0, fallback: 15 }),
    SYNC_FULL_EVERY_HOURS: wholeNumber({ min: 0, fallback: 24 }),
    SYNC_RETRY_SECONDS: wholeNumber({
      min: 1,
      whole: expects('settings.seconds.whole'),
      range: expects('settings.seconds.atLeast', { min: 1 }),
      fallback: 30,
    }),
    LEDGER_STALE_AFTER_MINUTES: wholeNumber({
      min: 0,
      whole: expects('settings.minutes.whole'),
      range: expects('settings.minutes.atLeast', { min: 0 }),
    }),
    SYNC_BATCH_SIZE: wholeNumber({
      min: 1,
      max: 50_000,
      range: expects('settings.rows', { min: 1, max: 50_000 }),
      fallback: 2000,
    }),
  },
  (s) => {
    const preset = s.LEDGER_PRESET as PresetName | undefined;
    const url = 'LEDGER_URL';
    if (preset && s.LEDGER_MAPPING)
      return [
        settingProblem('LEDGER_PRESET', 'settings.preset.withMapping', { preset, mapping: 'LEDGER_MAPPING' }),
      ];
    if (preset && !s.LEDGER_URL)
      return [settingProblem('LEDGER_PRESET', 'settings.preset.needsUrl', { preset, url })];
    const dialect = s.LEDGER_URL ? urlDialect(s.LEDGER_URL) : null;
    const mismatch = preset && dialect ? presetDialectProblem(preset, dialect) : null;
    if (preset && mismatch)
      return [settingProblem('LEDGER_PRESET', 'settings.preset.engine', { preset, url, ...mismatch })];
    return s.LEDGER_URL && !s.LEDGER_MAPPING && !preset
      ? [
          settingProblem('LEDGER_MAPPING', 'settings.mapping.needed', {
            preset: 'LEDGER_PRESET',
            ...presetList,
            url,
            section: 'Connecting your accounting database',
          }),
        ]
      : [];
  },
);

/** Which ledger is read, and how. */
export interface LedgerConfig {
  /** Unset: the demo ledger inside the bot database. */
  url: string | undefined;
  /** LEDGER_MAPPING, or the built-in mapping file of LEDGER_PRESET. */
  mappingFile: string | undefined;
  /** LEDGER_PRESET: the system whose built-in mapping is read. */
  preset: PresetName | undefined;
  /** LEDGER_PARAMS: the mapping's named parameters besides :watermark. */
  params: Record<string, string>;
  /** LEDGER_TIME_ZONE: the zone of the ledger's timestamps that carry none. */
  timeZone: string;
  lookbackSeconds: number;
  batchSize: number;
}

/** When the ledger is read. */
export interface SyncConfig {
  intervalMinutes: number;
  fullEveryHours: number;
  /** The first wait before a failed sync is tried again; it doubles up to the sync interval. */
  retrySeconds: number;
  /** LEDGER_STALE_AFTER_MINUTES when set; unset: two sync intervals and 5 minutes (ledger/freshness.ts). */
  staleAfterMinutes: number | undefined;
}

/** The ledger's part of the settings, from its parsed variables. */
export function ledgerConfig(s: z.output<typeof ledgerSettings.schema>): {
  ledger: LedgerConfig;
  sync: SyncConfig;
} {
  const preset = s.LEDGER_PRESET as PresetName | undefined;
  const dialect = s.LEDGER_URL ? urlDialect(s.LEDGER_URL) : null;
  return {
    ledger: {
      url: s.LEDGER_URL,
      mappingFile: preset && dialect ? presetFile(preset, dialect) : s.LEDGER_MAPPING,
      preset,
      params: s.LEDGER_PARAMS ?? {},
      timeZone: s.LEDGER_TIME_ZONE,
      lookbackSeconds: s.LEDGER_LOOKBACK_SECONDS,
      batchSize: s.SYNC_BATCH_SIZE,
    },
    sync: {
      intervalMinutes: s.SYNC_INTERVAL_MINUTES,
      fullEveryHours: s.SYNC_FULL_EVERY_HOURS,
      retrySeconds: s.SYNC_RETRY_SECONDS,
      staleAfterMinutes: s.LEDGER_STALE_AFTER_MINUTES,
    },
  };
}
