/** Names that read better than the template's file name when followed by "letter". */
const LETTER_NAMES: Record<string, string> = { 'lawyer-letter-request': 'legal referral' };

/** What people call a template in a sentence ("the formal demand letter"): "formal-demand" -> "formal demand". */
export const letterName = (template: string) => LETTER_NAMES[template] ?? template.replace(/-/g, ' ');
