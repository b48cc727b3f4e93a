import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPlan } from '../../src/tasks/import/import-plan.js';
import type { Task, TaskList } from '../../src/tasks/types.js';
import { splitUnitList, UnitDirectory } from '../../src/tasks/units.js';

const root = new URL('../../', import.meta.url);
const units = UnitDirectory.load(new URL('data/units.json', root).pathname);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const imported = (plan: string) => importPlan(`${plan}.txt`, read(`data/plans/${plan}.txt`), units);
const reviewed = (plan: string) => JSON.parse(read(`data/tasks/${plan}.json`)) as TaskList;

/** Share of reviewed tasks the importer found, and of those, with the same lead units and due date. */
function agreement(found: Task[], truth: Task[]) {
  const byCode = new Map(found.map((t) => [t.code, t]));
  const matched = truth.filter((t) => byCode.has(t.code));
  const sameLead = matched.filter((t) => JSON.stringify(byCode.get(t.code)!.lead) === JSON.stringify(t.lead));
  const sameDeadline = matched.filter((t) => byCode.get(t.code)!.deadline.kind === t.deadline.kind && byCode.get(t.code)!.deadline.due === t.deadline.due);
  return { found: matched.length / truth.length, lead: sameLead.length / matched.length, deadline: sameDeadline.length / matched.length };
}

describe('import-plan', () => {
  it('matches the hand-checked gold list of plan 000 exactly (numbered sections)', () => {
    const gold = JSON.parse(read('data/gold/000_f804b26e1f6b5cd9.tasks.json')) as { tasks: Omit<Task, 'title'>[] };
    const tasks = imported('000_f804b26e1f6b5cd9').tasks.map(({ title: _title, ...rest }) => rest);
    expect(tasks).toEqual(gold.tasks);
  });

  it.each(['002_01a3136fc2457c7f', '003_052f70aba357119c'])('agrees with the reviewed list of %s on at least 90%% of tasks, leads and deadlines', (plan) => {
    const a = agreement(imported(plan).tasks, reviewed(plan).tasks);
    expect(a.found).toBeGreaterThanOrEqual(0.9);
    expect(a.lead).toBeGreaterThanOrEqual(0.9);
    expect(a.deadline).toBeGreaterThanOrEqual(0.9);
  });

  it('reads letter items under a numbered task (2.2.4.a, 2.2.4.b)', () => {
    const tasks = imported('002_01a3136fc2457c7f').tasks;
    const a = tasks.find((t) => t.code === '2.2.4.a')!;
    expect(a.lead).toEqual(['Các sở, ban, ngành']);
    expect(a.deadline.due).toBe('2023-06-30');
    expect(tasks.find((t) => t.code === '2.2.4')).toBeUndefined();
    const health = tasks.find((t) => t.code === '2.3.1')!;
    expect(health.lead).toEqual(['Sở Y tế']);
    expect(health.support).toContain('Bảo hiểm xã hội tỉnh');
  });

  it('reads tasks grouped under "<unit> chủ trì" in OCR text without diacritics (plan 001)', () => {
    const list = imported('001_5ba8b9f3845d6132');
    expect(list.plan).toMatchObject({ issuer: 'UBND tỉnh Hải Dương', number: '3216/KH-UBND', date: '2022-11-07' });
    const byCode = new Map(list.tasks.map((t) => [t.code, t]));
    expect(byCode.get('2.b')).toMatchObject({ lead: ['Công an tỉnh'], deadline: { kind: 'external' } });
    expect(byCode.get('2.a')!.deadline.due).toBe('2022-11-30');
    expect(byCode.get('4.c')!.lead).toEqual(['Sở Thông tin và Truyền thông']);
    expect(byCode.get('5.a')!.lead).toEqual(['Bộ Chỉ huy Quân sự tỉnh']);
    expect([...byCode.keys()].filter((c) => c.startsWith('2.'))).toEqual(['2.a', '2.b', '2.c', '2.d', '2.e']);
  });

  it('reads a table whose cells wrap over several lines (plan 003, Phụ lục II)', () => {
    const tasks = imported('003_052f70aba357119c').tasks;
    expect(tasks).toHaveLength(31);
    const byCode = new Map(tasks.map((t) => [t.code, t]));
    expect(byCode.get('I.2')).toMatchObject({ lead: ['Sở Tài chính'], support: ['Công an tỉnh'], deadline: { due: '2022-03-31' } });
    expect(byCode.get('II.13')).toMatchObject({ lead: ['Công an tỉnh', 'Tòa án nhân dân tỉnh'], deadline: { due: '2023-12-31' } });
    expect(byCode.get('II.13')!.title).toMatch(/^Triển khai kết nối Cơ sở dữ liệu quốc gia về dân cư với hệ thống quản lý án điện tử/);
  });

  it('keeps the "phân công trách nhiệm" prose as standing duties of each unit', () => {
    const duties = imported('000_f804b26e1f6b5cd9').duties;
    expect(duties.filter((d) => d.unit === 'Công an tỉnh').length).toBeGreaterThanOrEqual(3);
    expect(duties.some((d) => d.unit === 'Công an tỉnh' && /khiếu nại, tố cáo/.test(d.text))).toBe(true);
    const district = imported('004_81adb32cd01a6c9e');
    expect(district.plan.locality).toBe('Quảng Xương, Thanh Hóa');
    expect(district.duties.some((d) => d.unit === 'Công an huyện')).toBe(true);
  });

  it('ignores repeated web links and page numbers', () => {
    const list = imported('000_f804b26e1f6b5cd9');
    expect(JSON.stringify(list)).not.toMatch(/thuvienphapluat/);
  });

  it('refuses a text that is not a plan, saying why', () => {
    expect(() => importPlan('x.txt', 'hello', units)).toThrow(/too short/);
    expect(() => importPlan('x.txt', 'KẾ HOẠCH\n'.repeat(50), units)).toThrow(/which province or district/);
  });
});

describe('unit lists', () => {
  it('splits units and keeps collective names as written', () => {
    expect(splitUnitList('Công an tỉnh, Văn phòng UBND tỉnh và các sở, ban, ngành, đoàn thể, UBND cấp huyện, UBND cấp xã.', 'Quảng Nam', units)).toEqual([
      'Công an tỉnh',
      'Văn phòng UBND tỉnh',
      'các sở, ban, ngành, đoàn thể',
      'UBND cấp huyện',
      'UBND cấp xã',
    ]);
  });

  it('knows aliases and OCR forms', () => {
    expect(splitUnitList('Sở TT&TT', 'Quảng Nam', units)).toEqual(['Sở Thông tin và Truyền thông']);
    expect(splitUnitList('S¢ Thong tin va Truyén thong', 'Hải Dương', units)).toEqual(['Sở Thông tin và Truyền thông']);
  });

  it('does not read ordinary words as units in clean text', () => {
    expect(units.mentions('tổ chức thực hiện kinh doanh', 'Hà Tĩnh')).toEqual([]);
  });

  it('applies group tasks to member units of the same locality only', () => {
    const health = units.findUnit('Sở Y tế', 'Quảng Nam')!;
    expect(units.covers('các sở, ban, ngành, đoàn thể, địa phương liên quan', health)).toBe('group');
    expect(units.covers('UBND cấp huyện', health)).toBeUndefined();
    expect(units.covers('Sở Y tế', health)).toBe('unit');
  });
});
