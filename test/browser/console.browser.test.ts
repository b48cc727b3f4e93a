import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Subscriptions } from '../../src/broadcasts/subscriptions.js';
import { campaignReport, reportTotals } from '../../src/campaigns/campaign-report.js';
import { chromiumAvailable, servedInChromium } from '../helpers/browser.js';
import { consoleApp, PASSWORDS } from '../helpers/console.js';

const require = createRequire(import.meta.url);
// jsqr is CommonJS with a default export
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;
const available = chromiumAvailable('console');

const PUBLIC_URL = 'https://hotro.example.gov.vn';
const { app, parts, store, assistant } = await consoleApp({ env: { PUBLIC_URL, LOGIN_ATTEMPTS_PER_ACCOUNT: '100', LOGIN_ATTEMPTS_PER_ADDRESS: '100' } });
const UNANSWERED = 'hệ thống đòi quét khuôn mặt mãi không qua';

// Seeded figures: one campaign, two people on Telegram, answered and unanswered questions, a 👍, a subscriber.
const poster = await parts.campaigns.create('Áp phích Hội An', { locality: 'Đà Nẵng' });
const say = (userId: string, text: string) => assistant.handle({ channel: 'telegram', userId, text });
await say('t1', `/start ${poster.code}`);
for (const q of ['dk muc 2 o dau', 'có mất phí không', UNANSWERED]) await say('t1', q);
await assistant.handle({ channel: 'telegram', userId: 't1', button: 'fb:up' });
for (const q of [UNANSWERED, 'quen mat khau vneid']) await say('t2', q);
await new Subscriptions(store, parts.clock).subscribe('telegram', 't1', 'Đà Nẵng');
const expected = reportTotals(await campaignReport(parts.stats, parts.campaigns, [...parts.knowledge.knowledge.intents], { since: '2026-10-24' }, parts.clock));

