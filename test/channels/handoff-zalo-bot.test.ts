import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { ZaloBotChannel } from '../../src/channels/zalo/zalo-bot-channel.js';
import { silentLogger } from '../../src/core/logger.js';
import { consoleApp, signIn } from '../helpers/console.js';

/** A stand-in for bot-api.zaloplatforms.com: records sendMessage. */
const stub = Fastify();
const sent: { chat_id: string; text: string }[] = [];
stub.post('/:bot/sendMessage', async (req) => {
  sent.push(req.body as { chat_id: string; text: string });
  return { ok: true, result: { message_id: 'm' } };
});
await stub.listen({ port: 0, host: '127.0.0.1' });
const apiBase = `http://127.0.0.1:${(stub.server.address() as { port: number }).port}`;
const { app, assistant, store } = await consoleApp({ now: () => new Date('2026-11-23T02:00:00Z'), env: { ZALO_BOT_TOKEN: '111:abc', ZALO_BOT_API_BASE: apiBase } });
const bot = new ZaloBotChannel({ token: '111:abc', apiBase }, assistant, store, silentLogger);
afterAll(async () => {
  await app.close();
  await stub.close();
});
let n = 0;
const say = (text: string) => bot.handleUpdate({ event_name: 'message.text.received', message: { message_id: `b${++n}`, date: 1, text, chat: { id: 'u9', chat_type: 'PRIVATE' }, from: { id: 'u9', display_name: 'B', is_bot: false } } });

describe('Ask a person on the Zalo Bot (no buttons: typed)', () => {
  it('«gửi cán bộ» after the offer files the request; the answer comes by sendMessage; «huy» is not needed after closing', async () => {
    await say('gặp cán bộ');
    expect(sent.at(-1)!.text).toMatch(/gõ «gửi cán bộ»/);
    await say('gửi cán bộ');
    expect(sent.at(-1)!.text).toMatch(/Đã gửi câu hỏi của bạn cho cán bộ/);
    const admin = await signIn(app, 'admin');
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const [item] = (await app.inject({ method: 'GET', url: '/api/admin/handoffs', headers })).json().items;
    expect(item.channel).toBe('zalo-bot');
    await app.inject({ method: 'POST', url: `/api/admin/handoffs/${item.id}/claim`, headers });
    const res = (await app.inject({ method: 'POST', url: `/api/admin/handoffs/${item.id}/answer`, headers, payload: { text: 'Bạn mang thẻ căn cước đến Công an xã.' } })).json();
    expect(res.delivery.state).toBe('sent');
    expect(sent.at(-1)).toEqual({ chat_id: 'u9', text: 'Cán bộ trả lời:\nBạn mang thẻ căn cước đến Công an xã.' });
    await app.inject({ method: 'POST', url: `/api/admin/handoffs/${item.id}/close`, headers, payload: { outcome: 'answered' } });
    expect(sent.at(-1)!.text).toMatch(/kết thúc cuộc trò chuyện/);
    await say('dk muc 2 o dau');
    expect(sent.at(-1)!.text).toMatch(/Công an cấp xã/);
  });
});
