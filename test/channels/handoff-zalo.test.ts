import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { Inbox } from '../../src/channels/inbox.js';
import { zaloSignature } from '../../src/channels/zalo/signature.js';
import { ZaloOaClient } from '../../src/channels/zalo/zalo-oa-client.js';
import { registerZaloOaWebhook, ZALO_WEBHOOK_PATH } from '../../src/channels/zalo/zalo-oa-webhook.js';
import { ZaloTokens } from '../../src/channels/zalo/zalo-token.js';
import { silentLogger } from '../../src/core/logger.js';
import { consoleApp, signIn } from '../helpers/console.js';

const APP_ID = '4100000000000000001';
const OA_SECRET = 'oa-secret-key-for-tests';
const USER = '7300000000000000003';

/** A stand-in for openapi.zalo.me: records what the OA sends. */
const stub = Fastify();
const sent: { recipient: { user_id: string }; message: { text: string; attachment?: { payload: { buttons: { payload: string; title: string }[] } } } }[] = [];
stub.post('/v3.0/oa/message/cs', async (req) => {
  sent.push(req.body as (typeof sent)[number]);
  return { error: 0, message: 'Success' };
});
await stub.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(stub.server.address() as { port: number }).port}`;

// Monday 23 November 2026, 09:00 in Vietnam; the clock moves in the window test
let now = new Date('2026-11-23T02:00:00Z');
const env = { ZALO_APP_ID: APP_ID, ZALO_APP_SECRET: 'app-secret', ZALO_ACCESS_TOKEN: 'token-1', ZALO_REFRESH_TOKEN: 'refresh-1', ZALO_API_BASE: base, ZALO_OAUTH_BASE: base };
const { app, assistant, store } = await consoleApp({ now: () => now, env });
const inbox = new Inbox(store, silentLogger);
const client = new ZaloOaClient(base, new ZaloTokens(store, { appId: APP_ID, appSecret: 'app-secret', oauthBase: base, initial: { access: 'token-1', refresh: 'refresh-1' } }, silentLogger), silentLogger);
registerZaloOaWebhook(app, { assistant, store, client, oaSecretKey: OA_SECRET, appId: APP_ID, log: silentLogger, inbox, clock: () => now });
afterAll(async () => {
  await app.close();
  await stub.close();
});
const admin = await signIn(app, 'admin');
const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };

let msg = 0;
async function citizenSays(text: string) {
  const timestamp = String(now.getTime());
  const raw = JSON.stringify({ app_id: APP_ID, event_name: 'user_send_text', timestamp, sender: { id: USER }, recipient: { id: '1900000000000000004' }, message: { msg_id: `m${++msg}`, text } });
  const res = await app.inject({ method: 'POST', url: ZALO_WEBHOOK_PATH, payload: raw, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${zaloSignature(APP_ID, raw, timestamp, OA_SECRET)}` } });
  expect(res.statusCode).toBe(200);
  await inbox.drain();
}
const staff = async (method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url: `/api/admin/handoffs${url}`, headers, ...(payload ? { payload } : {}) });

describe('Ask a person on Zalo OA (stub of the OA API)', () => {
  it('a request reaches the queue, the answer reaches the citizen by the OA message API, quiet meanwhile, back after closing', async () => {
    await citizenSays('cho tôi gặp cán bộ');
    const offer = sent.at(-1)!;
    expect(offer.message.attachment!.payload.buttons[0]).toMatchObject({ title: 'Gửi câu hỏi cho cán bộ', payload: 'ho:ask' });
    await citizenSays('ho:ask'); // a pressed oa.query.hide button comes back as its payload
    expect(sent.at(-1)!.message.text).toMatch(/Đã gửi câu hỏi của bạn cho cán bộ/);
    const [item] = (await staff('GET', '')).json().items;
    expect(item.channel).toBe('zalo');
    expect((await staff('POST', `/${item.id}/claim`)).statusCode).toBe(200);
    await citizenSays('tôi không đi lại được');
    expect(sent.at(-1)!.message.text).toBe('Cán bộ đang xem câu hỏi của bạn.');
    const before = sent.length;
    await citizenSays('dk muc 2 o dau');
    expect(sent.length).toBe(before); // quiet

    const started = performance.now();
    const answer = (await staff('POST', `/${item.id}/answer`, { text: 'Tổ lưu động sẽ đến nhà bạn.' })).json();
    console.log(`answer to citizen, Zalo OA stub: ${(performance.now() - started).toFixed(0)} ms`);
    expect(answer.delivery.state).toBe('sent');
    expect(sent.at(-1)).toMatchObject({ recipient: { user_id: USER }, message: { text: 'Cán bộ trả lời:\nTổ lưu động sẽ đến nhà bạn.' } });
    expect(sent.length).toBe(before + 1);
    await staff('POST', `/${item.id}/close`, { outcome: 'answered' });
    expect(sent.at(-1)!.message.text).toMatch(/kết thúc cuộc trò chuyện/);
    await citizenSays('dk muc 2 o dau');
    expect(sent.at(-1)!.message.text).toMatch(/Công an cấp xã/);
  });

  it("outside Zalo's 48-hour consultation window the agent is told why, and the answer goes with the citizen's next message, once", async () => {
    await citizenSays('ho:ask');
    const [item] = (await staff('GET', '')).json().items;
    await staff('POST', `/${item.id}/claim`);
    now = new Date(now.getTime() + 49 * 3_600_000);
    const before = sent.length;
    const answer = (await staff('POST', `/${item.id}/answer`, { text: 'Trả lời muộn.' })).json();
    expect(answer.delivery).toMatchObject({ state: 'waiting', why: 'zalo_window' });
    expect(sent.length).toBe(before);
    await citizenSays('còn ai không?');
    expect(sent.at(-1)!.message.text).toMatch(/^Cán bộ trả lời:\nTrả lời muộn\./);
    const read = (await staff('GET', `/${item.id}`)).json();
    expect(read.turns.find((t: { kind?: string }) => t.kind === 'answer').delivery.state).toBe('sent');
    await citizenSays('alo');
    expect(sent.filter((s) => s.message.text.includes('Trả lời muộn.'))).toHaveLength(1);
  });
});
