import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { LocalStore } from '../../src/storage/local-store.js';
import { testAssistant } from '../helpers/assistant.js';
import { chromiumAvailable, servedInChromium } from '../helpers/browser.js';

const require = createRequire(import.meta.url);
const available = chromiumAvailable('web chat');

const store = LocalStore.memory();
const app = await buildApp({ assistant: testAssistant({ store }), store, channels: () => [] });
const served = servedInChromium(app, available);

describe.runIf(available)('web chat in headless Chromium', () => {
  it('greets, answers a typed question, follows a pressed button, and fits a phone screen', async () => {
    const page = await served.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${served.base}/`);
    await expect.poll(() => page.locator('.msg.bot:not(.typing)').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.msg.bot:not(.typing)').first().textContent()).toMatch(/Xin chào/);

    await page.getByLabel('Câu hỏi của bạn').fill('dk muc 2 o dau');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => page.locator('.msg.bot:not(.typing)').count()).toBeGreaterThanOrEqual(2);
    const answer = page.locator('.msg.bot:not(.typing)').nth(1);
    expect(await answer.textContent()).toMatch(/Công an cấp xã/);
    expect(await answer.locator('.source').textContent()).toMatch(/^Nguồn:/);

    await page.getByRole('button', { name: 'Có mất phí không?' }).click();
    await expect.poll(() => page.locator('.msg.bot:not(.typing)').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.msg.bot:not(.typing)').nth(2).textContent()).toMatch(/miễn phí/);

    // 👎 under the answer: an apology, and the question goes to the editors' review list
    await page.getByRole('button', { name: '👎 Chưa đúng' }).click();
    await expect.poll(async () => (await page.locator('.msg.bot:not(.typing)').last().textContent()) ?? '').toMatch(/Xin lỗi/);

    const overflow = await page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    expect(overflow).toBe(false);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/web-chat-phone.png' });
  });

  it('shows a long answer from its first line on a small screen, not from its end', async () => {
    const page = await served.browser.newPage({ viewport: { width: 360, height: 640 } });
    await page.goto(`${served.base}/`);
    await expect.poll(() => page.locator('.msg.bot:not(.typing)').count()).toBeGreaterThanOrEqual(1);
    await page.getByLabel('Câu hỏi của bạn').fill('lam can cuoc gan chip mat bao lau');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => page.locator('.chips').count()).toBe(1);
    const answer = page.locator('.msg.bot:not(.typing)').last();
    const [answerTop, logTop] = await Promise.all([answer.evaluate((e) => e.getBoundingClientRect().top), page.locator('#log').evaluate((e) => e.getBoundingClientRect().top)]);
    expect(answerTop).toBeGreaterThanOrEqual(logTop);
  });

  it('switches to English', async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.base}/`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('#title').textContent()).toBe('Electronic ID assistant');
    await page.getByLabel('Your question').fill('is it free?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(async () => (await page.locator('.msg.bot:not(.typing)').last().textContent()) ?? '').toMatch(/is free/);
  });
});

describe.runIf(available)('the web chat as people expect it', () => {
  it('keeps the conversation across a reload, and "Xóa cuộc trò chuyện" forgets it', async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.base}/`);
    await page.getByLabel('Câu hỏi của bạn').fill('đăng ký định danh mức 1 thế nào');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => page.locator('.msg.bot:not(.typing)').count()).toBeGreaterThanOrEqual(2);
    await page.reload();
    await expect.poll(async () => (await page.locator('#log').textContent()) ?? '').toMatch(/đăng ký định danh mức 1 thế nào/);
    // the server remembers the topic too: a follow-up after the reload is understood
    await page.getByLabel('Câu hỏi của bạn').fill('còn mức 2 thì sao?');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(async () => (await page.locator('.msg.bot:not(.typing)').last().textContent()) ?? '').toMatch(/Công an cấp xã/);
    await page.getByRole('button', { name: 'Xóa cuộc trò chuyện' }).click();
    await expect.poll(async () => (await page.locator('#log').textContent()) ?? '').not.toMatch(/mức 1 thế nào/);
    await page.reload();
    expect((await page.locator('#log').textContent()) ?? '').not.toMatch(/mức 1 thế nào/);
  });

  it('makes links clickable and safe, shows a typing indicator while waiting, and offers no subscribe dead end', async () => {
    const page = await served.browser.newPage();
    await page.route('**/api/chat', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await page.goto(`${served.base}/`);
    await expect.poll(() => page.locator('.msg.bot:not(.typing)').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('button', { name: 'Nhận tin mới' }).count()).toBe(0);
    await page.getByLabel('Câu hỏi của bạn').fill('mat dien thoai thi khoa tai khoan vneid the nao');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => page.locator('.typing').count()).toBe(1);
    await expect.poll(() => page.locator('.typing').count(), { timeout: 10_000 }).toBe(0);
    const link = page.locator('.msg.bot a').first();
    expect(await link.getAttribute('href')).toBe('https://vneid.gov.vn/');
    expect(await link.getAttribute('rel')).toMatch(/noopener/);
    expect(await link.getAttribute('target')).toBe('_blank');
    await page.screenshot({ path: 'test-results/web-chat-desktop.png' });
  });

  it('shows a clear message and a retry button when the network fails', async () => {
    const page = await served.browser.newPage();
    await page.goto(`${served.base}/`);
    await expect.poll(() => page.locator('.msg.bot:not(.typing)').count()).toBeGreaterThanOrEqual(1);
    await page.route('**/api/chat', (route) => route.abort());
    await page.getByLabel('Câu hỏi của bạn').fill('đăng ký mức 2 ở đâu');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(async () => (await page.locator('.msg.bot:not(.typing)').last().textContent()) ?? '').toMatch(/Không gửi được/);
    await page.unroute('**/api/chat');
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await expect.poll(async () => (await page.locator('.msg.bot:not(.typing)').last().textContent()) ?? '').toMatch(/Công an cấp xã/);
  });

  it('has no serious accessibility violations (axe-core), on a phone and on a desktop, light and dark', async () => {
    const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    for (const [width, scheme] of [[390, 'light'], [1280, 'dark']] as const) {
      const context = await served.browser.newContext({ viewport: { width, height: 844 }, colorScheme: scheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${served.base}/`);
      await expect.poll(() => page.locator('.msg.bot:not(.typing)').count()).toBeGreaterThanOrEqual(1);
      await page.evaluate(axe);
      const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: { id: string; impact: string; nodes: unknown[] }[] };
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      console.log(`axe (${width}px, ${scheme}): ${result.violations.length} violations, ${serious.length} serious or critical${result.violations.length ? `: ${result.violations.map((v) => `${v.id} (${v.impact})`).join(', ')}` : ''}`);
      expect(serious.map((v) => v.id)).toEqual([]);
      await page.screenshot({ path: `test-results/web-chat-${width}-${scheme}.png` });
      await context.close();
    }
  });
});
