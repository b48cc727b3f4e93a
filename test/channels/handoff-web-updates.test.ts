import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { testAssistant } from '../helpers/assistant.js';

const store = LocalStore.memory();
const assistant = testAssistant({ store, now: () => new Date('2026-11-23T02:00:00Z') });
const app = await buildApp({ assistant, store, channels: () => [] });
afterAll(() => app.close());

async function visitor(): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/' });
  return String([res.headers['set-cookie']].flat()[0]).split(';')[0]!;
}
const poll = (cookie: string) => app.inject({ method: 'GET', url: '/api/chat/updates', headers: { cookie } });

describe("the web chat's updates (what staff sent)", () => {
  it('are tied to the signed visitor cookie: what one visitor asked for a person is not given to another', async () => {
    const a = await visitor();
    const b = await visitor();
    await app.inject({ method: 'POST', url: '/api/chat', headers: { cookie: a }, payload: { button: 'ho:ask' } });
    expect((await poll(a)).json()).toMatchObject({ open: true, state: 'waiting', messages: [] });
    expect((await poll(b)).json()).toMatchObject({ open: false, messages: [] });
    expect((await poll('vid=forged.value')).json()).toMatchObject({ open: false });
  });

  it('are limited per visitor (60 a minute; the page asks 30), not per address: others behind the same NAT go on', async () => {
    const busy = await visitor();
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) codes.push((await poll(busy)).statusCode);
    expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
    expect(codes[60]).toBe(429);
    expect((await poll(await visitor())).statusCode).toBe(200);
  });
});
