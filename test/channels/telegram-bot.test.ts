import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { splitText } from '../../src/channels/split-text.js';
import type { Logger } from '../../src/core/logger.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { testAssistant } from '../helpers/assistant.js';
import { freePort } from '../../src/util/free-port.js';

const token = '123456:TEST-token';
const warnings: string[] = [];
const log: Logger = { debug: () => {}, info: () => {}, warn: (_o, msg) => void warnings.push(msg ?? ''), error: () => {} };
let port = 0;
let server: TelegramServer;
const store = LocalStore.memory();
let channel: TelegramChannel;

type BotMessage = { text: string; reply_markup?: { inline_keyboard?: { text: string; callback_data: string }[][] } | string };

async function botReplies(client: ReturnType<typeof server.getClient>, count = 1): Promise<BotMessage[]> {
  const seen: BotMessage[] = [];
  for (let i = 0; i < 60 && seen.length < count; i++) {
    const updates = await client.getUpdates();
    seen.push(...(updates.result as { message: BotMessage }[]).map((u) => u.message));
    if (seen.length < count) await new Promise((r) => setTimeout(r, 100));
  }
  return seen;
}

function keyboard(m: BotMessage): { text: string; callback_data: string }[] {
  const markup = typeof m.reply_markup === 'string' ? JSON.parse(m.reply_markup) : m.reply_markup;
  return (markup?.inline_keyboard ?? []).flat();
}

beforeAll(async () => {
  port = await freePort();
  server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 60 });
  await server.start();
  channel = new TelegramChannel({ token, apiRoot: `http://127.0.0.1:${port}` }, testAssistant({ store }), store, log);
  await channel.start();
});

afterAll(async () => {
  channel.stop();
  await server.stop();
});

describe('Telegram bot against the telegram-test-api emulator (long polling)', () => {
  it('starts even though the emulator does not know setMyCommands, and says so in a warning', () => {
    expect(warnings.some((w) => /command menu/.test(w))).toBe(true);
  });

  it('greets a /start with a deep-link payload and offers buttons', async () => {
    const client = server.getClient(token, { userId: 501, chatId: 501 });
    await client.sendCommand(client.makeCommand('/start poster_quangnam_01'));
    const [reply] = await botReplies(client);
    expect(reply!.text).toMatch(/Xin chào/);
    expect(keyboard(reply!).length).toBeGreaterThanOrEqual(2);
  });

  it('answers a question, then a pressed button like the question it stands for', async () => {
    const client = server.getClient(token, { userId: 502, chatId: 502 });
    await client.sendMessage(client.makeMessage('dk muc 2 o dau'));
    const [answer] = await botReplies(client);
    expect(answer!.text).toMatch(/Công an cấp xã/);
    const fee = keyboard(answer!).find((b) => b.callback_data === 'q:fee');
    expect(fee).toBeDefined();
    for (const b of keyboard(answer!)) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    await client.sendCallback(client.makeCallbackQuery(fee!.callback_data));
    const [feeAnswer] = await botReplies(client);
    expect(feeAnswer!.text).toMatch(/miễn phí/);
  });

  it('answers a 10,000-character message without failing', async () => {
    const client = server.getClient(token, { userId: 503, chatId: 503 });
    await client.sendMessage(client.makeMessage(`lam vneid ton tien ko ${'x'.repeat(10_000)}`));
    const [reply] = await botReplies(client);
    expect(reply!.text).toMatch(/quá dài/);
    expect(reply!.text.length).toBeLessThanOrEqual(4096);
  });

});

describe('splitting long answers', () => {
  it('keeps every part within the limit and loses no text', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Dòng số ${i} của một câu trả lời rất dài.`).join('\n');
    const parts = splitText(text, 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join('\n').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });
});
