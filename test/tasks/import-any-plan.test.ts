import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fold } from '../../src/nlu/fold.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { agreement, describeAgreement, type CheckedTask } from '../../src/tasks/import/accuracy.js';
import { ImportError, readPlan } from '../../src/tasks/import/import-plan.js';
import { readIssuer } from '../../src/tasks/import/letterhead.js';
import { savePlan, SaveError } from '../../src/tasks/import/save-plan.js';
import { parseDeadline } from '../../src/tasks/deadline.js';
import { Succession } from '../../src/tasks/succession.js';
import { TaskBook } from '../../src/tasks/task-book.js';
import { splitUnitList, UnitDirectory } from '../../src/tasks/units.js';
import { cli } from '../helpers/cli.js';

const root = new URL('../../', import.meta.url).pathname;
const units = () => UnitDirectory.load(join(root, 'data/units.json'));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const FIXTURE = 'test/fixtures/plans/lam-dong-2025';
const expected = JSON.parse(read(`${FIXTURE}.expected.json`)) as { plan: Record<string, string>; newUnits: string[]; tasks: CheckedTask[] };

/** Text as OCR without diacritics gives it: marks and đ gone, case kept. */
const withoutMarks = (t: string) => t.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

function meetsTarget(name: string, found: Parameters<typeof agreement>[0], truth: CheckedTask[]): void {
  const a = agreement(found, truth);
  console.log(`${name}: ${describeAgreement(a)}${a.misses.length ? ` (${a.misses.join('; ')})` : ''}`);
  expect(a.found / a.expected).toBeGreaterThanOrEqual(0.95);
  expect(a.lead / a.found).toBeGreaterThanOrEqual(0.95);
  expect(a.deadline / a.found).toBeGreaterThanOrEqual(0.95);
  expect(a.support / a.found).toBeGreaterThanOrEqual(0.95);
}

describe('import accuracy (tasks found, leads, coordinating units, deadlines ≥ 95%)', () => {
  const plans = readdirSync(join(root, 'data/plans')).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));

  it.each(plans.filter((p) => (JSON.parse(read(`data/tasks/${p}.json`)) as { tasks: unknown[] }).tasks.length > 0))('bundled plan %s against its reviewed list', (plan) => {
    const gold = `data/gold/${plan}.tasks.json`;
    const truth = JSON.parse(read(existsSync(join(root, gold)) ? gold : `data/tasks/${plan}.json`)) as { tasks: CheckedTask[] };
    meetsTarget(plan, readPlan(`${plan}.txt`, read(`data/plans/${plan}.txt`), units()).list.tasks, truth.tasks);
  });

  it('bundled plan 004 (standing duties only) gives the reviewed duties', () => {
    const plan = '004_81adb32cd01a6c9e';
    expect(readPlan(`${plan}.txt`, read(`data/plans/${plan}.txt`), units()).list.duties).toEqual(JSON.parse(read(`data/tasks/${plan}.json`)).duties);
  });

  const fixtures = readdirSync(join(root, 'test/fixtures/plans')).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));

  it.each(fixtures)('plan %s, in a new layout from a province data/units.json does not know, against its hand-checked list', (name) => {
    const truth = JSON.parse(read(`test/fixtures/plans/${name}.expected.json`)) as typeof expected;
    const result = readPlan(`${name}.txt`, read(`test/fixtures/plans/${name}.txt`), units());
    expect(result.list.plan).toMatchObject(truth.plan);
    expect(result.newLocality).toMatchObject({ name: truth.plan.locality, kind: 'province', review: true });
    expect(result.newUnits.map((u) => u.unit.name)).toEqual(truth.newUnits);
    expect(result.newUnits.every((u) => u.unit.review === true)).toBe(true);
    meetsTarget(name, result.list.tasks, truth.tasks);
  });

  it('the same plan as OCR text without diacritics (names compared folded: they are kept as the text writes them)', () => {
    const result = readPlan('lam-dong-ocr.txt', withoutMarks(read(`${FIXTURE}.txt`)), units());
    expect(result.list.plan).toMatchObject({ locality: 'Lam Dong', number: '1187/KH-UBND', date: '2025-04-14' });
    const folded = <T extends CheckedTask>(t: T) => ({ ...t, lead: t.lead.map(fold), support: t.support.map(fold) });
    meetsTarget('lam-dong-2025 without marks', result.list.tasks.map(folded), expected.tasks.map(folded));
  });
});

