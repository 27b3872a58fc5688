import { describe, expect, it } from 'vitest';
import { toBlockKit } from '../../adapters/slack/block-kit.ts';
import { toTerminalText } from '../../adapters/shell/text.ts';
import { toFallbackText } from '../../src/views/fallback-text.ts';
import { mentionMarkup, parseInlineMarkup, typedText } from '../../src/views/model.ts';

describe('mentions in neutral text', () => {
  const slackUser = mentionMarkup({ platform: 'slack', id: 'U012AB3CD', name: 'Li Wei' });
  const shellUser = mentionMarkup({ platform: 'shell', id: 'ann', name: 'Ann [ops]' });
  const message = { blocks: [{ type: 'text' as const, text: `*Heads up* ${slackUser} and ${shellUser}` }] };

  it('notifies a Slack user on Slack and names everyone else', () => {
    const blocks = JSON.stringify(toBlockKit(message).blocks);
    expect(blocks).toContain('<@U012AB3CD>');
    expect(blocks).toContain('@Ann [ops ');
    expect(blocks).not.toContain('slack:U012AB3CD');
  });

  it('reads as @Name in the terminal and in the notification text', () => {
    expect(toTerminalText(message, { color: false })).toContain('Heads up @Li Wei and @Ann [ops ');
    expect(toFallbackText(message)).toBe('Heads up @Li Wei and @Ann [ops ');
  });

  it('notifies the Slack user in the notification text too, with everything else escaped (issue 13)', () => {
    const text = toBlockKit({
      blocks: [{ type: 'text', text: `Claimed by ${slackUser} <!channel> & ${shellUser}` }],
    }).text;
    expect(text).toBe('Claimed by <@U012AB3CD> &lt;!channel&gt; &amp; @Ann [ops ');
  });

  it('never turns what people typed into a mention, whatever they typed', () => {
    const note = { blocks: [{ type: 'text' as const, text: `_${typedText('@[Boss](slack:UBOSS) hi')}_` }] };
    const slack = toBlockKit(note);
    expect(JSON.stringify(slack)).not.toContain('<@UBOSS>');
    expect(toFallbackText(note)).toContain('[Boss](slack:UBOSS) hi');
  });

  it('never lets a mention of something else through as a Slack mention', () => {
    const fake = { blocks: [{ type: 'text' as const, text: '@[x](slack:<!channel>) <@U999>' }] };
    const text = JSON.stringify(toBlockKit(fake).blocks);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U999>');
    expect(parseInlineMarkup('a @[B](teams:29:1) c').map((s) => s.text)).toEqual(['a ', '@B', ' c']);
  });
});
