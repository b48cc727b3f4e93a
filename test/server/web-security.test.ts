import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { securitySettingsFrom } from '../../src/server/security.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { OfficerRegistry } from '../../src/officers/registry.js';
import { testAssistant } from '../helpers/assistant.js';

const store = LocalStore.memory();
const assistant = testAssistant({ store });
const app = await buildApp({ assistant, store, channels: () => [], cookieSecret: 'test-secret-test-secret-test-secret', security: securitySettingsFrom({ RATE_LIMIT_PER_ADDRESS: '5', RATE_LIMIT_OVERALL: '1000' }) });
afterAll(() => app.close());

const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie'] ?? '').split(';')[0]!;

describe('the web chat visitor is issued by the server', () => {
  it('gives a signed, HttpOnly, SameSite cookie, and the same visitor keeps their conversation with it', async () => {
    const page = await app.inject({ method: 'GET', url: '/', remoteAddress: '10.0.0.1' });
    const setCookie = String(page.headers['set-cookie']);
    expect(setCookie).toMatch(/^vid=[^;]+\.[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Max-Age=\d+/);
    const cookie = cookieOf(page);
    await app.inject({ method: 'POST', url: '/api/chat', headers: { cookie }, payload: { text: 'đăng ký định danh mức 1 thế nào' }, remoteAddress: '10.0.0.1' });
    const next = await app.inject({ method: 'POST', url: '/api/chat', headers: { cookie }, payload: { text: 'còn mức 2 thì sao?' }, remoteAddress: '10.0.0.1' });
    expect(next.json().intent).toBe('vneid.level2.how');
  });

  it('ignores a user id the browser chooses, and a forged cookie', async () => {
    const forged = await app.inject({ method: 'POST', url: '/api/chat', headers: { cookie: 'vid=officer1.AAAA' }, payload: { userId: 'officer1', text: 'xin chào' }, remoteAddress: '10.0.0.2' });
    expect(forged.statusCode).toBe(200);
    expect(cookieOf(forged)).toMatch(/^vid=/);
    expect(cookieOf(forged)).not.toMatch(/officer1/);
  });

  it('refuses /officer in the web chat, and an officer known by a web id gets no officer answers there', async () => {
    const registry = new OfficerRegistry(store, () => new Date());
    const { code } = await registry.invite('Sở Y tế', 'Quảng Nam');
    const res = await app.inject({ method: 'POST', url: '/api/chat', payload: { text: `/officer ${code}` }, remoteAddress: '10.0.0.3' });
    expect(res.json().reply).toMatch(/Telegram|Zalo/);
    expect((await registry.list()).length).toBe(0);
    // a web officer registered by an earlier version is not honoured
    const page = await app.inject({ method: 'GET', url: '/', remoteAddress: '10.0.0.3' });
    const cookie = cookieOf(page);
    const user = app.unsignCookie(decodeURIComponent(cookie.slice('vid='.length))).value!;
    const { code: second } = await registry.invite('Sở Y tế', 'Quảng Nam');
    expect((await registry.redeem(`web:${user}`, second)).ok).toBe(true);
    const tasks = await app.inject({ method: 'POST', url: '/api/chat', headers: { cookie }, payload: { text: 'nhiem vu cua don vi toi' }, remoteAddress: '10.0.0.3' });
    expect(tasks.json().intent).not.toMatch(/^officer\./);
  });
});

describe('limits that a new id cannot dodge', () => {
  it('limits requests per address whatever cookie or id each request carries', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/chat', payload: { userId: `fresh${i}`, text: 'hi' }, remoteAddress: '10.0.9.9' });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 200)).toHaveLength(5);
    expect(codes.slice(5)).toEqual([429, 429, 429]);
    // another address is not held back
    expect((await app.inject({ method: 'POST', url: '/api/chat', payload: { text: 'hi' }, remoteAddress: '10.0.9.10' })).statusCode).toBe(200);
  });

  it('limits everyone together too', async () => {
    const small = await buildApp({ assistant, store, channels: () => [], security: securitySettingsFrom({ RATE_LIMIT_PER_ADDRESS: '100', RATE_LIMIT_OVERALL: '3' }) });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await small.inject({ method: 'POST', url: '/api/chat', payload: { text: 'hi' }, remoteAddress: `10.1.0.${i}` })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    await small.close();
  });
});

describe('headers', () => {
  it('sends a CSP without inline scripts, no framing by default, and nosniff', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).not.toMatch(/<script>/);
    expect(res.body).toMatch(/<script src="chat.js"/);
  });

  it('lets the configured portal frame the chat, and no one else', async () => {
    const framed = await buildApp({ assistant, store, channels: () => [], security: securitySettingsFrom({ EMBED_ORIGINS: 'https://congan.example.gov.vn' }) });
    const res = await framed.inject({ method: 'GET', url: '/' });
    expect(String(res.headers['content-security-policy'])).toMatch(/frame-ancestors https:\/\/congan\.example\.gov\.vn/);
    expect(res.headers['x-frame-options']).toBeUndefined();
    // the visitor cookie must travel in the portal's cross-site frame
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=None/);
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    await framed.close();
  });

  it('refuses an EMBED_ORIGINS value that is not an origin', () => {
    expect(() => securitySettingsFrom({ EMBED_ORIGINS: "https://ok.vn 'unsafe-inline'" })).toThrow(/EMBED_ORIGINS/);
  });
});

describe('slow requests', () => {
  it('cuts off a request whose body never finishes', { timeout: 30_000 }, async () => {
    const slow = await buildApp({ assistant, store, channels: () => [] });
    await slow.listen({ port: 0, host: '127.0.0.1' });
    const { port } = slow.server.address() as { port: number };
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"te');
      });
      socket.on('data', () => {});
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', () => {});
    });
    expect(closedAfter).toBeLessThan(25_000);
    expect(slow.server.maxConnections).toBeGreaterThan(0);
    await slow.close();
  });
});
