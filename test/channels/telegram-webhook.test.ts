import Fastify from 'fastify';
import { Telegram, TelegramError } from 'telegraf';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Inbox } from '../../src/channels/inbox.js';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { registerTelegramWebhook, TELEGRAM_WEBHOOK_PATH } from '../../src/channels/telegram/telegram-webhook.js';
import { silentLogger } from '../../src/core/logger.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { testAssistant } from '../helpers/assistant.js';

const secret = 'a-long-webhook-secret-0123456789';
const store = LocalStore.memory();
const channel = new TelegramChannel({ token: '42:abc', webhookUrl: 'https://example.invalid/webhooks/telegram', webhookSecret: secret }, testAssistant({ store }), store, silentLogger);
channel.bot.botInfo = { id: 42, is_bot: true, first_name: 'VNeID', username: 'vneid_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
const inbox = new Inbox(store, silentLogger);
const app = Fastify();
registerTelegramWebhook(app, channel, secret, inbox);
afterAll(() => app.close());

const sent: { method: string; payload: Record<string, unknown> }[] = [];
beforeEach(() => {
  sent.length = 0;
  vi.spyOn(Telegram.prototype, 'callApi').mockImplementation(async (method: string, payload: unknown) => {
    sent.push({ method, payload: payload as Record<string, unknown> });
    return true as never;
  });
});

const update = (id: number, text: string) => ({
  update_id: id,
  message: { message_id: id, date: 0, chat: { id: 7, type: 'private', first_name: 'A' }, from: { id: 7, is_bot: false, first_name: 'A', language_code: 'vi' }, text },
});

async function post(body: unknown, token?: string) {
  const res = await app.inject({ method: 'POST', url: TELEGRAM_WEBHOOK_PATH, payload: body as object, headers: token ? { 'x-telegram-bot-api-secret-token': token } : {} });
  await inbox.drain();
  return res;
}

describe('Telegram webhook', () => {
  it('refuses a wrong or missing secret token with 401 and does nothing', async () => {
    expect((await post(update(1, 'hi'), 'wrong')).statusCode).toBe(401);
    expect((await post(update(2, 'hi'))).statusCode).toBe(401);
    expect(sent).toHaveLength(0);
  });

  it('answers a good update once, even when Telegram re-delivers it', async () => {
    expect((await post(update(10, 'đăng ký mức 2 ở đâu'), secret)).statusCode).toBe(200);
    expect((await post(update(10, 'đăng ký mức 2 ở đâu'), secret)).statusCode).toBe(200);
    const messages = sent.filter((s) => s.method === 'sendMessage');
    expect(messages).toHaveLength(1);
    expect(String(messages[0]!.payload.text)).toMatch(/Công an cấp xã/);
  });

  it('tries again when Telegram has a server error or the connection fails, and gives up on a refusal', async () => {
    let calls = 0;
    vi.spyOn(Telegram.prototype, 'callApi').mockImplementation(async (method: string, payload: unknown) => {
      calls++;
      if (calls === 1) throw new TelegramError({ error_code: 502, description: 'Bad Gateway' });
      if (calls === 2) throw Object.assign(new Error('socket hang up'), { name: 'FetchError' });
      if (calls === 4) throw new TelegramError({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      sent.push({ method, payload: payload as Record<string, unknown> });
      return true as never;
    });
    await post(update(20, 'co mat phi khong'), secret);
    expect(calls).toBe(3);
    expect(sent.filter((s) => s.method === 'sendMessage')).toHaveLength(1);
    await post(update(21, 'co mat phi khong'), secret);
    expect(calls).toBe(4); // blocked: not tried again
    expect(sent.filter((s) => s.method === 'sendMessage')).toHaveLength(1);
  });

  it('says 503 with Retry-After when it has as many updates in hand as it may, so Telegram delivers later', async () => {
    const small = new Inbox(LocalStore.memory(), silentLogger, 1);
    const busyApp = Fastify();
    registerTelegramWebhook(busyApp, channel, secret, small);
    vi.spyOn(Telegram.prototype, 'callApi').mockImplementation(() => new Promise(() => undefined)); // Telegram never answers
    const send = (id: number) => busyApp.inject({ method: 'POST', url: TELEGRAM_WEBHOOK_PATH, payload: update(id, 'co mat phi khong'), headers: { 'x-telegram-bot-api-secret-token': secret } });
    expect((await send(30)).statusCode).toBe(200);
    const refused = await send(31);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    await busyApp.close();
  });

  it('ignores unknown update kinds with 200', async () => {
    expect((await post({ update_id: 11, edited_message: {} }, secret)).statusCode).toBe(200);
    expect((await post({ hello: 'world' }, secret)).statusCode).toBe(200);
    expect(sent.filter((s) => s.method === 'sendMessage')).toHaveLength(0);
  });

  it('asks a sticker sender to type', async () => {
    const sticker = { update_id: 12, message: { message_id: 12, date: 0, chat: { id: 7, type: 'private' }, from: { id: 7, is_bot: false, first_name: 'A' }, sticker: { file_id: 'x' } } };
    await post(sticker, secret);
    expect(String(sent.find((s) => s.method === 'sendMessage')!.payload.text)).toMatch(/gõ câu hỏi/);
  });

  it('splits an answer longer than 4,096 characters', async () => {
    const reply = { intent: 'x', language: 'vi' as const, text: 'câu trả lời '.repeat(800), buttons: [{ label: 'A', payload: 'q:fee' }], source: '' };
    await (channel as unknown as { deliver(chat: number, r: typeof reply): Promise<void> }).deliver(7, reply);
    const messages = sent.filter((s) => s.method === 'sendMessage');
    expect(messages.length).toBe(3);
    for (const m of messages) expect(String(m.payload.text).length).toBeLessThanOrEqual(4096);
    expect(messages.at(-1)!.payload.reply_markup).toBeDefined();
    expect(messages[0]!.payload.reply_markup).toBeUndefined();
  });
});
