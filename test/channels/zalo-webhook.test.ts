import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Inbox } from '../../src/channels/inbox.js';
import { zaloSignature } from '../../src/channels/zalo/signature.js';
import { ZaloOaClient } from '../../src/channels/zalo/zalo-oa-client.js';
import { registerZaloOaWebhook, ZALO_WEBHOOK_PATH } from '../../src/channels/zalo/zalo-oa-webhook.js';
import { ZaloTokens } from '../../src/channels/zalo/zalo-token.js';
import { silentLogger } from '../../src/core/logger.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { testAssistant } from '../helpers/assistant.js';

const APP_ID = '4100000000000000001';
const OA_SECRET = 'oa-secret-key-for-tests';

/** A stand-in for openapi.zalo.me and oauth.zaloapp.com that records what we send and answers like Zalo. */
const stub = Fastify();
const received: { url: string; headers: Record<string, unknown>; body: unknown }[] = [];
let messageAnswer: Record<string, unknown> = { error: 0, message: 'Success' };
/** answers given before messageAnswer, one per call (to play a busy Zalo) */
const firstAnswers: Record<string, unknown>[] = [];
let refreshes = 0;
stub.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
stub.post('/v3.0/oa/message/cs', async (req) => {
  received.push({ url: req.url, headers: req.headers, body: req.body });
  const answer = req.headers.access_token === 'expired-token' ? { error: -216, message: 'Access token is invalid' } : (firstAnswers.shift() ?? messageAnswer);
  return answer;
});
stub.post('/v4/oa/access_token', async (req) => {
  refreshes++;
  const form = req.body as Record<string, string>;
  expect(req.headers.secret_key).toBe('app-secret');
  expect(form).toMatchObject({ app_id: APP_ID, grant_type: 'refresh_token' });
  return { access_token: `fresh-token-${refreshes}`, refresh_token: `refresh-${refreshes}`, expires_in: '90000' };
});

let app: FastifyInstance;
let store: LocalStore;
let inbox: Inbox;

beforeAll(async () => {
  await stub.listen({ port: 0, host: '127.0.0.1' });
  const address = stub.server.address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  store = LocalStore.memory();
  inbox = new Inbox(store, silentLogger);
  const tokens = new ZaloTokens(store, { appId: APP_ID, appSecret: 'app-secret', oauthBase: base, initial: { access: 'expired-token', refresh: 'refresh-0' } }, silentLogger);
  const client = new ZaloOaClient(base, tokens, silentLogger);
  app = Fastify();
  registerZaloOaWebhook(app, { assistant: testAssistant({ store }), store, client, oaSecretKey: OA_SECRET, appId: APP_ID, log: silentLogger, inbox, clock: () => new Date(1767225600000 + 60_000) });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await stub.close();
});
beforeEach(() => {
  received.length = 0;
  messageAnswer = { error: 0, message: 'Success' };
});

function event(text: string, msgId: string, extra: Record<string, unknown> = {}) {
  return { app_id: APP_ID, user_id_by_app: '5200000000000000002', event_name: 'user_send_text', timestamp: '1767225600000', sender: { id: '7300000000000000003' }, recipient: { id: '1900000000000000004' }, message: { msg_id: msgId, text }, ...extra };
}

