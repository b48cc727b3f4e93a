import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/core/build.js';
import { InviteError, resolveInviteUnit } from '../../src/officers/invite-unit.js';
import { OfficerRegistry } from '../../src/officers/registry.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { Succession } from '../../src/tasks/succession.js';
import { TaskBook } from '../../src/tasks/task-book.js';
import type { PlanInfo, Task } from '../../src/tasks/types.js';
import { sharedKnowledge } from '../helpers/assistant.js';

const PLAN_000 = '000_f804b26e1f6b5cd9';
const k = sharedKnowledge();
const book = () => TaskBook.load(join(k.root, 'data/tasks'), k.units, LocalStore.memory(), k.succession);
const unit = (name: string, locality: string) => k.units.unitsOf(locality).find((u) => u.name === name)!;

describe('the succession table', () => {
  it('follows old localities to today\'s province', () => {
    expect(k.succession.today('Quảng Nam')).toBe('Đà Nẵng');
    expect(k.succession.today('Hải Dương')).toBe('Hải Phòng');
    expect(k.succession.today('Quảng Xương')).toBe('Thanh Hóa');
    expect(k.succession.today('Hà Tĩnh')).toBe('Hà Tĩnh');
    expect(k.succession.localitiesOf('Đà Nẵng')).toEqual(['Đà Nẵng', 'Quảng Nam']);
  });
});

describe('an officer of a successor unit', () => {
  it('of Sở Khoa học và Công nghệ, Đà Nẵng, sees plan 000\'s tasks of Sở Thông tin và Truyền thông, Quảng Nam, labelled, and may close them', async () => {
    const tasks = await book().tasksOf(unit('Sở Khoa học và Công nghệ', 'Đà Nẵng'));
    const t11 = tasks.find((t) => t.plan.id === PLAN_000 && t.task.code === '1.1')!;
    expect(t11).toMatchObject({ role: 'lead', share: 'full', mayChange: true });
    expect(t11.via).toMatchObject({ name: 'Sở Thông tin và Truyền thông', locality: 'Quảng Nam' });
  });

  it('of a kept department in a merged province (Sở Y tế, Đà Nẵng) holds Quảng Nam\'s Sở Y tế tasks', async () => {
    const tasks = await book().tasksOf(unit('Sở Y tế', 'Đà Nẵng'));
    expect(tasks.find((t) => t.task.code === '2.3.1')).toMatchObject({ role: 'lead', mayChange: true, via: { name: 'Sở Y tế', locality: 'Quảng Nam' } });
    // and nothing of another province
    expect(tasks.some((t) => t.plan.locality !== 'Quảng Nam' && t.plan.locality !== 'Đà Nẵng')).toBe(false);
  });

  it('of a department that took a part (Sở Văn hóa for the press) sees the tasks but does not close them', async () => {
    const tasks = await book().tasksOf(unit('Sở Văn hóa, Thể thao và Du lịch', 'Đà Nẵng'));
    const t11 = tasks.find((t) => t.plan.id === PLAN_000 && t.task.code === '1.1')!;
    expect(t11).toMatchObject({ share: 'part', mayChange: false, role: 'support' });
  });

  it('of another department does not hold them', async () => {
    const b = book();
    const plan = b.lists.find((l) => l.plan.id === PLAN_000)!;
    const task = plan.tasks.find((t) => t.code === '1.1')!;
    expect(b.standing(plan.plan, task, unit('Sở Y tế', 'Đà Nẵng'))?.mayChange ?? false).toBe(false);
  });

  it('of the province sees a district committee\'s task as "formerly UBND cấp huyện"; only the steward closes it', () => {
    const b = book();
    const plan: PlanInfo = { id: 'x', issuer: null, locality: 'Hà Tĩnh', number: null, date: null, title: null };
    const task: Task = { code: '9.9', title: 't', lead: ['UBND cấp huyện'], support: [], deadline: { kind: 'none', due: null, text: '' } };
    expect(b.standing(plan, task, unit('Sở Y tế', 'Hà Tĩnh'))).toMatchObject({ role: 'district', mayChange: false });
    expect(b.standing(plan, task, unit('Văn phòng UBND tỉnh', 'Hà Tĩnh'))).toMatchObject({ role: 'district', mayChange: true });
  });

  it('of a province is not given a former district\'s tasks through groups that name every unit', () => {
    const b = book();
    const plan: PlanInfo = { id: 'y', issuer: null, locality: 'Quảng Xương, Thanh Hóa', number: null, date: null, title: null };
    const grouped: Task = { code: '1', title: 't', lead: ['các sở, ban, ngành'], support: [], deadline: { kind: 'none', due: null, text: '' } };
    expect(b.standing(plan, grouped, unit('Sở Y tế', 'Thanh Hóa'))).toBeUndefined();
    const police: Task = { ...grouped, lead: ['Công an huyện'] };
    expect(b.standing(plan, police, unit('Công an tỉnh', 'Thanh Hóa'))).toMatchObject({ role: 'lead', mayChange: true, via: { name: 'Công an huyện' } });
  });

  it('closes an inherited task through the assistant; an officer of the old name keeps working', async () => {
    const store = LocalStore.memory();
    const now = () => new Date('2023-05-15T09:00:00Z');
    const assistant = createAssistant({ store, clock: now }, k);
    const registry = new OfficerRegistry(store, now);
    const say = (user: string, text: string) => assistant.handle({ channel: 'console', userId: user, text });
    await registry.redeem('console:khcn', (await registry.invite('Sở Khoa học và Công nghệ', 'Đà Nẵng')).code);
    const list = await say('khcn', 'nhiệm vụ của đơn vị tôi');
    expect(list.text).toMatch(/chủ trì \(trước đây: Sở Thông tin và Truyền thông, Quảng Nam\)/);
    await say('khcn', 'xong 2.6.2');
    const b = TaskBook.load(join(k.root, 'data/tasks'), k.units, store, k.succession);
    const plan = b.find('2.6.2', 'Đà Nẵng')[0]!.plan.id;
    expect((await b.status(plan, '2.6.2')).state).toBe('done');
    expect((await b.history(plan, '2.6.2'))[0]).toMatchObject({ by: 'console:khcn', unit: 'Sở Khoa học và Công nghệ' });

    // registered before the reform, under the old names
    await registry.redeem('console:old', (await registry.invite('Sở Thông tin và Truyền thông', 'Quảng Nam')).code);
    expect((await say('old', 'nhiem vu cua don vi toi')).text).toMatch(/Nhiệm vụ chưa hoàn thành của Sở Thông tin và Truyền thông/);

    // another unit of Đà Nẵng may not close it
    await registry.redeem('console:yte', (await registry.invite('Sở Y tế', 'Đà Nẵng')).code);
    expect((await say('yte', 'mở lại 2.6.2')).text).toMatch(/Chỉ cán bộ của đơn vị chủ trì/);
  });
});

