import { describe, expect, it } from 'vitest';
import { createHandoffParts, handoffText } from '../../src/core/build.js';
import { HandoffTalk } from '../../src/handoff/handoff-talk.js';
import { StaffDesk } from '../../src/handoff/staff-desk.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { sharedKnowledge, testAssistant } from '../helpers/assistant.js';

// Sunday 22 November 2026, 16:00 in Vietnam: closed; Monday 23 November, 09:00 in Vietnam: open
const SUNDAY = new Date('2026-11-22T09:00:00Z');
const MONDAY = new Date('2026-11-23T02:00:00Z');

function setup(now: Date) {
  const store = LocalStore.memory();
  let clock = now;
  const assistant = testAssistant({ store, now: () => clock });
  const parts = createHandoffParts(store, () => clock, sharedKnowledge().root);
  const sent: { channel: string; userId: string; text: string }[] = [];
  const desk = new StaffDesk(parts.book, parts.outbox, async (channel, userId, text) => {
    if (channel === 'web') return { state: 'waiting', why: 'page' };
    sent.push({ channel, userId, text });
    return { state: 'sent', at: clock.toISOString() };
  }, handoffText(sharedKnowledge().content));
  const say = (text: string, userId = 'c1', channel: 'telegram' | 'web' = 'telegram') => assistant.handle({ channel, userId, text });
  const press = (button: string, userId = 'c1', channel: 'telegram' | 'web' = 'telegram') => assistant.handle({ channel, userId, button });
  return { store, assistant, parts, desk, sent, say, press, setClock: (d: Date) => (clock = d) };
}

describe('asking for a person', () => {
  it('offers the button when asked, queues the conversation with its transcript, stays quiet while staff hold it, and resumes after closing', async () => {
    const { parts, desk, sent, say, press } = setup(MONDAY);
    await say('dk muc 2 o dau');
    const offer = await say('cho tôi gặp cán bộ');
    expect(offer.intent).toBe('handoff.request');
    expect(offer.buttons[0]).toEqual({ label: 'Gửi câu hỏi cho cán bộ', payload: 'ho:ask' });
    expect(offer.text).toMatch(/trong khoảng 30 phút/);
    const sentReply = await press('ho:ask');
    expect(sentReply.text).toMatch(/Đã gửi câu hỏi của bạn cho cán bộ \(toàn tỉnh\)/);
    const [queued] = await parts.book.list('toàn tỉnh');
    expect(queued!.transcript.map((t) => t.text)).toEqual(expect.arrayContaining(['dk muc 2 o dau', 'cho tôi gặp cán bộ']));

    // waiting: one notice, then silence; the messages reach the transcript
    const first = await say('tôi 70 tuổi không có điện thoại thông minh');
    expect(first.intent).toBe('handoff.quiet');
    expect(first.text).toMatch(/đang chờ cán bộ/);
    expect((await say('dk muc 2 o dau')).silent).toBe(true);
    expect(await parts.book.claim(queued!.id, 'agent1')).toBe('ok');
    expect((await say('có ai không')).text).toBe('Cán bộ đang xem câu hỏi của bạn.');
    expect((await say('alo')).silent).toBe(true);

    const view = (await parts.book.get(queued!.id))!;
    const { delivery } = await desk.answer(view, 'agent1', 'Bác mang thẻ căn cước đến Công an xã, cán bộ làm giúp.');
    expect(delivery.state).toBe('sent');
    expect(sent.at(-1)!.text).toMatch(/^Cán bộ trả lời:\nBác mang thẻ/);
    const talk = await desk.conversation(view);
    expect(talk.turns.map((t) => t.text)).toEqual(expect.arrayContaining(['tôi 70 tuổi không có điện thoại thông minh', 'alo']));

    expect((await desk.close(view, 'answered', 'agent1')).closed).toBe(true);
    expect(sent.at(-1)!.text).toMatch(/kết thúc cuộc trò chuyện/);
    expect((await say('dk muc 2 o dau')).text).toMatch(/Công an cấp xã/);
  });

  it('offers a person after two misses in a row', async () => {
    const { say } = setup(MONDAY);
    expect((await say('con mèo nhà tôi bị ốm')).buttons.map((b) => b.payload)).not.toContain('ho:ask');
    const second = await say('giá vàng hôm nay');
    expect(second.intent).toBe('fallback');
    expect(second.buttons[0]!.payload).toBe('ho:ask');
  });

  it('lets the citizen cancel by typing "huy" or "hủy", or by the button', async () => {
    const { parts, say, press } = setup(MONDAY);
    await press('ho:ask');
    expect((await say('huy')).intent).toBe('handoff.cancelled');
    expect(await parts.book.activeFor('telegram', 'c1')).toBeUndefined();
    await press('ho:ask');
    expect((await say('Hủy')).intent).toBe('handoff.cancelled');
    await press('ho:ask');
    expect((await press('ho:cancel')).text).toMatch(/Đã hủy/);
    expect((await say('dk muc 2 o dau')).text).toMatch(/Công an cấp xã/);
  });

  it('outside office hours tells when someone will answer, and the conversation waits', async () => {
    const { parts, press } = setup(SUNDAY);
    const reply = await press('ho:ask');
    expect(reply.text).toMatch(/ngoài giờ làm việc: cán bộ sẽ trả lời từ 07:30 thứ Hai 23\/11/);
    expect(await parts.book.list(undefined)).toHaveLength(1);
  });

  it('web: an answer waits in the outbox until the page asks, and is handed over once', async () => {
    const { parts, desk, press } = setup(MONDAY);
    await press('ho:ask', 'w1', 'web');
    const [h] = await parts.book.list(undefined);
    await parts.book.claim(h!.id, 'a');
    const { delivery } = await desk.answer((await parts.book.get(h!.id))!, 'a', 'Trả lời cho trang web');
    expect(delivery.state).toBe('waiting');
    const [first, second] = await Promise.all([parts.outbox.take('web', 'w1'), parts.outbox.take('web', 'w1')]);
    expect([...first, ...second].map((m) => m.text)).toEqual(['Cán bộ trả lời:\nTrả lời cho trang web']);
    expect((await desk.conversation((await parts.book.get(h!.id))!)).turns.find((t) => t.kind === 'answer')!.delivery!.state).toBe('sent');
  });
});

