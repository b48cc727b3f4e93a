import { afterAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/console/accounts.js';
import { anonymous, consoleApp, signIn, type Signed } from '../helpers/console.js';

const { app } = await consoleApp();
afterAll(() => app.close());

/** Every route under /api/admin/ as the server registered it: a route added tomorrow is walked too. */
const routes = app.registeredRoutes.filter((r) => r.url.startsWith('/api/admin/') && r.method !== 'HEAD');
const sample = (url: string) => url.replace(':id', 'deadbeefdeadbeef').replace(':code', 'nothing').replace(':format', 'png').replace(':name', 'nobody');
const sessions = new Map<string, Signed>();
for (const role of ROLES) sessions.set(role, await signIn(app, role));

describe('the console API refuses strangers and wrong roles, on every route', () => {
  it('registers the pages, and walks at least the routes it knows of', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['GET /api/admin/overview', 'POST /api/admin/review/:id/assign', 'GET /api/admin/campaigns/:code/qr.:format', 'POST /api/admin/tasks/reopen', 'POST /api/admin/broadcasts', 'GET /api/admin/handoffs', 'GET /api/admin/handoffs/:id', 'POST /api/admin/handoffs/:id/claim', 'POST /api/admin/handoffs/:id/answer', 'POST /api/admin/handoffs/:id/close']));
  });

  it.each(routes.map((r) => [r.method, r.url] as const))('%s %s without a session: 401', async (method, url) => {
    const res = await app.inject({ method, url: sample(url), payload: method === 'GET' ? undefined : {} });
    expect(res.statusCode).toBe(401);
  });

  it.each(routes.map((r) => [r.method, r.url] as const))('%s %s with a forged or stale session cookie: 401', async (method, url) => {
    const stale = await anonymous(app);
    const res = await app.inject({ method, url: sample(url), headers: { cookie: stale.cookie, 'x-csrf-token': stale.csrf }, payload: method === 'GET' ? undefined : {} });
    expect(res.statusCode).toBe(401);
  });

  const wrong = routes.flatMap((r) => ROLES.filter((role) => !(r.roles ?? ['admin']).includes(role)).map((role) => [r.method, r.url, role] as const));
  it('has routes that some role may not call', () => expect(wrong.length).toBeGreaterThan(15));
  it.each(wrong)('%s %s as %s: 403', async (method, url, role) => {
    const s = sessions.get(role)!;
    const res = await app.inject({ method, url: sample(url), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: method === 'GET' ? undefined : {} });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatch(/role/);
  });

  it('lets every role read who it is', async () => {
    for (const role of ROLES) {
      const res = await app.inject({ method: 'GET', url: '/api/admin/me', headers: { cookie: sessions.get(role)!.cookie } });
      expect(res.json().account.role).toBe(role);
    }
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without its token, and takes it with the token', async () => {
    const s = sessions.get('admin')!;
    const without = await app.inject({ method: 'POST', url: '/api/admin/campaigns', headers: { cookie: s.cookie }, payload: { name: 'Không có mã' } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error).toMatch(/csrf/i);
    const forged = await app.inject({ method: 'POST', url: '/api/admin/campaigns', headers: { cookie: s.cookie, 'x-csrf-token': 'forged' }, payload: { name: 'Mã giả' } });
    expect(forged.statusCode).toBe(403);
    const withToken = await app.inject({ method: 'POST', url: '/api/admin/campaigns', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: { name: 'Có mã' } });
    expect(withToken.statusCode).toBe(200);
  });

  it('refuses a sign-in and a sign-out without the token', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { name: 'admin', password: 'admin-password-1' }, remoteAddress: '10.9.9.1' });
    expect(login.statusCode).toBe(403);
    const s = sessions.get('editor')!;
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(logout.statusCode).toBe(403);
  });
});