describe('invites name today\'s units', () => {
  const resolve = (name: string, locality?: string) => resolveInviteUnit(k.units, k.succession, name, locality);

  it('accept today\'s names, also without diacritics', () => {
    expect(resolve('Sở Khoa học và Công nghệ', 'Đà Nẵng')).toEqual({ unit: 'Sở Khoa học và Công nghệ', locality: 'Đà Nẵng' });
    expect(resolve('So Nong nghiep va Moi truong', 'Da Nang')).toEqual({ unit: 'Sở Nông nghiệp và Môi trường', locality: 'Đà Nẵng' });
    expect(resolve('Sở Y tế', 'Hà Tĩnh')).toEqual({ unit: 'Sở Y tế', locality: 'Hà Tĩnh' });
    expect(resolve('Công an thành phố', 'Đà Nẵng')).toEqual({ unit: 'Công an tỉnh', locality: 'Đà Nẵng' });
    expect(() => resolve('Công an thành phố', 'Hà Tĩnh')).toThrow(/No unit/);
  });

  it('refuse a department that no longer exists, with its successor', () => {
    expect(() => resolve('Sở Thông tin và Truyền thông', 'Đà Nẵng')).toThrow(/^Sở Thông tin và Truyền thông no longer exists since 01\/3\/2025: did you mean Sở Khoa học và Công nghệ/);
    expect(() => resolve('Sở TT&TT', 'Hà Tĩnh')).toThrow(/did you mean Sở Khoa học và Công nghệ/);
    expect(() => resolve('Sở Kế hoạch và Đầu tư', 'Hà Tĩnh')).toThrow(/did you mean Sở Tài chính\?/);
    expect(() => resolve('Sở Lao động - Thương binh và Xã hội', 'Hải Phòng')).toThrow(/Sở Nội vụ/);
    expect(() => resolve('UBND cấp huyện', 'Hà Tĩnh')).toThrow(InviteError);
  });

  it('refuse a locality that no longer exists, with the province that took it over', () => {
    expect(() => resolve('Sở Y tế', 'Quảng Nam')).toThrow(/Quảng Nam no longer exists since 01\/7\/2025.*--locality "Đà Nẵng"/);
    expect(() => resolve('Công an huyện', 'Quảng Xương')).toThrow(/--locality "Thanh Hóa"/);
  });

  it('do not count former localities when telling whether a unit exists in several', () => {
    expect(() => resolve('Sở Y tế')).toThrow(/add --locality/);
    expect(() => resolve('Sở Y tế')).not.toThrow(/Quảng Nam/);
  });
});

describe('without a succession table', () => {
  it('a unit sees only its own locality\'s tasks', async () => {
    const plain = TaskBook.load(join(k.root, 'data/tasks'), k.units, LocalStore.memory(), Succession.none(k.units));
    expect(await plain.tasksOf(unit('Sở Khoa học và Công nghệ', 'Đà Nẵng'))).toEqual([]);
  });
});
