import { afterAll, describe, expect, it } from 'vitest';
import { anonymous, consoleApp, login, PASSWORDS, signIn } from '../helpers/console.js';

const { app, parts, store } = await consoleApp({ env: { LOGIN_ATTEMPTS_PER_ACCOUNT: '5', LOGIN_ATTEMPTS_PER_ADDRESS: '8' } });
afterAll(() => app.close());

describe('passwords and sessions', () => {
  it('keeps only an Argon2id hash of a password, never the password', async () => {
    const kept = JSON.stringify(await store.get('account', 'a:admin'));
    expect(kept).toMatch(/\$argon2id\$v=19\$/);
    expect(kept).not.toContain(PASSWORDS.admin);
    expect(JSON.stringify(await parts.accounts.get('admin'))).not.toMatch(/argon2|password/i);
    expect(await parts.accounts.signIn('admin', 'admin-password-2')).toBeUndefined();
    expect((await parts.accounts.signIn('ADMIN', PASSWORDS.admin))?.name).toBe('admin');
  });

  it('issues an HttpOnly, SameSite=Strict session cookie with an expiry, renewed at sign-in, and ends it at logout', async () => {
    const { res, signed } = await login(app, 'editor', PASSWORDS.editor, '10.1.1.1');
    // a new session id at sign-in: an id known before it (planted by someone else) is worth nothing after
    const planted = await anonymous(app, '10.1.1.2');
    const fixed = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.1.1.2', headers: { cookie: planted.cookie, 'x-csrf-token': planted.csrf }, payload: { name: 'editor', password: PASSWORDS.editor } });
    expect(fixed.statusCode).toBe(200);
    expect(String(fixed.headers['set-cookie']).split(';')[0]).not.toBe(planted.cookie);
    expect((await app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie: planted.cookie } })).statusCode).toBe(401);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/console_sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Expires=/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie: signed!.cookie } });
    expect(me.statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: signed!.cookie, 'x-csrf-token': signed!.csrf } });
    expect(out.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie: signed!.cookie } })).statusCode).toBe(401);
  });

  it('marks the cookie Secure when COOKIE_SECURE=true', async () => {
    // behind a TLS-terminating proxy (TRUST_PROXY): the request came over https
    const secure = await consoleApp({ env: { COOKIE_SECURE: 'true' }, trustProxy: true });
    const res = await secure.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { 'x-forwarded-proto': 'https' } });
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
    await secure.app.close();
  });

  it('ends the sessions of a disabled account at their next request', async () => {
    const s = await signIn(app, 'officer');
    expect((await app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    await parts.accounts.setDisabled('officer', true);
    expect((await app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    expect((await login(app, 'officer', PASSWORDS.officer, '10.4.0.1')).res.statusCode).toBe(401);
    await parts.accounts.setDisabled('officer', false);
  });
});

describe('sign-in limits', () => {
  it('refuses the 6th attempt on an account even with the right password, from any address', async () => {
    await parts.accounts.add('target', 'editor', 'target-password-1');
    for (let i = 0; i < 5; i++) expect((await login(app, 'target', `wrong-${i}-password`, `10.2.0.${i}`)).res.statusCode).toBe(401);
    const right = await login(app, 'Target', 'target-password-1', '10.2.0.99');
    expect(right.res.statusCode).toBe(429);
    expect(right.signed).toBeUndefined();
  });

  it('refuses an address that tries many accounts', async () => {
    const codes = [];
    for (let i = 0; i < 9; i++) codes.push((await login(app, `someone${i}`, 'wrong-password-x', '10.3.0.1')).res.statusCode);
    expect(codes.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(codes[8]).toBe(429);
    // the right password from that address is refused too; another address is not held back
    expect((await login(app, 'admin', PASSWORDS.admin, '10.3.0.1')).res.statusCode).toBe(429);
    expect((await login(app, 'admin', PASSWORDS.admin, '10.3.0.2')).res.statusCode).toBe(200);
  });
});

describe('tokens', () => {
  it('limits the tokens (and the sessions they start) one address may ask for', async () => {
    const codes = [];
    for (let i = 0; i < 81; i++) codes.push((await app.inject({ method: 'GET', url: '/api/auth/csrf', remoteAddress: '10.6.0.1' })).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(80);
    expect(codes[80]).toBe(429);
  });
});

describe('audit log', () => {
  it('records sign-ins, failures and every administrative action, with who and what but no secret', async () => {
    const s = await signIn(app, 'admin');
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf };
    const campaign = (await app.inject({ method: 'POST', url: '/api/admin/campaigns', headers, payload: { name: 'Tờ rơi chợ Hàn' } })).json();
    const invite = (await app.inject({ method: 'POST', url: '/api/admin/officers/invite', headers, payload: { unit: 'Sở Y tế', locality: 'Đà Nẵng' } })).json();
    await app.inject({ method: 'POST', url: '/api/admin/accounts', headers, payload: { name: 'new.editor', role: 'editor', password: 'new-editor-password' } });
    await app.inject({ method: 'POST', url: '/api/admin/accounts/new.editor/disabled', headers, payload: { disabled: true } });
    const entries = (await app.inject({ method: 'GET', url: '/api/admin/audit', headers })).json().entries as { by: string; action: string; target?: string }[];
    const actions = entries.map((e) => `${e.by} ${e.action} ${e.target ?? ''}`.trim());
    expect(actions).toEqual(expect.arrayContaining([`admin campaign.create ${campaign.code}`, 'admin officer.invite Sở Y tế, Đà Nẵng', 'admin account.add new.editor', 'admin account.disable new.editor', 'admin login', 'target login.failed']));
    const all = JSON.stringify(entries);
    expect(all).not.toContain(invite.code);
    expect(all).not.toContain('new-editor-password');
    expect(all).not.toContain('wrong-0-password');
  });
});

describe('an officer invited by code', () => {
  it('makes a console account of their unit with the code, once; a bad form does not spend the code', async () => {
    const { code } = await parts.officers.invite('Sở Y tế', 'Đà Nẵng');
    const signup = async (payload: Record<string, string>, withToken = true) => {
      const a = await anonymous(app, '10.5.0.1');
      return app.inject({ method: 'POST', url: '/api/auth/invite', remoteAddress: '10.5.0.1', headers: { cookie: a.cookie, ...(withToken ? { 'x-csrf-token': a.csrf } : {}) }, payload });
    };
    expect((await signup({ code, name: 'lan.yte', password: 'lan-password-1' }, false)).statusCode).toBe(403);
    expect((await signup({ code, name: 'lan.yte', password: 'short' })).statusCode).toBe(400);
    const made = await signup({ code, name: 'Lan.YTe', password: 'lan-password-1' });
    expect(made.statusCode).toBe(200);
    expect(made.json().account).toMatchObject({ name: 'lan.yte', role: 'officer', unit: 'Sở Y tế', locality: 'Đà Nẵng' });
    expect((await signup({ code, name: 'lan.two', password: 'lan-password-1' })).statusCode).toBe(400);
    expect((await login(app, 'lan.yte', 'lan-password-1', '10.5.0.2')).res.statusCode).toBe(200);
    expect((await parts.audit.recent(10)).map((e) => `${e.by} ${e.action}`)).toContain('lan.yte account.invite');
  });
});

describe('framing', () => {
  it('never lets a page frame the console, even where a portal may frame the chat', async () => {
    const { app: portal } = await consoleApp({ env: { EMBED_ORIGINS: 'https://congan.example.gov.vn' } });
    const chat = await portal.inject({ method: 'GET', url: '/' });
    expect(String(chat.headers['content-security-policy'])).toMatch(/frame-ancestors https:\/\/congan/);
    for (const url of ['/admin/', '/api/auth/csrf', '/api/admin/me']) {
      const res = await portal.inject({ method: 'GET', url });
      expect(String(res.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    await portal.close();
  });
});
