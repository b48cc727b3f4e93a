import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/core/build.js';
import { createConsole } from '../../src/console/console-parts.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { cli } from '../helpers/cli.js';
import { consoleApp, signIn } from '../helpers/console.js';

const NOW = '2026-11-22T09:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'vneid-console-'));
const DATA_DIR = join(dir, 'data');
// a real SQLite store, so the command line reads what the console wrote
const { app, parts, assistant, store } = await consoleApp({ store: LocalStore.sqlite(DATA_DIR), env: { PUBLIC_URL: 'http://localhost:3000' } });
afterAll(() => app.close());
const admin = await signIn(app, 'admin');
const editor = await signIn(app, 'editor');
const officer = await signIn(app, 'officer');
const as = (s: { cookie: string; csrf: string }) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
const UNANSWERED = 'xác thực khuôn mặt không được';

const campaign = await parts.campaigns.create('Loa phường Hải Châu', { locality: 'Đà Nẵng' });
await assistant.handle({ channel: 'zalo', userId: 'z1', text: `/start ${campaign.code}` });
for (const q of ['dk muc 2 o dau', 'có mất phí không', UNANSWERED, 'tai khoan']) await assistant.handle({ channel: 'zalo', userId: 'z1', text: q });
await assistant.handle({ channel: 'zalo', userId: 'z1', button: 'fb:down' });
await assistant.handle({ channel: 'web', userId: 'w1', text: UNANSWERED });

describe('one source of truth', () => {
  it('shows the figures that `campaign stats` prints, from the same store', { timeout: 60_000 }, async () => {
    const since = '2026-11-01';
    const api = (await app.inject({ method: 'GET', url: `/api/admin/overview?since=${since}`, headers: as(editor) })).json();
    const printed = await cli(['campaign', 'stats', '--since', since, '--json'], { DATA_DIR, NOW });
    expect(printed.code).toBe(0);
    const rows = JSON.parse(printed.stdout) as { code: string; users: number; questions: number; answered: number; fallback: number; clarified: number; unhelpful: number }[];
    const pick = (r: (typeof rows)[number]) => ({ code: r.code, users: r.users, questions: r.questions, answered: r.answered, fallback: r.fallback, clarified: r.clarified, unhelpful: r.unhelpful });
    expect(api.campaigns.map(pick)).toEqual(rows.map(pick));
    const mine = rows.find((r) => r.code === campaign.code)!;
    expect(mine).toMatchObject({ users: 1, questions: 4, unhelpful: 1 });
    expect(api.totals.questions).toBe(5);
    expect(api.totals.by_channel).toEqual([{ channel: 'zalo', questions: 4 }, { channel: 'web', questions: 1 }]);
  });
});

describe('review', () => {
  it('gives a question to an intent: kept in the store, live at once, back after a restart, exported by the command line', { timeout: 60_000 }, async () => {
    const items = (await app.inject({ method: 'GET', url: '/api/admin/review?reason=fallback', headers: as(editor) })).json().items as { id: string; text: string; count: number }[];
    const item = items.find((i) => i.text === UNANSWERED)!;
    expect(item.count).toBe(2);
    expect((await parts.preview(UNANSWERED, 'vi')).intent).toBe('fallback');
    const res = await app.inject({ method: 'POST', url: `/api/admin/review/${item.id}/assign`, headers: as(editor), payload: { intent: 'vneid.login_problem' } });
    expect(res.json().intent).toBe('vneid.login_problem');
    expect((await assistant.handle({ channel: 'web', userId: 'w2', text: UNANSWERED })).intent).toBe('vneid.login_problem');
    // a restarted server: a fresh index from the files, then the store's examples
    const fresh = createConsole({ store, knowledge: loadKnowledge(), clock: () => new Date(NOW) });
    expect((await fresh.preview(UNANSWERED, 'vi')).intent).toBe('fallback');
    expect(await fresh.examples.restore()).toBe(1);
    expect((await fresh.preview(UNANSWERED, 'vi')).intent).toBe('vneid.login_problem');
    const exported = await cli(['examples', 'export'], { DATA_DIR });
    expect(exported.stdout).toBe(`# data/examples/vneid.login_problem.txt\n${UNANSWERED}\n\n`);
    expect((await cli(['examples', 'export', '--intent', 'vneid.login_problem'], { DATA_DIR })).stdout).toBe(`${UNANSWERED}\n`);
    const left = (await app.inject({ method: 'GET', url: '/api/admin/review', headers: as(editor) })).json().items as { id: string }[];
    expect(left.map((i) => i.id)).not.toContain(item.id);
  });

  it('refuses an intent that does not exist', async () => {
    const [item] = (await app.inject({ method: 'GET', url: '/api/admin/review', headers: as(editor) })).json().items as { id: string }[];
    const res = await app.inject({ method: 'POST', url: `/api/admin/review/${item!.id}/assign`, headers: as(editor), payload: { intent: 'no.such.intent' } });
    expect(res.statusCode).toBe(400);
  });
});

