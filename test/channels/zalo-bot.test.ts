import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inbox } from '../../src/channels/inbox.js';
import { ZALO_BOT_WEBHOOK_PATH, ZaloBotChannel } from '../../src/channels/zalo/zalo-bot-channel.js';
import { silentLogger } from '../../src/core/logger.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { testAssistant } from '../helpers/assistant.js';

const stub = Fastify();
const sent: { url: string; body: { chat_id: string; text: string } }[] = [];
stub.post('/:bot/sendMessage', async (req) => {
  sent.push({ url: req.url, body: req.body as { chat_id: string; text: string } });
  return { ok: true, result: { message_id: 'm' } };
});
const app = Fastify();
let inbox: Inbox;
const secret = 'zalo-bot-secret-123';

beforeAll(async () => {
  await stub.listen({ port: 0, host: '127.0.0.1' });
  const store = LocalStore.memory();
  inbox = new Inbox(store, silentLogger);
  const bot = new ZaloBotChannel(
    { token: '111:abc', apiBase: `http://127.0.0.1:${(stub.server.address() as { port: number }).port}`, webhookUrl: 'https://example.invalid/webhooks/zalo-bot', webhookSecret: secret },
    testAssistant({ store }),
    store,
    silentLogger,
  );
  bot.registerWebhook(app, inbox);
});
afterAll(async () => {
  await app.close();
  await stub.close();
});

const update = (id: string, text: string) => ({ ok: true, result: { event_name: 'message.text.received', message: { message_id: id, date: 1, text, chat: { id: 'c1', chat_type: 'PRIVATE' }, from: { id: 'u1', display_name: 'A', is_bot: false } } } });

async function post(body: unknown, token?: string) {
  const res = await app.inject({ method: 'POST', url: ZALO_BOT_WEBHOOK_PATH, payload: body as object, headers: token ? { 'x-bot-api-secret-token': token } : {} });
  await inbox.drain();
  return res;
}

describe('Zalo Bot Platform webhook', () => {
  it('checks the secret token', async () => {
    expect((await post(update('1', 'hi'), 'nope')).statusCode).toBe(401);
    expect(sent).toHaveLength(0);
  });

  it('answers a text message with sendMessage, once per message id', async () => {
    expect((await post(update('2', 'dang ky muc 2 o dau'), secret)).statusCode).toBe(200);
    await post(update('2', 'dang ky muc 2 o dau'), secret);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/bot111:abc/sendMessage');
    expect(sent[0]!.body.chat_id).toBe('c1');
    expect(sent[0]!.body.text).toMatch(/Công an cấp xã/);
  });
});
