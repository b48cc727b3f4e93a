import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/core/build.js';
import { readTaskCommand } from '../../src/officers/task-command.js';
import { OfficerRegistry } from '../../src/officers/registry.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { TaskBook } from '../../src/tasks/task-book.js';
import { sharedKnowledge } from '../helpers/assistant.js';
import { join } from 'node:path';

describe('reading an officer message about a task', () => {
  it.each([
    ['tiến độ 2.3.1: đã triển khai ở 10 bệnh viện', { kind: 'note', note: 'đã triển khai ở 10 bệnh viện' }],
    ['tien do 2.3.1: da trien khai o 10 benh vien', { kind: 'note', note: 'da trien khai o 10 benh vien' }],
    ['ghi chú 2.2.6: chưa xong', { kind: 'note', note: 'chưa xong' }],
    ['cập nhật 2.3.1 đã họp triển khai', { kind: 'note', note: 'đã họp triển khai' }],
    ['chưa xong 2.3.4', { kind: 'note', note: 'chưa xong' }],
    ['chua hoan thanh 2.3.4', { kind: 'note', note: 'chua hoan thanh' }],
    ['2.3.4 not done', { kind: 'note', note: 'not done' }],
    ['mở lại 2.3.1', { kind: 'reopen' }],
    ['mo lai 2.3.1', { kind: 'reopen' }],
    ['xong 2.3.1', { kind: 'done' }],
    ['đã hoàn thành 2.3.1', { kind: 'done' }],
    ['2.3.1 xong chưa?', { kind: 'confirm' }],
    ['2.3.1 hoan thanh chua', { kind: 'confirm' }],
  ])('"%s"', (text, expected) => {
    expect(readTaskCommand(text, /\d+(?:\.\d+)+/.exec(text)![0])).toEqual(expected);
  });
});

describe('notes stay notes, negations never close, reopen is audited', () => {
  async function officerOfHealth() {
    const store = LocalStore.memory();
    const now = () => new Date('2023-05-15T09:00:00Z');
    const assistant = createAssistant({ store, clock: now }, sharedKnowledge());
    const registry = new OfficerRegistry(store, now);
    const { code } = await registry.invite('Sở Y tế', 'Quảng Nam');
    await registry.redeem('console:yte', code);
    const book = TaskBook.load(join(sharedKnowledge().root, 'data/tasks'), sharedKnowledge().units, store);
    const plan = book.find('2.3.1').find((f) => f.plan.locality === 'Quảng Nam')!.plan.id;
    const say = (text: string) => assistant.handle({ channel: 'console', userId: 'yte', text });
    return { say, book, plan, assistant };
  }

  it('a progress note, with or without diacritics, keeps the task open and keeps the note', async () => {
    const { say, book, plan } = await officerOfHealth();
    const reply = await say('tiến độ 2.3.1: đã triển khai ở 10 bệnh viện');
    expect(reply.intent).toBe('officer.task.progress');
    expect(await book.status(plan, '2.3.1')).toMatchObject({ state: 'open', note: 'đã triển khai ở 10 bệnh viện' });
    await say('tien do 2.3.1: them 5 tram y te');
    expect(await book.status(plan, '2.3.1')).toMatchObject({ state: 'open', note: 'them 5 tram y te' });
  });

  it('"chưa xong" never closes', async () => {
    const { say, book, plan } = await officerOfHealth();
    expect((await say('chưa xong 2.3.1')).intent).toBe('officer.task.progress');
    expect((await say('ghi chu 2.3.1: chua xong')).intent).toBe('officer.task.progress');
    expect((await book.status(plan, '2.3.1')).state).toBe('open');
  });

  it('a close phrased as a question asks for confirmation with a button, which then closes', async () => {
    const { say, book, plan, assistant } = await officerOfHealth();
    const asked = await say('2.3.1 xong chưa?');
    expect((await book.status(plan, '2.3.1')).state).toBe('open');
    const confirm = asked.buttons.find((b) => b.payload.startsWith('od:'));
    expect(confirm).toBeDefined();
    await assistant.handle({ channel: 'console', userId: 'yte', button: confirm!.payload });
    expect((await book.status(plan, '2.3.1')).state).toBe('done');
  });

  it('"mở lại" reopens a closed task, and the audit log has the close and the reopen', async () => {
    const { say, book, plan } = await officerOfHealth();
    await say('xong 2.3.1');
    expect((await book.status(plan, '2.3.1')).state).toBe('done');
    const reply = await say('mở lại 2.3.1');
    expect(reply.intent).toBe('officer.task.reopen');
    expect((await book.status(plan, '2.3.1')).state).toBe('open');
    const history = await book.history(plan, '2.3.1');
    expect(history.map((h) => [h.action, h.before.state, h.after.state])).toEqual([['done', 'open', 'done'], ['reopen', 'done', 'open']]);
    expect(history[1]!.by).toBe('console:yte');
  });
});

describe('officers answer only in private chats', () => {
  it('a registered officer writing in a Telegram group gets no task list, and a code is refused there', async () => {
    const store = LocalStore.memory();
    const now = () => new Date('2023-05-15T09:00:00Z');
    const assistant = createAssistant({ store, clock: now }, sharedKnowledge());
    const registry = new OfficerRegistry(store, now);
    const { code } = await registry.invite('Sở Y tế', 'Quảng Nam');
    const inGroup = await assistant.handle({ channel: 'telegram', userId: '7', text: `/officer ${code}`, privateChat: false });
    expect(inGroup.text).toMatch(/tin nhắn riêng/);
    expect((await registry.list()).length).toBe(0);
    await assistant.handle({ channel: 'telegram', userId: '7', text: `/officer ${code}`, privateChat: true });
    expect((await assistant.handle({ channel: 'telegram', userId: '7', text: 'nhiem vu cua don vi toi', privateChat: true })).intent).toBe('officer.tasks.open');
    expect((await assistant.handle({ channel: 'telegram', userId: '7', text: 'nhiem vu cua don vi toi', privateChat: false })).intent).not.toMatch(/^officer\./);
  });
});
