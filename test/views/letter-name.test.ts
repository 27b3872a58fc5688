import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/translate.ts';
import { letterName } from '../../src/views/letter-views.ts';

describe('letter names in sentences', () => {
  const en = translator('en');

  it('reads a template name as words, and the lawyer letter request as a legal referral', () => {
    expect(`the ${letterName('formal-demand', en)} letter`).toBe('the formal demand letter');
    expect(`the ${letterName('lawyer-letter-request', en)} letter`).toBe('the legal referral letter');
    expect(`the ${letterName('our-own-template', en)} letter`).toBe('the our own template letter');
  });

  it("names our letters in the reader's language", () => {
    expect(letterName('formal-demand', translator('zh-CN'))).toBe('正式催款函');
    expect(letterName('lawyer-letter-request', translator('zh-TW'))).toBe(
      translator('zh-TW').t('letter.name.lawyer_letter_request'),
    );
    expect(letterName('lawyer-letter-request', translator('zh-TW'))).not.toMatch(/[A-Za-z]/);
  });
});