describe('campaign QR codes', () => {
  it('refuses while PUBLIC_URL points to this machine, saying why, and gives PNG and SVG once it is public', async () => {
    const refused = await app.inject({ method: 'GET', url: `/api/admin/campaigns/${campaign.code}/qr.png`, headers: as(editor) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatch(/PUBLIC_URL/);
    const listed = (await app.inject({ method: 'GET', url: '/api/admin/campaigns', headers: as(editor) })).json();
    expect(listed.campaigns[0].qr).toMatchObject({ ok: false });
    expect(listed.embed).toBeNull();
    parts.env.PUBLIC_URL = 'https://hotro.example.gov.vn';
    const png = await app.inject({ method: 'GET', url: `/api/admin/campaigns/${campaign.code}/qr.png`, headers: as(editor) });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const svg = await app.inject({ method: 'GET', url: `/api/admin/campaigns/${campaign.code}/qr.svg`, headers: as(editor) });
    expect(svg.body).toMatch(/^<svg/);
    const now = (await app.inject({ method: 'GET', url: '/api/admin/campaigns', headers: as(editor) })).json();
    expect(now.embed.snippet).toContain('<iframe src="https://hotro.example.gov.vn/" title="Trợ lý định danh điện tử"');
    expect(now.campaigns[0].embed).toContain(`src="https://hotro.example.gov.vn/?c=${campaign.code}"`);
  });
});

describe('tasks', () => {
  const closedTask = async () => {
    const list = (await app.inject({ method: 'GET', url: `/api/admin/tasks/list?locality=${encodeURIComponent('Đà Nẵng')}&unit=${encodeURIComponent('Sở Y tế')}`, headers: as(officer) })).json();
    const task = list.tasks.find((t: { mayChange: boolean }) => t.mayChange);
    await parts.tasks.change(task.plan, task.code, 'telegram:1', 'Sở Y tế', 'done', new Date(NOW));
    return task as { plan: string; code: string };
  };

  it('lets an officer reopen a task their unit leads, with the change in its history and the audit log', async () => {
    const task = await closedTask();
    const res = await app.inject({ method: 'POST', url: '/api/admin/tasks/reopen', headers: as(officer), payload: { plan: task.plan, code: task.code } });
    expect(res.statusCode).toBe(200);
    const history = (await app.inject({ method: 'GET', url: `/api/admin/tasks/history?plan=${task.plan}&code=${task.code}`, headers: as(officer) })).json();
    expect(history.history.map((h: { action: string; by: string }) => `${h.action} ${h.by}`)).toEqual(['done telegram:1', 'reopen console:officer']);
    expect((await parts.audit.recent(5)).map((e) => `${e.by} ${e.action}`)).toContain('officer task.reopen');
  });

  it("refuses an officer another unit's task and lists only their own unit", async () => {
    const other = parts.tasks.plans('Hà Tĩnh')[0]!;
    const res = await app.inject({ method: 'GET', url: `/api/admin/tasks/history?plan=${other.plan.id}&code=${encodeURIComponent(other.tasks[0]!.code)}`, headers: as(officer) });
    expect(res.statusCode).toBe(403);
    const all = (await app.inject({ method: 'GET', url: '/api/admin/tasks', headers: as(officer) })).json();
    expect(all.units.map((u: { unit: string; locality: string }) => `${u.unit}, ${u.locality}`)).toEqual(['Sở Y tế, Đà Nẵng']);
    expect((await app.inject({ method: 'GET', url: '/api/admin/tasks', headers: as(admin) })).json().units.length).toBeGreaterThan(10);
    // asking for another unit's list gets their own
    const asked = (await app.inject({ method: 'GET', url: `/api/admin/tasks/list?locality=${encodeURIComponent('Hà Tĩnh')}&unit=${encodeURIComponent('Công an tỉnh')}`, headers: as(officer) })).json();
    expect(`${asked.unit}, ${asked.locality}`).toBe('Sở Y tế, Đà Nẵng');
  });

  it('refuses an officer to reopen a task their unit only coordinates', async () => {
    const list = (await app.inject({ method: 'GET', url: `/api/admin/tasks/list?locality=${encodeURIComponent('Đà Nẵng')}&unit=${encodeURIComponent('Sở Y tế')}`, headers: as(officer) })).json();
    const task = list.tasks.find((t: { mayChange: boolean }) => !t.mayChange) as { plan: string; code: string };
    await parts.tasks.change(task.plan, task.code, 'telegram:2', 'Sở Nội vụ', 'done', new Date(NOW));
    const res = await app.inject({ method: 'POST', url: '/api/admin/tasks/reopen', headers: as(officer), payload: { plan: task.plan, code: task.code } });
    expect(res.statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/admin/tasks/reopen', headers: as(admin), payload: { plan: task.plan, code: task.code } })).statusCode).toBe(200);
  });
});

describe('broadcasts', () => {
  it('counts the recipients, sends, and reports the progress (no sender configured: skipped, counted)', async () => {
    await assistant.handle({ channel: 'zalo', userId: 'z1', text: '/subscribe Đà Nẵng' });
    const preview = (await app.inject({ method: 'POST', url: '/api/admin/broadcasts/preview', headers: as(editor), payload: { key: 'fee', locality: 'Đà Nẵng' } })).json();
    expect(preview.recipients).toBe(1);
    expect(preview.text).toBe(parts.knowledge.content.locales.vi.answers.fee!.text);
    const sent = (await app.inject({ method: 'POST', url: '/api/admin/broadcasts', headers: as(editor), payload: { text: 'Tin thử', locality: 'Đà Nẵng' } })).json();
    await expect.poll(async () => (await app.inject({ method: 'GET', url: `/api/admin/broadcasts/${sent.id}`, headers: as(editor) })).json()).toMatchObject({ total: 1, skipped: 1, remaining: 0 });
    const audit = (await parts.audit.recent(50)).map((e) => `${e.by} ${e.action}`);
    expect(audit).toEqual(expect.arrayContaining(['editor broadcast.send', 'editor review.assign', 'editor campaign.qr']));
  });
});

describe('cli user', () => {
  const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  const userDir = join(dir, 'users');

  it('creates the first administrator with the password on standard input, lists, disables; never takes a password argument', { timeout: 60_000 }, () => {
    const run = (args: string[], input = '') => spawnSync(TSX, ['src/cli/main.ts', 'user', ...args], { cwd: ROOT, input, env: { ...process.env, DATA_DIR: userDir, REDIS_URL: '', DATABASE_URL: '' }, encoding: 'utf8' });
    expect(run(['add', '--name', 'Chief', '--role', 'admin'], 'a-long-password-1\n').stdout).toMatch(/chief \(admin\) created/);
    expect(run(['add', '--name', 'x', '--role', 'admin', '--password', 'on-the-command-line']).status).not.toBe(0);
    expect(run(['list']).stdout).toMatch(/^chief\tadmin\tactive/m);
    expect(run(['disable', 'chief']).status).toBe(0);
    expect(run(['list']).stdout).toMatch(/^chief\tadmin\tdisabled/m);
  });
});