describe('the issuer from the letterhead', () => {
  it.each([
    ['UBND TỈNH LÂM ĐỒNG\nSố: 12/KH-UBND', { kind: 'province', name: 'Lâm Đồng' }],
    ['ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH GIA LAI           Độc lập - Tự do - Hạnh phúc', { kind: 'province', name: 'Gia Lai' }],
    ['UY BAN NHAN DAN   CONG HOA XA HQI CHU NGHIA VIET NAM\nHUYEN DUC TRONG  Poc lap - Tu do - Hanh phuc\nSb: 33/KH-UBND   Duc Trong, ngay 3 thang 5 nam 2024', { kind: 'district', name: 'Duc Trong' }],
    ['UBND TỈNH THANH HÓA\nUBND HUYỆN QUẢNG XƯƠNG\nSố: 263/KH-UBND', { kind: 'district', name: 'Quảng Xương', parent: 'Thanh Hóa' }],
    ['ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG\nSố: 5/KH-UBND', { kind: 'province', title: 'thành phố', name: 'Đà Nẵng' }],
    ['UBND TỈNH BÀ RỊA - VŨNG TÀU   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { kind: 'province', name: 'Bà Rịa - Vũng Tàu' }],
    ['UBND HUYỆN ĐỨC TRỌNG      TỈNH LÂM ĐỒNG', { kind: 'district', name: 'Đức Trọng' }],
    ['KẾ HOẠCH\nỦy ban nhân dân tỉnh chỉ đạo triển khai trên địa bàn tỉnh Sơn La như sau:', { kind: 'province', name: 'Sơn La' }],
  ])('%j', (text, issuer) => {
    expect(readIssuer(text)).toEqual(issuer);
  });

  it('a plan without letterhead or known locality is refused with the reason', () => {
    expect(() => readPlan('x.txt', 'KẾ HOẠCH\n'.padEnd(400, 'nội dung '), units())).toThrow(ImportError);
  });
});

describe('names and deadlines of new layouts', () => {
  it('keeps an unknown unit whose name holds "và" in one piece, and still splits "A và Sở B"', () => {
    expect(splitUnitList('Sở Dân tộc và Tôn giáo; UBND cấp xã', 'Hà Tĩnh', units())).toEqual(['Sở Dân tộc và Tôn giáo', 'UBND cấp xã']);
    expect(splitUnitList('Trung tâm Phục vụ hành chính công và Sở Dân tộc và Tôn giáo', 'Hà Tĩnh', units())).toEqual(['Trung tâm Phục vụ hành chính công', 'Sở Dân tộc và Tôn giáo']);
  });

  it('reads a school year as ending on 31 May', () => {
    expect(parseDeadline('Năm học 2025-2026')).toMatchObject({ kind: 'date', due: '2026-05-31' });
    expect(parseDeadline('Giai đoạn 2025-2026')).toMatchObject({ kind: 'date', due: '2026-12-31' });
  });
});

describe('import-plan --save', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dataCopy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vneid-import-'));
    dirs.push(dir);
    cpSync(join(root, 'data/tasks'), join(dir, 'tasks'), { recursive: true });
    cpSync(join(root, 'data/units.json'), join(dir, 'units.json'));
    return dir;
  };

  it('writes the task list and the new units, marked for review, and a running task book serves them without a restart', async () => {
    const data = dataCopy();
    const directory = UnitDirectory.load(join(data, 'units.json'));
    const book = TaskBook.load(join(data, 'tasks'), directory, LocalStore.memory(), Succession.none(directory)).watch(join(data, 'tasks'), join(data, 'units.json'), 0);
    expect(directory.unitsOf('Lâm Đồng')).toEqual([]);

    const saved = savePlan(readPlan('lam-dong-2025.txt', read(`${FIXTURE}.txt`), directory), data);
    expect(saved.addedLocality).toBe('Lâm Đồng');
    expect(saved.addedUnits).toEqual(expected.newUnits);
    const file = JSON.parse(readFileSync(join(data, 'units.json'), 'utf8'));
    expect(file.localities.find((l: { name: string }) => l.name === 'Lâm Đồng')).toMatchObject({ review: true });
    expect(JSON.parse(readFileSync(saved.taskFile, 'utf8')).review).toContain('new unit "Thuế tỉnh Lâm Đồng" (kind agency) in Lâm Đồng: check its name, kind and aliases in data/units.json');

    // the book in hand reads the new files at the next question (the officer desk asks it first)
    book.refresh();
    const police = () => directory.unitsOf('Lâm Đồng').find((u) => u.name === 'Công an tỉnh')!;
    const tasks = await book.tasksOf(police());
    expect(tasks.filter((t) => t.role === 'lead').map((t) => t.task.code)).toEqual(expect.arrayContaining(['1', '2', 'I.1', 'III.4']));
    const tax = directory.unitsOf('Lâm Đồng').find((u) => u.name === 'Thuế tỉnh Lâm Đồng')!;
    expect((await book.tasksOf(tax)).map((t) => [t.task.code, t.role])).toEqual([['II.4', 'lead'], ['III.4', 'group']]);
  });

  it('never overwrites a reviewed list unless asked to', () => {
    const data = dataCopy();
    const result = readPlan('000_f804b26e1f6b5cd9.txt', read('data/plans/000_f804b26e1f6b5cd9.txt'), units());
    expect(() => savePlan(result, data)).toThrow(SaveError);
    expect(savePlan(result, data, true).taskFile).toMatch(/000_f804b26e1f6b5cd9\.json$/);
  });

  it('prints what it added and what to review (command line)', { timeout: 60_000 }, async () => {
    const data = dataCopy();
    const { stdout, code, stderr } = await cli(['import-plan', `${FIXTURE}.txt`, '--save', '--data', data]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Đã thêm địa phương "Lâm Đồng" vào data\/units\.json, đánh dấu "review": true/);
    expect(stdout).toMatch(/Đã thêm 6 đơn vị/);
    expect(stdout).toMatch(/Cần rà soát/);
    // the points to review are printed, and kept in the task file, in the operator's language
    expect(stdout).toMatch(/- đơn vị mới "Thuế tỉnh Lâm Đồng" \(kind agency\) ở Lâm Đồng: kiểm tra tên, kind và aliases trong data\/units\.json/);
    expect(JSON.parse(readFileSync(join(data, 'tasks', 'lam-dong-2025.json'), 'utf8')).review).toContain('đơn vị mới "Thuế tỉnh Lâm Đồng" (kind agency) ở Lâm Đồng: kiểm tra tên, kind và aliases trong data/units.json');
    const again = await cli(['import-plan', `${FIXTURE}.txt`, '--save', '--data', data, '--lang', 'en']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/lam-dong-2025\.json exists and may have been corrected by hand: .*--replace/);
    expect(stdout).toMatch(/không cần khởi động lại/);
  });
});
