import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { Inbox } from '../../src/channels/inbox.js';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { registerTelegramWebhook } from '../../src/channels/telegram/telegram-webhook.js';
import { ZaloBotChannel } from '../../src/channels/zalo/zalo-bot-channel.js';
import { zaloSignature } from '../../src/channels/zalo/signature.js';
import { ZaloOaClient } from '../../src/channels/zalo/zalo-oa-client.js';
import { registerZaloOaWebhook } from '../../src/channels/zalo/zalo-oa-webhook.js';
import { ZaloTokens } from '../../src/channels/zalo/zalo-token.js';
import { silentLogger } from '../../src/core/logger.js';
import { buildApp } from '../../src/server/app.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { testAssistant } from '../helpers/assistant.js';
import { Telegram } from 'telegraf';
import { vi } from 'vitest';

// Outgoing calls go nowhere: the fuzz is about what comes in.
vi.spyOn(Telegram.prototype, 'callApi').mockResolvedValue(true as never);

const store = LocalStore.memory();
const assistant = testAssistant({ store });
const app = await buildApp({ assistant, store, channels: () => [] });
const inbox = new Inbox(store, silentLogger);
const telegram = new TelegramChannel({ token: '1:x', webhookUrl: 'https://x.invalid', webhookSecret: 'sekret-sekret' }, assistant, store, silentLogger);
telegram.bot.botInfo = { id: 1, is_bot: true, first_name: 'b', username: 'b', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
registerTelegramWebhook(app, telegram, 'sekret-sekret', inbox);
const tokens = new ZaloTokens(store, { appId: 'a', appSecret: 's', oauthBase: 'http://127.0.0.1:9', initial: { access: 't', refresh: 'r' } }, silentLogger);
registerZaloOaWebhook(app, { assistant, store, client: new ZaloOaClient('http://127.0.0.1:9', tokens, silentLogger), oaSecretKey: 'oa', appId: 'a', log: silentLogger, inbox });
new ZaloBotChannel({ token: 't', apiBase: 'http://127.0.0.1:9', webhookUrl: 'https://x.invalid', webhookSecret: 'bot-secret' }, assistant, store, silentLogger).registerWebhook(app, inbox);
afterAll(() => app.close());

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const SAMPLES = [
  JSON.stringify({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false, first_name: 'a' }, text: 'dang ky muc 2' } }),
  JSON.stringify({ app_id: 'a', event_name: 'user_send_text', timestamp: '1', sender: { id: '2' }, message: { msg_id: 'm', text: 'xin chao' } }),
  JSON.stringify({ ok: true, result: { event_name: 'message.text.received', message: { message_id: '1', text: 'hi', chat: { id: 'c' }, from: { id: 'u' } } } }),
  JSON.stringify({ userId: 'abc', text: 'hello' }),
];
const ODD = ['', 'null', '[]', '{}', '"x"', '1e999', '{"update_id": "1"}', '{"message": null}', '\u0000\u0000', '{"a":'.repeat(50), '🙂'.repeat(100)];

describe('webhook handlers under random and truncated bodies', () => {
  it('never answer 500 and never crash', async () => {
    const random = rng(20261122);
    const routes: { url: string; headers: Record<string, string> }[] = [
      { url: '/webhooks/telegram', headers: { 'x-telegram-bot-api-secret-token': 'sekret-sekret' } },
      { url: '/webhooks/zalo-bot', headers: { 'x-bot-api-secret-token': 'bot-secret' } },
      { url: '/webhooks/zalo', headers: {} },
      { url: '/api/chat', headers: {} },
    ];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const route = routes[i % routes.length]!;
      const sample = SAMPLES[Math.floor(random() * SAMPLES.length)]!;
      const kind = random();
      let body: string;
      if (kind < 0.3) body = sample.slice(0, Math.floor(random() * sample.length));
      else if (kind < 0.5) body = randomBytes(Math.floor(random() * 200)).toString(random() < 0.5 ? 'utf8' : 'latin1');
      else if (kind < 0.6) body = ODD[Math.floor(random() * ODD.length)]!;
      else {
        const chars = [...sample];
        for (let k = 0; k < 3; k++) chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 0xffff));
        body = chars.join('');
      }
      let headers: Record<string, string> = { 'content-type': 'application/json', ...route.headers };
      if (route.url === '/webhooks/zalo') {
        try {
          const parsed = JSON.parse(body) as { app_id?: string; timestamp?: string };
          headers = { ...headers, 'x-zevent-signature': `mac=${zaloSignature(String(parsed?.app_id ?? ''), body, String(parsed?.timestamp ?? ''), 'oa')}` };
        } catch {
          headers = { ...headers, 'x-zevent-signature': 'mac=00' };
        }
      }
      const res = await app.inject({ method: 'POST', url: route.url, payload: body, headers });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect(res.statusCode, `${route.url} ${JSON.stringify(body).slice(0, 120)}`).toBeLessThan(500);
    }
    await inbox.drain();
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(100);
  }, 120_000);
});