/** Waits for the page: generous, since the machine may be busy with other tests. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });
let inviteCode = '';
const served = servedInChromium(app, available);

async function signedIn(name: keyof typeof PASSWORDS, width = 1280, bypassCSP = false): Promise<Page> {
  // bypassCSP only to inject axe-core for the accessibility check
  const context = await served.browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true, bypassCSP });
  const page = await context.newPage();
  await page.goto(`${served.base}/admin/`);
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(name);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORDS[name]);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await poll(() => page.locator('#who').textContent()).toMatch(name);
  return page;
}

describe.runIf(available)('the console in headless Chromium', { timeout: 90_000 }, () => {
  it('asks for a sign-in, and its API answers 401 to a browser without a session', async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.base}/admin/`);
    await poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).count()).toBe(1);
    for (const path of ['/api/admin/overview', '/api/admin/review', '/api/admin/tasks']) expect((await page.request.get(`${served.base}${path}`)).status()).toBe(401);
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await poll(() => page.getByRole('alert').textContent()).toMatch(/Sai tên đăng nhập/);
    await page.close();
  });

  it('shows the overview with the figures of campaign stats and a chart, on a phone without sideways scrolling', async () => {
    const page = await signedIn('admin', 390);
    await poll(() => page.locator('#figures').textContent()).toContain(`${expected.questions}Câu hỏi`);
    expect(expected.questions).toBe(5);
    expect(await page.locator('#figures').textContent()).toContain(`${expected.rates.answered.toLocaleString('vi-VN')} %Trả lời được`);
    expect(await page.locator('#figures').textContent()).toContain('1 (100 %)');
    expect(await page.locator('canvas#per-day').count()).toBe(1);
    expect(await page.locator('table').first().textContent()).toContain('Áp phích Hội An');
    expect(await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')).toBe(false);
    await page.getByRole('button', { name: 'English' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.context().close();
  });

  it('gives a review question to an intent, shows the answer it now gets, and the web chat answers it', async () => {
    const chat = await served.browser.newPage();
    await chat.goto(`${served.base}/`);
    const answers = chat.locator('.msg.bot:not(.typing)');
    // waits for the greeting first, so that it cannot be taken for the answer
    const askChat = async () => {
      await poll(async () => (await answers.last().textContent()) ?? '').toContain('Xin chào');
      const shown = await answers.count();
      await chat.getByLabel('Câu hỏi của bạn').fill(UNANSWERED);
      await chat.getByRole('button', { name: 'Gửi' }).click();
      await poll(() => answers.count()).toBeGreaterThan(shown);
      return (await answers.last().textContent()) ?? '';
    };
    const before = await askChat();
    const page = await signedIn('editor');
    await page.goto(`${served.base}/admin/#review`);
    const item = page.locator('li.review-item', { hasText: UNANSWERED });
    await poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toMatch(/\d lần · không biết/);
    await item.getByLabel('Gán vào chủ đề').selectOption('vneid.login_problem');
    await item.getByRole('button', { name: 'Gán làm câu hỏi mẫu' }).click();
    await poll(() => item.locator('.success').textContent()).toMatch(/vneid\.login_problem/);
    const expectedAnswer = parts.knowledge.content.locales.vi.answers['vneid.login_problem']!.text.slice(0, 40);
    expect(await item.locator('.success').textContent()).toContain(expectedAnswer);
    await chat.reload();
    await chat.getByRole('button', { name: 'Xóa cuộc trò chuyện' }).click();
    const after = await askChat();
    expect(after).not.toBe(before);
    expect(after).toContain(expectedAnswer);
    expect((await parts.examples.list()).map((e) => e.intent)).toEqual(['vneid.login_problem']);
    await page.reload();
    await poll(() => page.getByRole('heading', { name: 'Cần xem lại' }).count()).toBe(1);
    expect(await page.locator('li.review-item', { hasText: UNANSWERED }).count()).toBe(0);
    await page.context().close();
    await chat.close();
  });

  it('creates a campaign and downloads its QR code, which leads to the public address; shows the embed snippet', async () => {
    const page = await signedIn('editor');
    await page.goto(`${served.base}/admin/#campaigns`);
    await page.getByLabel('Tên chiến dịch').fill('Tờ rơi chợ Hàn');
    await page.getByLabel('Địa bàn').selectOption('Đà Nẵng');
    await page.getByRole('button', { name: 'Tạo chiến dịch' }).first().click();
    const card = page.locator('article', { hasText: 'Tờ rơi chợ Hàn' });
    await poll(() => card.locator('.success').count()).toBe(1);
    const code = (await card.locator('code').first().textContent())!;
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Tải mã QR (PNG)' }).click()]);
    const png = PNG.sync.read(readFileSync((await download.path())!));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(`${PUBLIC_URL}/?c=${code}`);
    expect(await page.locator('#embed-snippet').textContent()).toContain(`<iframe src="${PUBLIC_URL}/"`);
    await page.context().close();
  });

  it('shows the page asked for last, even when the one before finishes loading later', async () => {
    const page = await signedIn('admin');
    // the overview's figures come slowly; the person has moved on to the officers page meanwhile
    await page.route('**/api/admin/overview**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.goto(`${served.base}/admin/#campaigns`);
    await page.goto(`${served.base}/admin/#overview`);
    await page.goto(`${served.base}/admin/#officers`);
    await poll(() => page.getByLabel('Đơn vị').count()).toBe(1);
    await page.waitForTimeout(2000);
    expect(await page.locator('#view h1').textContent()).toBe('Cán bộ');
    await page.context().close();
  });

  it('lets an administrator invite an officer (code shown once) and see every unit; a broadcast preview counts its recipients', async () => {
    const page = await signedIn('admin');
    await page.goto(`${served.base}/admin/#officers`);
    await page.getByLabel('Địa bàn').selectOption('Đà Nẵng');
    await page.getByLabel('Đơn vị').selectOption('Sở Y tế');
    await page.getByRole('button', { name: 'Tạo mã mời' }).click();
    await poll(() => page.locator('#invite-code').textContent()).toMatch(/^\/officer [A-Z0-9]{10}$/);
    inviteCode = (await page.locator('#invite-code').textContent())!;
    await page.goto(`${served.base}/admin/#tasks`);
    await poll(() => page.locator('tbody tr').count()).toBeGreaterThan(5);
    await page.goto(`${served.base}/admin/#broadcasts`);
    await page.getByLabel('Nội dung tin').fill('Từ 01/12, mang căn cước đến Công an cấp xã để kích hoạt mức 2.');
    await page.getByLabel('Gửi cho địa bàn').selectOption('Đà Nẵng');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await poll(() => page.locator('#bc-count').textContent()).toMatch(/Sẽ gửi đến 1 người/);
    await page.context().close();
  });

  it('shows an officer only their own unit, even when another is asked for in the address', async () => {
    const page = await signedIn('officer');
    await poll(() => page.getByRole('heading', { name: 'Nhiệm vụ', level: 1 }).count()).toBe(1);
    expect(await page.locator('nav a').allTextContents()).toEqual(['Nhiệm vụ']);
    await poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').textContent()).toMatch(/Sở Y tế.*Đà Nẵng/);
    await page.goto(`${served.base}/admin/#tasks/unit/${encodeURIComponent('Hà Tĩnh')}/${encodeURIComponent('Công an tỉnh')}`);
    await poll(() => page.locator('#unit-title').textContent()).toBe('Sở Y tế — Đà Nẵng');
    expect((await page.request.get(`${served.base}/api/admin/overview`)).status()).toBe(403);
    await page.context().close();
  });

  it('lets an invited officer make their own account with the code and sign in to their unit', async () => {
    expect(inviteCode).not.toBe('');
    const page = await served.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${served.base}/admin/`);
    await page.getByText('Cán bộ có mã mời').click();
    await page.getByLabel('Mã mời').fill(inviteCode);
    await page.getByLabel('Tên đăng nhập mới').fill('hoa.yte');
    await page.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill('hoa-password-123');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await poll(() => page.locator('details .success').textContent()).toMatch(/hoa\.yte \(Sở Y tế, Đà Nẵng\)/);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('hoa-password-123');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await poll(() => page.locator('#who').textContent()).toMatch(/hoa\.yte/);
    await poll(() => page.locator('tbody tr').textContent()).toMatch(/Sở Y tế.*Đà Nẵng/);
    await page.close();
  });

  it('has no serious accessibility violations (axe-core) on any page, on a phone', async () => {
    const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const page = await signedIn('admin', 390, true);
    for (const hash of ['#overview', '#review', '#campaigns', '#officers', '#tasks', '#broadcasts', '#accounts', '#handoff']) {
      await page.goto(`${served.base}/admin/${hash}`);
      await poll(() => page.locator('main h1').count()).toBe(1);
      await page.evaluate(axe);
      const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string }[] };
      console.log(`axe ${hash}: ${result.violations.map((v) => `${v.id} (${v.impact})`).join(', ') || 'none'}`);
      expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${hash} ${v.id}`)).toEqual([]);
    }
    await page.context().close();
  });
});