async function post(body: unknown, options: { signature?: string; raw?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const b = body as { app_id: string; timestamp: string };
  const signature = options.signature ?? `mac=${zaloSignature(b.app_id, raw, b.timestamp, OA_SECRET)}`;
  const res = await app.inject({ method: 'POST', url: ZALO_WEBHOOK_PATH, payload: raw, headers: { 'content-type': 'application/json', 'x-zevent-signature': signature } });
  await inbox.drain();
  return res;
}

describe('Zalo OA webhook', () => {
  it('answers a signed text event through the OA message API, refreshing an expired token once', async () => {
    const res = await post(event('đăng ký mức 2 ở đâu', 'msg-1'));
    expect(res.statusCode).toBe(200);
    const sentMessages = received.filter((r) => (r.body as { message?: unknown }).message);
    expect(sentMessages.length).toBe(2); // the refused one with the expired token, then the retry
    const last = sentMessages.at(-1)!;
    expect(last.headers.access_token).toBe('fresh-token-1');
    expect(last.headers.authorization).toBeUndefined();
    const body = last.body as { recipient: { user_id: string }; message: { text: string; attachment: { payload: { buttons: { type: string; payload: string }[] } } } };
    expect(body.recipient.user_id).toBe('7300000000000000003');
    expect(body.message.text).toMatch(/Công an cấp xã/);
    expect(body.message.text.length).toBeLessThanOrEqual(2000);
    expect(body.message.attachment.payload.buttons[0]!.type).toBe('oa.query.hide');
    expect(refreshes).toBe(1);
    // the new pair was stored: a restart would not lose it
    expect(await store.get('channel', 'zalo-oa-token')).toMatchObject({ access: 'fresh-token-1', refresh: 'refresh-1' });
  });

  it('treats a pressed button (its payload comes back as text) like the question it stands for', async () => {
    await post(event('q:fee', 'msg-2'));
    expect((received.at(-1)!.body as { message: { text: string } }).message.text).toMatch(/miễn phí/);
  });

  it('refuses a signed event that is over five minutes old, or for another app', async () => {
    const stale = event('hi', 'msg-stale', { timestamp: String(1767225600000 - 5 * 60_000 - 1) });
    expect((await post(stale)).statusCode).toBe(401);
    const otherApp = event('hi', 'msg-other', { app_id: '9999' });
    expect((await post(otherApp)).statusCode).toBe(403);
    await inbox.sweep();
    expect(received).toHaveLength(0);
  });

  it('refuses a wrong signature with 401 and sends nothing', async () => {
    const res = await post(event('hi', 'msg-3'), { signature: 'mac=0000' });
    expect(res.statusCode).toBe(401);
    const tampered = JSON.stringify(event('hi', 'msg-4')).replace('hi', 'ho');
    expect((await post(event('hi', 'msg-4'), { raw: tampered, signature: `mac=${zaloSignature(APP_ID, JSON.stringify(event('hi', 'msg-4')), '1767225600000', OA_SECRET)}` })).statusCode).toBe(401);
    expect(received).toHaveLength(0);
  });

  it('answers a replayed event once', async () => {
    await post(event('lam vneid ton tien ko', 'msg-5'));
    await post(event('lam vneid ton tien ko', 'msg-5'));
    expect(received).toHaveLength(1);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await app.inject({ method: 'POST', url: ZALO_WEBHOOK_PATH, payload: '{"app_id": ', headers: { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' } });
    expect(res.statusCode).toBe(400);
  });

  it("ignores the OA's own echoes and other events with 200", async () => {
    const echo = { ...event('xin chào', 'msg-6'), event_name: 'oa_send_text' };
    expect((await post(echo)).statusCode).toBe(200);
    expect((await post({ app_id: APP_ID, event_name: 'user_seen_message', timestamp: '1' })).statusCode).toBe(200);
    expect(received).toHaveLength(0);
  });

  it('greets a new follower', async () => {
    await post({ app_id: APP_ID, event_name: 'follow', timestamp: '1767225600001', oa_id: '1900000000000000004', follower: { id: '7300000000000000009' } });
    expect((received.at(-1)!.body as { message: { text: string } }).message.text).toMatch(/Xin chào/);
  });

  it('sends again when Zalo says it is busy (rate limit -32), and once only', async () => {
    firstAnswers.push({ error: -32, message: 'Request limit exceeded' });
    await post(event('kich hoat tai khoan the nao', 'msg-8'));
    expect(received).toHaveLength(2);
    expect((received[1]!.body as { message: { text: string } }).message.text).toMatch(/kích hoạt|Kích hoạt/);
  });

  it('does not crash when Zalo refuses a reply with HTTP 200 and an error code', async () => {
    messageAnswer = { error: -230, message: 'User has not interacted in 7 days' };
    const res = await post(event('dang ky muc 1', 'msg-7'));
    expect(res.statusCode).toBe(200);
    expect(received).toHaveLength(1); // not retried
  });
});