describe('when a person is offered', () => {
  it('after a clarification that did not help (clarify, then no answer or 👎), not after one that did', async () => {
    const { parts } = setup(MONDAY);
    const talk = new HandoffTalk({ ...parts, clock: () => MONDAY, localityOf: async () => undefined, text: handoffText(sharedKnowledge().content) });
    const message = { channel: 'telegram' as const, userId: 'c9', text: 'x' };
    const reply = (intent: string) => ({ intent, language: 'vi' as const, text: intent, buttons: [], source: '' });
    const clarified = await talk.afterReply(message, {}, reply('clarify'), []);
    expect(clarified).toMatchObject({ misses: 1, offered: false });
    expect(await talk.afterReply(message, { misses: clarified.misses }, reply('fallback'), [])).toMatchObject({ misses: 2, offered: true });
    expect(await talk.afterReply(message, { misses: clarified.misses }, reply('feedback.negative'), [])).toMatchObject({ offered: true });
    expect(await talk.afterReply(message, { misses: clarified.misses }, reply('vneid.level2.how'), [])).toMatchObject({ misses: 0, offered: false });
  });
});

describe('group chats', () => {
  it('neither offer nor take a request: staff answer only in a private chat', async () => {
    const { parts, assistant } = setup(MONDAY);
    const inGroup = { channel: 'telegram' as const, userId: 'g1', privateChat: false };
    expect((await assistant.handle({ ...inGroup, text: 'cho tôi gặp cán bộ' })).buttons.map((b) => b.payload)).not.toContain('ho:ask');
    expect((await assistant.handle({ ...inGroup, button: 'ho:ask' })).text).toMatch(/tin nhắn riêng/);
    expect(await parts.book.list(undefined)).toEqual([]);
  });
});
