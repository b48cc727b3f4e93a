import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { testAssistant } from '../helpers/assistant.js';

const store = LocalStore.memory();
const app = await buildApp({ assistant: testAssistant({ store }), store, channels: () => [{ name: 'web', on: true, why: 'test' }] });
afterAll(() => app.close());

const chat = (payload: unknown) => app.inject({ method: 'POST', url: '/api/chat', payload: payload as object });

describe('web chat over HTTP', () => {
  it('serves the chat page', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<form id="form"');
  });

  it('answers a question with text, buttons and source', async () => {
    const res = await chat({ userId: 'browser1', text: 'dang ky muc 2 o dau' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.intent).toBe('vneid.level2.how');
    expect(body.reply).toMatch(/Công an cấp xã/);
    expect(body.source).toMatch(/^Nguồn:/);
    expect(body.buttons.length).toBeGreaterThanOrEqual(2);
  });

  it('handles a pressed button', async () => {
    const res = await chat({ userId: 'browser1', button: 'q:fee' });
    expect(res.json().intent).toBe('fee');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/chat', headers: { 'content-type': 'application/json' }, payload: '{"userId": ' });
    expect(res.statusCode).toBe(400);
  });

  it('refuses an unknown field with 400 and says why', async () => {
    const res = await chat({ text: 'hi', admin: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/invalid request/);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const res = await chat({ userId: 'b', text: 'a'.repeat(1024 * 1024 + 10) });
    expect(res.statusCode).toBe(413);
  });

  it('says only ok or degraded per part at /healthz, nothing of the configuration', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', store: 'ok', channels: { web: 'ok' } });
  });
});
