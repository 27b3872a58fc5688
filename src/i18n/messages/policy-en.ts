/**
 * What is wrong in a company's ladder or policy file (src/collections/file-problems.ts, ladder.ts,
 * policy-file.ts), in English (merged into en.ts): one line per problem, naming where it is (the step, the
 * field, the line), what the file holds there and what is expected. File names, keys, values and examples
 * are placeholders: they are written the same in every language.
 */
export const policyEn = {
  // Between the sentences of a list said as one value (src/i18n/said.ts): a file's problems.
  'said.separator': '; ',
  // The frame of each line, and where it is.
  'policy.problem':
    '{where}{hasLine, select, yes { (line {line})} other {}}: {hasFound, select, yes {found {found}, {problem}} other {{problem}}}',
  'policy.where.step':
    'step {n}{hasId, select, yes { ({id})} other {}}{hasField, select, yes {, field {field}} other {}}',
  'policy.where.field': 'field {field}',
  'policy.where.file': 'the file',
  'policy.found':
    '{kind, select, missing {nothing} empty {an empty value} list {a list} mapping {a set of fields} other {{value}}}',
  'policy.yaml':
    "not valid YAML at line {line}, column {column}: {code, select, BAD_INDENT {a [ ] or '{ }' is not closed, or a line is not indented enough} TAB_AS_INDENT {a tab indents a line (YAML indents with spaces)} DUPLICATE_KEY {a key is given twice} MISSING_CHAR {a closing bracket, brace or quote is missing} UNEXPECTED_TOKEN {a character is where YAML does not expect it} BLOCK_AS_IMPLICIT_KEY {a key is missing its colon, or a line is indented wrongly} MULTIPLE_DOCS {the file holds more than one document (---)} other {YAML error {code}}}",
  // What zod checks, where a field does not say it in its own words.
  'policy.expected.type':
    '{type, select, number {expected a number} int {expected a whole number} string {expected text} array {expected a list} object {expected a set of fields (name: value)} other {expected another kind of value}}',
  'policy.expected.oneOf': 'expected one of {choices}',
  'policy.expected.entries': 'expected at least {min, plural, one {# entry} other {# entries}}',
  'policy.expected.atLeast':
    '{inclusive, select, yes {expected {min} or more} other {expected more than {min}}}',
  'policy.expected.atMost':
    '{inclusive, select, yes {expected {max} or less} other {expected less than {max}}}',
  'policy.expected.other': 'expected a value this field takes',
  'policy.unknownField':
    'not a field of this file{hasKnown, select, yes { (expected one of {known})} other {}}',
  // Numbers of both files.
  'policy.whole':
    'expected a whole number of {unit, select, days {days} months {months} invoices {invoices} incidents {incidents} answers {answers} attempts {attempts} weeks {weeks} other {minutes}}',
  'policy.atLeast':
    'expected {min} or more {unit, select, days {days} months {months} invoices {invoices} incidents {incidents} answers {answers} attempts {attempts} weeks {weeks} other {minutes}}',
  'policy.atMostField': 'expected at most {field} ({limit}), got {got}',
  'policy.boolean': 'expected {yes} or {no}',
  // The escalation ladder file (src/collections/ladder.ts).
  'policy.ladder.file': 'expected the ladder as fields {followUp} and {steps}',
  'policy.ladder.steps': 'expected the steps as a list of at least one step',
  'policy.ladder.followUp': 'expected the follow-up rhythm as fields, such as {example}',
  'policy.ladder.duplicateId': 'duplicate step id "{id}"',
  'policy.ladder.dayAfter': 'expected a day after step {step} (day {day}), got {got}',
  'policy.ladder.id': 'expected a short id such as {first} or {second} (letters, digits, - and _)',
  'policy.ladder.day': 'expected a whole number of days from the anchor',
  'policy.ladder.day.missing': 'expected the days from the {anchor, select, issue {issue} other {due}} date',
  'policy.ladder.anchor':
    'expected {due} (the due date), {issue} (the invoice date) or {term} (a fraction of the payment term)',
  'policy.ladder.fraction': 'expected a number between 0 and 1, e.g. {example} for halfway through the term',
  'policy.ladder.term.fraction': 'a step anchored on the term needs a fraction, e.g. {example} for halfway',
  'policy.ladder.term.day': 'a step anchored on the term takes a fraction, not a day',
  'policy.ladder.fraction.onlyTerm': 'only a step anchored on the term ({term}) takes a fraction',
  'policy.ladder.perInvoice':
    'a step anchored on {anchor, select, issue {the issue date} other {the term}} is always per invoice; leave {field} out',
  'policy.ladder.minInvoice': 'expected an invoice amount above 0',
  'policy.ladder.tone': 'expected the tone, one of {choices}',
  'policy.ladder.channel': 'expected the channel, one of {choices}',
  'policy.ladder.letter': 'expected a letter template name such as {example}',
  'policy.ladder.grade': 'expected a grade, one of {choices}',
  'policy.ladder.onlyFor': 'expected a list of grades such as {example}',
  'policy.ladder.action.missing':
    'expected the action (text, or text per language); only the built-in steps ({builtIn}) may leave it out',
  'policy.ladder.action.empty':
    '{hasLanguage, select, yes {{language}: expected a description of the action} other {expected a description of the action}}',
  'policy.ladder.action.shape': 'expected the action as text, or as text per language ({languages})',
  'policy.ladder.action.languages': 'expected the action per language, one of {languages}; not {unknown}',
  'policy.ladder.action.none': 'expected the action in at least one language ({languages})',
  // The policy file (src/collections/policy-file.ts).
  'policy.file': 'expected the policy as sections of fields, such as {example}',
  'policy.section': 'expected the {section} section as fields (name: value)',
  'policy.share': 'expected a share between 0 and 1, such as {example}',
  'policy.factor': 'expected a positive number, such as {example}',
  'policy.amount': 'expected an amount in base-currency units, such as {example}',
  'policy.amount.atLeastZero': 'expected an amount of 0 or more',
  'policy.bucketEdges': 'expected a list of at least one day, such as {example}',
  'policy.edgeAfter': 'expected more than the edge before it ({before}), got {got}',
  'policy.monthRule':
    'expected {monthEnd} (a month counts when an invoice is overdue at its end) or {days} (when overdue on at least {minDays} days of it)',
  'policy.monthDays': 'expected at most {max} days (a month has no more)',
  'policy.likelihoodRows': 'expected a list of at least one row such as {example}',
  'policy.rowAfter': 'expected more than the row before it ({before}), got {got}',
  'policy.gradeFactor': 'expected a factor per grade, such as {example}',
  'policy.window': 'expected the window as fields, such as {example}',
  'policy.sendTime': 'expected a time of day such as {first} or {second}',
  'policy.sendTimes': 'expected a list of at least one send time, such as {example}',
  'policy.windowMinutes': 'expected at most {max} minutes (a day)',
  'policy.windowOverlap': 'the window after {from} ({minutes} minutes) runs into the next send time {next}',
  'policy.contactDays': 'expected {working} (the working days) or {every} (any day)',
  'policy.workingDays': 'expected a list of at least one weekday, such as {example}',
  'policy.weekday': 'expected a weekday name: {weekdays}',
  'policy.weekdayTwice': '{day} is listed twice',
} as const;

export type PolicyCatalog = Readonly<Record<keyof typeof policyEn, string>>;
