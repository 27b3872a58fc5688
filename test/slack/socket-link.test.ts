import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createSocketLink, SOCKET_GRACE_MS } from '../../adapters/slack/socket-link.ts';
import { envelopeProblem, redeliveryKey } from '../../adapters/slack/socket-mode.ts';

describe('the Socket Mode link', () => {
  const follow = () => {
    let now = Date.parse('2026-11-22T03:00:00Z');
    const client = new EventEmitter();
    const link = createSocketLink({ now: () => now });
    link.follow(client);
    return { link, client, advance: (ms: number) => (now += ms) };
  };

  it('is down but healthy from the start until the grace period has passed without a connection', () => {
    const { link, advance } = follow();
    expect(link.status()).toMatchObject({
      connected: false,
      healthy: true,
      since: '2026-11-22T03:00:00.000Z',
    });
    advance(SOCKET_GRACE_MS + 1);
    expect(link.status().healthy).toBe(false);
  });

  it('counts reconnects and dates each change; a gap longer than the grace period is unhealthy', () => {
    const { link, client, advance } = follow();
    client.emit('connected');
    advance(5_000);
    client.emit('close');
    expect(link.status()).toMatchObject({
      connected: false,
      since: '2026-11-22T03:00:05.000Z',
      healthy: true,
    });
    advance(SOCKET_GRACE_MS);
    expect(link.status().healthy).toBe(true);
    advance(1);
    expect(link.status().healthy).toBe(false);
    client.emit('connected');
    expect(link.status()).toMatchObject({ connected: true, reconnects: 1, healthy: true });
    client.emit('disconnecting');
    client.emit('disconnected');
    expect(link.status()).toMatchObject({ connected: false, reconnects: 1 });
  });
});

describe('Socket Mode messages', () => {
  it.each([
    ['not json', 'not JSON', undefined],
    ['null', 'expected a JSON object', undefined],
    ['{"type":5}', 'type: expected a string', undefined],
    ['{"type":"slash_commands","payload":{}}', 'envelope_id', undefined],
    ['{"type":"interactive","envelope_id":"e1","payload":null}', 'payload', 'e1'],
    ['{"type":"events_api","envelope_id":"e2","payload":{}}', 'payload.event', 'e2'],
  ])('refuses %s, acknowledging it when it names its envelope', (text, reason, envelopeId) => {
    const problem = envelopeProblem(text);
    expect(problem?.reason).toContain(reason);
    expect(problem?.envelopeId).toBe(envelopeId);
  });

  it('lets hello, disconnect and well-formed envelopes through', () => {
    for (const text of [
      '{"type":"hello","num_connections":1}',
      '{"type":"disconnect","reason":"refresh_requested"}',
      '{"type":"slash_commands","envelope_id":"e3","payload":{"command":"/overdue"}}',
      '{"type":"events_api","envelope_id":"e4","payload":{"event":{"type":"app_home_opened"}}}',
    ])
      expect(envelopeProblem(text)).toBeNull();
  });

  it('names commands and clicks by their trigger id, hashed when long, and nothing else', () => {
    expect(redeliveryKey({ command: '/overdue', trigger_id: 'T.1' })).toBe('trigger:T.1');
    expect(redeliveryKey({ type: 'block_actions', trigger_id: 'T.2' })).toBe('trigger:T.2');
    expect(redeliveryKey({ type: 'block_actions', trigger_id: 'x'.repeat(4000) })).toMatch(
      /^trigger:sha256:[0-9a-f]{64}$/,
    );
    expect(redeliveryKey({ type: 'view_submission', trigger_id: 'T.3' })).toBeNull();
    expect(redeliveryKey({ type: 'block_actions' })).toBeNull();
    expect(redeliveryKey(null)).toBeNull();
  });
});
