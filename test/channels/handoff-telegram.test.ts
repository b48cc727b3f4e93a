import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { silentLogger } from '../../src/core/logger.js';
import { freePort } from '../../src/util/free-port.js';
import { consoleApp, signIn } from '../helpers/console.js';

const token = '123456:TEST-token';
const port = await freePort();
const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 60 });
// Monday 23 November 2026, 09:00 in Vietnam: office hours
const { app, parts, assistant, store } = await consoleApp({ now: () => new Date('2026-11-23T02:00:00Z'), env: { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` } });
let channel: TelegramChannel;

type BotMessage = { text: string; chat_id: number | string; reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] } | string };
const CHAT = 777;
let seen = 0;
/**
 * The bot's messages to the chat since the last look, read from the emulator's store (its client's
 * getUpdates keeps polling after its own timeout and would swallow later messages).
 */
async function botReplies(count = 1, waitMs = 3000): Promise<BotMessage[]> {
  const started = Date.now();
  for (;;) {
    const mine = (server.storage.botMessages as { message: BotMessage }[]).map((m) => m.message).filter((m) => Number(m.chat_id) === CHAT);
    if (mine.length >= seen + count || Date.now() - started > waitMs) {
      const fresh = mine.slice(seen);
      seen = mine.length;
      return fresh;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}
const keyboard = (m: BotMessage) => ((typeof m.reply_markup === 'string' ? JSON.parse(m.reply_markup) : m.reply_markup)?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];

beforeAll(async () => {
  await server.start();
  channel = new TelegramChannel({ token, apiRoot: `http://127.0.0.1:${port}` }, assistant, store, silentLogger);
  await channel.start();
});
afterAll(async () => {
  channel.stop();
  await server.stop();
  await app.close();
});

describe('Ask a person on Telegram (telegram-test-api emulator)', () => {
  it('a request reaches the queue, the agent claims and answers, the answer reaches the chat; quiet meanwhile, back after closing', async () => {
    const client = server.getClient(token, { userId: CHAT, chatId: CHAT });
    await client.sendMessage(client.makeMessage('tôi muốn nói chuyện với người thật'));
    const [offer] = await botReplies();
    const ask = keyboard(offer!).find((b) => b.callback_data === 'ho:ask');
    expect(ask?.text).toBe('Gửi câu hỏi cho cán bộ');
    await client.sendCallback(client.makeCallbackQuery('ho:ask'));
    expect((await botReplies())[0]!.text).toMatch(/Đã gửi câu hỏi của bạn cho cán bộ \(toàn tỉnh\)/);

    const admin = await signIn(app, 'admin');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const [item] = (await app.inject({ method: 'GET', url: '/api/admin/handoffs', headers })).json().items;
    expect(item).toMatchObject({ channel: 'telegram', locality: 'toàn tỉnh', state: 'waiting' });
    expect((await app.inject({ method: 'POST', url: `/api/admin/handoffs/${item.id}/claim`, headers })).statusCode).toBe(200);

    await client.sendMessage(client.makeMessage('tôi ở xa, không đi lại được'));
    expect((await botReplies())[0]!.text).toBe('Cán bộ đang xem câu hỏi của bạn.');
    await client.sendMessage(client.makeMessage('dk muc 2 o dau'));
    expect(await botReplies(1, 1500)).toEqual([]); // quiet: no answer of the assistant

    const started = performance.now();
    const res = await app.inject({ method: 'POST', url: `/api/admin/handoffs/${item.id}/answer`, headers, payload: { text: 'Công an xã có tổ lưu động đến tận nhà, bạn gọi số trực ban của xã.' } });
    expect(res.json().delivery.state).toBe('sent');
    const [answer] = await botReplies();
    const ms = performance.now() - started;
    console.log(`answer to citizen, Telegram emulator: ${ms.toFixed(0)} ms`);
    expect(answer!.text).toBe('Cán bộ trả lời:\nCông an xã có tổ lưu động đến tận nhà, bạn gọi số trực ban của xã.');

    const read = (await app.inject({ method: 'GET', url: `/api/admin/handoffs/${item.id}`, headers })).json();
    expect(read.turns.map((t: { text: string }) => t.text)).toEqual(expect.arrayContaining(['tôi ở xa, không đi lại được', 'dk muc 2 o dau']));
    expect(read.turns.find((t: { kind?: string }) => t.kind === 'answer').delivery.state).toBe('sent');

    const closed = await app.inject({ method: 'POST', url: `/api/admin/handoffs/${item.id}/close`, headers, payload: { outcome: 'answered' } });
    expect(closed.json()).toMatchObject({ closed: true, delivery: { state: 'sent' } });
    expect((await botReplies())[0]!.text).toMatch(/kết thúc cuộc trò chuyện/);
    await client.sendMessage(client.makeMessage('dk muc 2 o dau'));
    expect((await botReplies())[0]!.text).toMatch(/Công an cấp xã/);
    // sent once: nothing more arrives
    expect(await botReplies(1, 800)).toEqual([]);
    expect(parts.handoff.book).toBeDefined();
  });
});
