import { describe, expect, it } from 'vitest';
import { letterName } from '../../src/views/letter-views.ts';

describe('letter names in sentences', () => {
  it('reads a template name as words, and the lawyer letter request as a legal referral', () => {
    expect(`the ${letterName('formal-demand')} letter`).toBe('the formal demand letter');
    expect(`the ${letterName('lawyer-letter-request')} letter`).toBe('the legal referral letter');
    expect(`the ${letterName('our-own-template')} letter`).toBe('the our own template letter');
  });
});
