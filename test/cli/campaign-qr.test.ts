import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

describe('campaign qr', () => {
  it('refuses to print a localhost address, says how to set PUBLIC_URL, and prints the public one', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vneid-qr-'));
    const env = { DATA_DIR: join(dir, 'data'), PUBLIC_URL: '', TELEGRAM_BOT_USERNAME: '', PORT: '8080' };
    const created = await cli(['campaign', 'create', '--name', 'Áp phích Hội An', '--channel', 'web'], env);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/http:\/\/localhost:8080\/\?c=/);
    const code = /mã (\S+)/.exec(created.stdout)![1]!;
    const refused = await cli(['campaign', 'qr', code, '--out', join(dir, 'local.png')], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/PUBLIC_URL/);
    expect(existsSync(join(dir, 'local.png'))).toBe(false);
    const test = await cli(['campaign', 'qr', code, '--out', join(dir, 'test.png'), '--allow-local'], env);
    expect(test.code).toBe(0);
    const printed = await cli(['campaign', 'qr', code, '--out', join(dir, 'poster.svg')], { ...env, PUBLIC_URL: 'https://hotro.example.gov.vn' });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/https:\/\/hotro\.example\.gov\.vn\/\?c=/);
    expect(existsSync(join(dir, 'poster.svg'))).toBe(true);
  });
});

describe('campaign links', () => {
  it('ask Telegram for the bot username (getMe) when only the token is set', { timeout: 60_000 }, async () => {
    const Fastify = (await import('fastify')).default;
    const stub = Fastify();
    stub.get('/bot123:abc/getMe', async () => ({ ok: true, result: { id: 123, is_bot: true, username: 'vneid_tinh_bot' } }));
    await stub.listen({ port: 0, host: '127.0.0.1' });
    const root = `http://127.0.0.1:${(stub.server.address() as { port: number }).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'vneid-links-'));
    const created = await cli(['campaign', 'create', '--name', 'Tờ rơi chợ'], { DATA_DIR: dir, TELEGRAM_BOT_USERNAME: '', TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_API_ROOT: root, PUBLIC_URL: 'https://hotro.example.gov.vn' });
    await stub.close();
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Telegram:\s+https:\/\/t\.me\/vneid_tinh_bot\?start=to-roi-cho-/);
  });
});
