/**
 * What is wrong with the settings, in English (merged into en.ts): one line per problem, refusing a start
 * and in `duebot doctor`, in the company's language (DUEBOT_LOCALE; English when that one is wrong).
 * Setting names, values and examples are placeholders: they are written the same in every language.
 */
export const settingsEn = {
  // The frame of each line (src/settings-input.ts).
  'settings.line': '{variable}: {problem}',
  'settings.line.found':
    '{variable}: found {found, select, nothing {nothing} secret {a value} other {{value}}}, {problem}',
  'settings.check': '{variable}: {detail}{hasFix, select, yes {; fix: {fix}} other {}}',
  // What a ladder or policy file's contents get wrong (src/policy.ts): the file's own problems inside.
  'settings.file.invalid':
    '{ladder, select, yes {the escalation ladder file} other {the policy file}} {file} is not valid: {problems}',
  // What zod itself finds wrong, where a setting does not say it in its own words.
  'settings.oneOf': 'expected one of {choices}',
  'settings.atMostChars': 'expected at most {max, number} characters',
  'settings.atLeastChars': 'expected at least {min, number} characters',
  'settings.atMost': 'expected at most {max}',
  'settings.atLeast': 'expected {min} or more',
  'settings.invalid': '{message}',
  // Whole numbers (wholeNumber).
  'settings.number.whole': 'expected a whole number',
  'settings.number.atLeast': 'expected a whole number, {min} or more',
  'settings.number.range': 'expected a whole number from {min} to {max}',
  'settings.units.notNumber': 'expected a number of {unit, select, minutes {minutes} other {days}}',
  'settings.units.whole': 'expected a whole number of {unit, select, minutes {minutes} other {days}}',
  'settings.units.range': 'expected {min} to {max} {unit, select, minutes {minutes} other {days}}',
  // The process-wide settings (src/config.ts).
  'settings.databaseUrl': 'expected a {postgres} or {postgresql} URL',
  'settings.timeZone': 'expected an IANA time zone such as {first} or {second}',
  'settings.date': 'expected a calendar date as {format}',
  'settings.pageSize': 'expected {min} to {max} accounts a page',
  'settings.port.whole': 'expected a port number',
  'settings.port.range': 'expected a port number from {min} to {max}',
  // The ledger (src/ledger/settings.ts).
  'settings.ledgerUrl': 'expected a {postgres}, {mysql} or {mariadb} URL',
  'settings.preset': 'expected one of the built-in presets: {presets} or {last}',
  'settings.params.unclosed': 'expected a closing double quote after a quoted value',
  'settings.params.pairs': 'expected name=value pairs separated by commas, e.g. {example} (not {part})',
  'settings.params.quoted':
    'expected the value of {name} in double quotes as a whole ({example}), with "" for a quote inside',
  'settings.params.watermark': 'expected parameters besides {name} (duebot binds :{name} itself)',
  'settings.params.twice': 'expected each parameter once ({name} is given twice)',
  'settings.params.value': 'expected a value for {name} (up to {max} characters, no control characters)',
  'settings.ledgerTimeZone': 'expected an IANA time zone such as {example}, or {utc}',
  'settings.seconds.whole': 'expected a whole number of seconds',
  'settings.seconds.atLeast': 'expected {min, plural, one {# second} other {# seconds}} or more',
  'settings.minutes.whole': 'expected a whole number of minutes',
  'settings.minutes.atLeast': 'expected a whole number of minutes, {min} (never) or more',
  'settings.rows': 'expected {min, number} to {max, number} rows',
  'settings.preset.withMapping':
    'found {preset} and {mapping} too, expected one of them (a preset is a built-in mapping)',
  'settings.preset.needsUrl': 'found {preset}, expected {url} to name the {preset} database as well',
  'settings.preset.engine':
    'found {preset}, but the {preset} preset reads {label} on {engines}, and {url} names a {engine} database',
  'settings.mapping.needed':
    'found nothing, expected the path of a mapping SQL file, or {preset} ({presets} or {last}), when {url} is set (see README, "{section}")',
  // The collections policy (src/collections/settings.ts).
  'settings.interest': 'expected a daily rate such as {percent}, {basisPoints} or {fraction}',
  'settings.currencyList': 'expected currency=amount pairs such as {example}',
  'settings.currency': 'expected an ISO currency code such as {example}',
  'settings.holidays': 'expected dates as {format} separated by commas',
  'settings.statusUpdateDays': 'expected {min} (off) to {max} working days',
  // Slack (src/chat/slack-settings.ts).
  'settings.slack.userIds':
    'expected Slack user ids such as {example} separated by commas (profile > ... > Copy member ID)',
  'settings.slack.channel': 'expected a channel id such as {example} (channel details > About)',
  'settings.slack.botToken': 'expected the bot token, which starts with {prefix} (OAuth & Permissions page)',
  'settings.slack.signingSecret': 'expected the signing secret from Basic Information (hexadecimal)',
  'settings.slack.appToken': 'expected an app-level token, which starts with {prefix} (for Socket Mode)',
  'settings.httpUrl': 'expected an http(s) URL such as {example}',
  'settings.slack.botTokenNeeded':
    'found nothing, expected the bot token ({prefix}...) because {both, select, yes {{first} and {second} are} other {{first} is}} set; set it too, or unset them to run without Slack',
  'settings.slack.signingSecretNeeded':
    'found nothing, expected the signing secret (Basic Information) for HTTP mode, or set {appToken} ({prefix}...) for Socket Mode',
  'settings.bothRoles': '{ids} also listed in {managers}; choose one role',
  // Microsoft Teams (src/chat/teams-settings.ts).
  'settings.teams.userIds':
    'expected Microsoft Entra object ids (GUIDs) separated by commas (Entra admin center > Users > Object ID)',
  'settings.teams.enabled': 'expected {on} (on) or {off} (off)',
  'settings.teams.appId': "expected the bot's Microsoft App ID (a GUID, Azure bot > Configuration)",
  'settings.teams.appType': 'expected {single} or {multi}',
  'settings.teams.channel': 'expected a Teams channel id such as {example} (channel > Get link to channel)',
  'settings.teams.appIdNeeded':
    "found nothing, expected the bot's app id because {both, select, yes {{first} and {second} are} other {{first} is}} set; set it too, or unset them ({local} alone runs Teams in local mode)",
  'settings.teams.passwordNeeded':
    "found nothing, expected the client secret of the bot's app registration (Certificates & secrets)",
  'settings.teams.tenantNeeded':
    'found nothing, expected your directory (tenant) id because {type} is {single}',
  // Letters (src/letters/settings.ts, src/letters/contact-settings.ts).
  'settings.smtpUrl': 'expected an {smtp} or {smtps} URL such as {example}',
  'settings.letterFrom': 'expected an e-mail address or {form}',
  'settings.stampImage': 'expected the path of a {png} or {jpeg} image',
  'settings.paymentLink': 'expected an http(s) URL where customers can pay',
  'settings.onOff': 'expected {on} or {off}',
  'settings.earlyDiscount': 'expected percent/days such as {example}',
  'settings.publicUrl':
    'expected the https:// address duebot is reached at, such as {example} (http:// only for {localhost})',
  'settings.secret': 'expected a random secret of at least {min} characters',
  'settings.letterFromNeeded':
    'found nothing, expected the sender address of letters (e.g. {example}) because {smtp} is set',
  'settings.companyNameNeeded':
    'found nothing, expected your company\'s name for the letterhead because {smtp} is set (letters would reach customers headed "{placeholder}")',
  'settings.linkSecretNeeded':
    'found nothing, expected a random secret of at least {min} characters (e.g. {example}) to sign letter links, because {url} is set and {password} is not',
  'settings.zone.notZone':
    '"{zone}" is not a time zone; expected an IANA time zone such as {first} or {second}',
  'settings.zone.notPair': '"{part}" is not customer=zone; expected pairs such as {example}',
  'settings.zone.customerNotZone':
    'customer {id}: "{zone}" is not a time zone; expected an IANA time zone such as {first} or {second}',
  'settings.zone.twice': 'customer {id} is listed twice',
  // Scheduled posts (src/jobs/settings.ts).
  'settings.cron':
    'expected a cron expression such as "{example}" (minute hour day month weekday) or {afterSync}',
  'settings.percentage': 'expected a percentage such as {example}',
  'settings.escalation': 'expected collector=manager pairs such as {example}',
  // Languages (src/i18n/settings.ts).
  'settings.locale': 'expected a language duebot speaks: {choices}',
  'settings.channelLocale': '"{part}" is not channel=language (language one of {choices}), e.g. {example}',
} as const;

export type SettingsCatalog = Readonly<Record<keyof typeof settingsEn, string>>;
