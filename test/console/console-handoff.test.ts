import { afterAll, describe, expect, it } from 'vitest';
import { HandoffBook } from '../../src/handoff/handoff-book.js';
import { consoleApp, login, signIn, type Signed } from '../helpers/console.js';

// Monday 23 November 2026, 09:00 in Vietnam: office hours
const { app, parts, assistant } = await consoleApp({ now: () => new Date('2026-11-23T02:00:00Z') });
afterAll(() => app.close());
await parts.accounts.add('agent2', 'agent', 'agent2-password-1', { locality: 'Đà Nẵng' });
await parts.accounts.add('agent.qn', 'agent', 'agentqn-password-1', { locality: 'Quảng Nam' });
const as = (s: Signed) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
const admin = await signIn(app, 'admin');
const agent = await signIn(app, 'agent');
const agent2 = (await login(app, 'agent2', 'agent2-password-1', '10.7.1.2')).signed!;
const agentQn = (await login(app, 'agent.qn', 'agentqn-password-1', '10.7.1.3')).signed!;

/** A citizen who came through a campaign of `locality` and asked for a person. */
async function citizen(userId: string, locality: string, question: string): Promise<string> {
  const campaign = await parts.campaigns.create(`Loa ${userId}`, { locality });
  await assistant.handle({ channel: 'web', userId, text: `/start ${campaign.code}` });
  await assistant.handle({ channel: 'web', userId, text: question });
  await assistant.handle({ channel: 'web', userId, button: 'ho:ask' });
  return (await parts.handoff.book.activeFor('web', userId))!.id;
}

const danang = await citizen('w-dn', 'Đà Nẵng', 'số tôi 0905123456, căn cước 048090001234 bị khóa tài khoản');
const quangnam = await citizen('w-qn', 'Quảng Nam', 'tài khoản định danh bị khóa phải làm sao');
const get = (url: string, s: Signed) => app.inject({ method: 'GET', url, headers: as(s) });
const post = (url: string, s: Signed, payload: unknown = {}) => app.inject({ method: 'POST', url, headers: as(s), payload: payload as object });

describe('live help in the console', () => {
  it("lists only the agent's locality, with phone and ID numbers removed; administrators see all", async () => {
    const mine = (await get('/api/admin/handoffs', agent)).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([danang]);
    expect(mine.waiting).toBe(1);
    expect(mine.items[0].preview).toBe('số tôi …, căn cước … bị khóa tài khoản');
    expect(JSON.stringify(mine)).not.toMatch(/0905123456|048090001234/);
    expect(JSON.stringify(mine)).not.toMatch(/transcript|turns/);
    const all = (await get('/api/admin/handoffs', admin)).json();
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual([danang, quangnam].sort());
  });

  it("refuses another locality's conversation: read, claim, answer, note, close are 404", async () => {
    expect((await get(`/api/admin/handoffs/${quangnam}`, agent)).statusCode).toBe(404);
    for (const action of ['claim', 'answer', 'note', 'close', 'release', 'example']) {
      const res = await post(`/api/admin/handoffs/${quangnam}/${action}`, agent, action === 'close' ? { outcome: 'answered' } : action === 'answer' || action === 'note' ? { text: 'x' } : {});
      expect(res.statusCode, action).toBe(404);
    }
    expect(await parts.handoff.book.claim(quangnam, 'probe')).toBe('ok'); // still claimable by its own agents
    await parts.handoff.book.release(quangnam, 'probe');
  });

  it('shows the transcript only to the agent who claimed it; a second claim loses; the answer reaches the web page once', async () => {
    expect((await get(`/api/admin/handoffs/${danang}`, agent)).statusCode).toBe(403);
    const [a, b] = await Promise.all([post(`/api/admin/handoffs/${danang}/claim`, agent), post(`/api/admin/handoffs/${danang}/claim`, agent2)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? agent : agent2;
    const loser = a.statusCode === 200 ? agent2 : agent;
    expect((await get(`/api/admin/handoffs/${danang}`, loser)).statusCode).toBe(403);
    expect((await post(`/api/admin/handoffs/${danang}/answer`, loser, { text: 'không được' })).statusCode).toBe(409);
    const read = (await get(`/api/admin/handoffs/${danang}`, winner)).json();
    expect(read.turns.map((t: { text: string }) => t.text)).toContain('số tôi 0905123456, căn cước 048090001234 bị khóa tài khoản');

    const answered = (await post(`/api/admin/handoffs/${danang}/answer`, winner, { text: 'Bạn đến Công an phường để mở khóa.' })).json();
    expect(answered.delivery).toEqual({ state: 'waiting', why: 'web_page' });
    expect((await post(`/api/admin/handoffs/${danang}/note`, winner, { text: 'đã gọi điện xác minh' })).statusCode).toBe(200);
    const page = await app.inject({ method: 'GET', url: '/api/chat/updates', headers: { cookie: `vid=${app.signCookie('w-dn-not-a-real-visitor')}` } });
    expect(page.json().messages).toEqual([]); // another visitor gets nothing
    expect((await assistant.handoffUpdates('web', 'w-dn')).messages).toEqual(['Cán bộ trả lời:\nBạn đến Công an phường để mở khóa.']);
    expect((await assistant.handoffUpdates('web', 'w-dn')).messages).toEqual([]);

    const closed = await post(`/api/admin/handoffs/${danang}/close`, winner, { outcome: 'answered' });
    expect(closed.statusCode).toBe(200);
    expect((await post(`/api/admin/handoffs/${danang}/close`, winner, { outcome: 'answered' })).statusCode).toBe(409);
    const example = await post(`/api/admin/handoffs/${danang}/example`, winner, {});
    expect(example.statusCode).toBe(200);
    const review = (await get('/api/admin/review?reason=handoff', admin)).json().items;
    expect(review[0]).toMatchObject({ reason: 'handoff', text: 'số tôi …, căn cước … bị khóa tài khoản', draft: 'Bạn đến Công an phường để mở khóa.' });

    const actions = (await parts.audit.recent(50)).filter((e) => e.action.startsWith('handoff.')).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['handoff.claim', 'handoff.answer', 'handoff.note', 'handoff.close', 'handoff.example']));
    expect(JSON.stringify(await parts.audit.recent(50))).not.toMatch(/Công an phường|0905123456/);
  });

  it('an agent of another locality cannot see it either, and a closed conversation leaves the queue', async () => {
    expect((await get('/api/admin/handoffs', agentQn)).json().items.map((i: { id: string }) => i.id)).toEqual([quangnam]);
    expect((await get('/api/admin/handoffs', agent)).json().waiting).toBe(0);
  });

  it('a claim left idle returns the conversation to the queue', async () => {
    const id = await citizen('w-idle', 'Đà Nẵng', 'hỏi lâu không ai trả lời');
    const short = new HandoffBook(parts.store, parts.clock, 50);
    expect(await short.claim(id, 'agent')).toBe('ok');
    expect(await short.claim(id, 'agent2')).toBe('taken');
    await new Promise((r) => setTimeout(r, 80));
    expect((await short.get(id))!.state).toBe('waiting');
    expect(await short.claim(id, 'agent2')).toBe('ok');
  });
});
