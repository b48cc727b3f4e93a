import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'vneid-officer-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir, NOW: '2023-05-15' };

async function ask(user: string, text: string, now = env.NOW): Promise<{ intent: string; reply: string; buttons: { label: string; payload: string }[] }> {
  const { stdout, stderr, code } = await cli(['ask', '--user', user, '--json', text], { ...env, NOW: now });
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout);
}

async function invite(unit: string, locality: string): Promise<string> {
  const { stdout, code } = await cli(['officer', 'invite', '--unit', unit, '--locality', locality], env);
  expect(code).toBe(0);
  return /\/officer ([A-Z0-9]+)/.exec(stdout)![1]!;
}

// Each step starts the CLI as a new process (about 2 s on this machine, more when it is busy): a longer time limit.
describe('officers, end to end through the command line on the SQLite store', { timeout: 120_000 }, () => {
  it('an officer of Sở Y tế Đà Nẵng sees 2.3.1 (of Sở Y tế Quảng Nam) and group tasks, closes it, and it stays closed after a restart', async () => {
    const code = await invite('Sở Y tế', 'Đà Nẵng');
    expect((await ask('yte', `/officer ${code}`)).reply).toMatch(/cán bộ của Sở Y tế \(Đà Nẵng\)/);

    const open = await ask('yte', 'nhiem vu cua don vi toi');
    expect(open.intent).toBe('officer.tasks.open');
    expect(open.reply).toMatch(/• 2\.3\.1 \(KH 002\) · chủ trì \(trước đây: Sở Y tế, Quảng Nam\) · thường xuyên/);
    expect(open.reply).toMatch(/giao chung/);
    expect(open.reply).not.toMatch(/KH 003|Hà Tĩnh/);
    expect(open.buttons.some((b) => b.payload === 'ol:open:2')).toBe(true);

    // a citizen and another unit's officer write the same words: nothing changes
    expect((await ask('citizen', 'xong 2.3.1')).intent).toBe('fallback');
    const tt = await invite('Sở Khoa học và Công nghệ', 'Đà Nẵng');
    await ask('tttt', `/officer ${tt}`);
    expect((await ask('tttt', 'xong 2.3.1')).reply).toMatch(/Chỉ cán bộ của đơn vị chủ trì \(Sở Y tế\)/);
    expect((await ask('yte', 'nhiệm vụ của đơn vị tôi')).reply).toMatch(/2\.3\.1/);

    const done = await ask('yte', 'xong 2.3.1');
    expect(done.intent).toBe('officer.task.done');
    expect(done.reply).toMatch(/2\.3\.1 \(KH 002\) hoàn thành/);

    // each cli call is a new process on the same SQLite file: a restart
    const after = await ask('yte', 'nhiem vu cua don vi toi');
    expect(after.reply).not.toMatch(/• 2\.3\.1 /);
    const detail = await ask('yte', 'chi tiết 2.3.1');
    expect(detail.reply).toMatch(/Trạng thái: đã hoàn thành/);

    const history = await cli(['task', 'history', '2.3.1'], env);
    expect(history.stdout).toMatch(/xong\s+bởi console:yte \(Sở Y tế\): đang mở → đã xong/);
    expect(history.stdout).not.toMatch(/tttt/);
  });

  it('lists overdue and due-soon tasks from the clock in NOW', async () => {
    const code = await invite('Công an tỉnh', 'Hà Tĩnh');
    await ask('ca-ht', `/officer ${code}`);
    const overdue = await ask('ca-ht', 'nhiệm vụ quá hạn');
    expect(overdue.intent).toBe('officer.tasks.overdue');
    expect(overdue.reply).toMatch(/tính đến 2023-05-15/);
    expect(overdue.reply).toMatch(/I\.1 \(KH 003\) · chủ trì · 31\/01\/2022/);
    const soon = await ask('ca-ht', 'nhiem vu sap den han trong 60 ngay');
    expect(soon.intent).toBe('officer.tasks.due_soon');
    expect(soon.reply).toMatch(/đến 2023-07-14/);
    expect(soon.reply).toMatch(/31\/05\/2023|30\/06\/2023/);
    expect(soon.reply).not.toMatch(/31\/01\/2022/);
    // 01:30 on 15 May in Vietnam is still 14 May in UTC: the officer's day is Vietnam's
    expect((await ask('ca-ht', 'nhiệm vụ quá hạn', '2023-05-14T18:30:00Z')).reply).toMatch(/tính đến 2023-05-15/);
  });

  it('shows the tasks of a named unit and one task in full', async () => {
    const code = await invite('Văn phòng UBND tỉnh', 'Đà Nẵng');
    await ask('vp', `/officer ${code}`);
    const unit = await ask('vp', 'nhiem vu cua So Y te');
    expect(unit.intent).toBe('officer.tasks.unit');
    expect(unit.reply).toMatch(/Nhiệm vụ của Sở Y tế/);
    const detail = await ask('vp', 'chi tiết nhiệm vụ 2.3.4');
    expect(detail.reply).toMatch(/Chủ trì: Công an tỉnh/);
    expect(detail.reply).toMatch(/Thời hạn: 31\/03\/2023 \(Trong Quý I\/2023\)/);
  });

  it('refuses wrong and reused codes without saying which', async () => {
    const code = await invite('Sở Tư pháp', 'Đà Nẵng');
    expect((await ask('a', '/officer NOSUCHCODE1')).reply).toMatch(/Mã không hợp lệ hoặc đã hết hạn/);
    await ask('a', `/officer ${code}`);
    expect((await ask('b', `/officer ${code}`)).reply).toMatch(/Mã không hợp lệ hoặc đã hết hạn/);
    expect((await ask('b', 'nhiem vu cua don vi toi')).intent).not.toMatch(/^officer\./);
  });

  it('lists and revokes officers', async () => {
    const list = await cli(['officer', 'list'], env);
    expect(list.stdout).toMatch(/console:yte\tSở Y tế\tĐà Nẵng/);
    expect((await cli(['officer', 'revoke', 'console:yte'], env)).stdout).toMatch(/console:yte không còn là cán bộ/);
    expect((await ask('yte', 'nhiem vu cua don vi toi')).intent).not.toMatch(/^officer\./);
  });

  it('says what is wrong with an invite for an unknown or ambiguous unit', async () => {
    expect((await cli(['officer', 'invite', '--unit', 'Sở Y tế'], env)).stderr).toMatch(/"Sở Y tế" có ở .*Đà Nẵng.*: thêm --locality/);
    expect((await cli(['officer', 'invite', '--unit', 'Bộ Ngoại giao', '--locality', 'Đà Nẵng'], env)).stderr).toMatch(/Không có đơn vị "Bộ Ngoại giao" ở Đà Nẵng/);
    // names that no longer exist are refused with what replaced them
    const gone = await cli(['officer', 'invite', '--unit', 'Sở Thông tin và Truyền thông', '--locality', 'Đà Nẵng'], env);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toMatch(/Sở Thông tin và Truyền thông không còn từ ngày 01\/3\/2025: ý bạn là Sở Khoa học và Công nghệ/);
    const goneEn = await cli(['officer', 'invite', '--unit', 'Sở Thông tin và Truyền thông', '--locality', 'Đà Nẵng', '--lang', 'en'], env);
    expect(goneEn.stderr).toMatch(/Sở Thông tin và Truyền thông no longer exists since 01\/3\/2025: did you mean Sở Khoa học và Công nghệ/);
    expect((await cli(['officer', 'invite', '--unit', 'Sở Y tế', '--locality', 'Quảng Nam'], env)).stderr).toMatch(/Quảng Nam không còn từ ngày 01\/7\/2025 .*: dùng --locality "Đà Nẵng"/);
  });
});
