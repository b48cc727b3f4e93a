import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'vneid-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir };

describe('cli ask', () => {
  it('prints the contract JSON', async () => {
    const { stdout, code } = await cli(['ask', '--json', 'lam vneid ton tien ko'], env);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ intent: 'fee', source: expect.stringMatching(/69\/2024/) });
    expect(out.reply).toMatch(/miễn phí/);
    expect(out.buttons.length).toBeGreaterThanOrEqual(2);
  });

  it('successive calls with one --user form a conversation in the store', async () => {
    await cli(['ask', '--user', 'citizen-7', 'đăng ký định danh mức 1 thế nào'], env);
    const { stdout } = await cli(['ask', '--user', 'citizen-7', '--json', 'còn mức 2 thì sao?'], env);
    expect(JSON.parse(stdout).intent).toBe('vneid.level2.how');
  });
});

describe('cli output into a pipe that closes early (| head)', () => {
  it('ends quietly with code 0, no stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'ask', 'dk tk dddt'], {
      env: { ...process.env, ...env, REDIS_URL: '', DATABASE_URL: '', LANG: 'C.UTF-8' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // the reader is gone before the answer is printed, as when `head` has read its lines
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE/);
    expect(code).toBe(0);
  }, 60_000);
});

describe('cli eval', () => {
  it('prints accuracy by tag and the misses', async () => {
    const file = join(dataDir, 'mini.jsonl');
    writeFileSync(file, [
      JSON.stringify({ id: 'a', text: 'dang ky muc 2 o dau', intents: ['vneid.level2.how'], tags: ['nodiac'] }),
      JSON.stringify({ id: 'b', text: 'dang ky muc 2 o dau', intents: ['fee'], tags: ['nodiac'] }),
      JSON.stringify({ id: 'c', turns: [{ text: 'lam muc 2 o dau', intents: ['vneid.level2.how'] }, { text: 'co mat phi khong', intents: ['fee'] }] }),
    ].join('\n'));
    const { stdout, code } = await cli(['eval', file], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/b#0 "dang ky muc 2 o dau": cần fee, trợ lý trả lời vneid.level2.how/);
    // the figure lines stay in English in both languages (scripts and notes compare them)
    expect(stdout).toMatch(/nodiac\s+correct 50\.0%, clarified 0\.0%, fallback 0\.0%, wrong 50\.0% \(n=2\)/);
    expect(stdout).toMatch(/All: correct 75\.0%, clarified 0\.0%, fallback 0\.0%, wrong 25\.0% \(n=4\)/);
    expect(stdout).toMatch(/Accuracy: 75\.0% \(3\/4\)/);
  });

  it('prints one JSON line per question or turn with --json', async () => {
    const { stdout } = await cli(['eval', '--json', 'data/samples/dialogues-dev.jsonl'], env);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatchObject({ id: 'dd01', turn: 1, intent: 'vneid.level2.how' });
  });

  it('says what is wrong with a missing file', async () => {
    const { stderr, code } = await cli(['eval', 'nope.jsonl'], env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/nope\.jsonl/);
  });

  it('explains one command with "help COMMAND" and "COMMAND --help"', async () => {
    const help = await cli(['help', 'campaign'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/campaign qr CODE --out FILE\.png\|\.svg \[--allow-local\]/);
    expect(help.stdout).not.toMatch(/broadcast send/);
    const flag = await cli(['eval', '--help'], env);
    expect(flag.code).toBe(0);
    expect(flag.stdout).toMatch(/eval \[--json\]/);
  });

  it('explains usage for an unknown command', async () => {
    const { stderr, code } = await cli(['frobnicate'], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Không có lệnh "frobnicate"/);
  });
});
