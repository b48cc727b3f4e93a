import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliLanguage, messagesOf, takeLanguageOption } from '../../src/cli/text.js';
import { cli } from '../helpers/cli.js';

const dataDir = mkdtempSync(join(tmpdir(), 'vneid-cli-lang-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const env = { DATA_DIR: dataDir, NOW: '2026-12-07' };

describe('the operator\'s language', () => {
  it('is --lang, then LC_ALL, then LANG, and Vietnamese by default', () => {
    expect(cliLanguage(undefined, {})).toBe('vi');
    expect(cliLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('vi');
    expect(cliLanguage(undefined, { LANG: 'vi_VN.UTF-8' })).toBe('vi');
    expect(cliLanguage(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(cliLanguage(undefined, { LANG: 'en_US.UTF-8', LC_ALL: 'vi_VN.UTF-8' })).toBe('vi');
    expect(cliLanguage(undefined, { LANG: 'vi_VN.UTF-8', LC_ALL: 'en_GB.UTF-8' })).toBe('en');
    expect(cliLanguage(undefined, { LANG: 'en_US.UTF-8', LC_ALL: '' })).toBe('en');
    expect(cliLanguage('vi', { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('vi');
    expect(cliLanguage('en', { LANG: 'vi_VN.UTF-8' })).toBe('en');
  });

  it('takes --lang out of the arguments wherever it stands, and only vi or en', () => {
    expect(takeLanguageOption(['--lang', 'en', 'officer', 'list'])).toEqual({ lang: 'en', args: ['officer', 'list'] });
    expect(takeLanguageOption(['officer', 'invite', '--unit', 'Sở Y tế', '--lang=vi'])).toEqual({ lang: 'vi', args: ['officer', 'invite', '--unit', 'Sở Y tế'] });
    expect(takeLanguageOption(['ask', '--', '--lang', 'en'])).toEqual({ lang: undefined, args: ['ask', '--', '--lang', 'en'] });
    expect(() => takeLanguageOption(['--lang', 'fr', 'help'])).toThrow();
    expect(() => takeLanguageOption(['help', '--lang'])).toThrow();
  });

  it('has every message in both languages, with the same {values}, and Vietnamese ones in Vietnamese', () => {
    const vi = messagesOf('vi');
    const en = messagesOf('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    const values = (m: string | string[]) => [...(Array.isArray(m) ? m.join('\n') : m).matchAll(/\{(\w+)\}/g)].map((v) => v[1]).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(values(en[key]), key).toEqual(values(vi[key]));
      expect(String(vi[key]).trim(), key).not.toBe('');
      if (key !== 'review.reason.negative') expect(vi[key], key).not.toEqual(en[key]);
    }
    // the help lists the same commands in both languages, each with what it does
    const commands = (m: string | string[]) => (m as string[]).map((l) => l.trim().split(/\s{2,}/));
    expect(commands(vi['usage.commands']).map(([synopsis]) => synopsis)).toEqual(commands(en['usage.commands']).map(([synopsis]) => synopsis));
    for (const [synopsis, what] of commands(vi['usage.commands'])) expect(what, synopsis).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/);
  });

  it('has help for every command main.ts dispatches (a new command needs its lines in both locales/cli.*.json)', () => {
    const main = readFileSync(new URL('../../src/cli/main.ts', import.meta.url), 'utf8');
    const table = /const COMMANDS\b[\s\S]*?=\s*\{([^}]*)\}/.exec(main)![1]!;
    const dispatched = table.split(',').map((entry) => entry.split(':')[0]!.trim().replace(/^'|'$/g, '')).filter(Boolean);
    expect(dispatched).toContain('officer');
    for (const lang of ['vi', 'en'] as const) {
      const helped = new Set((messagesOf(lang)['usage.commands'] as string[]).map((l) => l.trim().split(' ')[0]));
      expect(dispatched.filter((c) => !helped.has(c)), lang).toEqual([]);
    }
  });
});

describe('cli messages in Vietnamese by default, in English with --lang en or LANG=en…', () => {
  it('help', { timeout: 60_000 }, async () => {
    const [vi, en, envEn, lcAllVi, flagBeatsEnv, one] = await Promise.all([
      cli(['help'], env),
      cli(['help', '--lang', 'en'], env),
      cli(['help'], { ...env, LANG: 'en_US.UTF-8' }),
      cli(['help'], { ...env, LANG: 'en_US.UTF-8', LC_ALL: 'vi_VN.UTF-8' }),
      cli(['--lang', 'vi', 'help'], { ...env, LANG: 'en_US.UTF-8' }),
      cli(['officer', '--help', '--lang=en'], env),
    ]);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toMatch(/^Cách dùng: npm run -s cli -- <lệnh> \[tùy chọn\]/);
    expect(vi.stdout).toMatch(/^ {2}officer invite --unit NAME \[--locality NAME\] +tạo mã mời dùng một lần/m);
    expect(vi.stdout).toMatch(/^ {2}check \[--json\] +kiểm tra/m);
    expect(vi.stdout).not.toMatch(/Usage|Commands/);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/^Usage: npm run -s cli -- <command> \[options\]/);
    expect(en.stdout).toMatch(/^ {2}officer invite --unit NAME \[--locality NAME\] +a one-time code/m);
    expect(en.stdout).not.toMatch(/Cách dùng|Lệnh:/);
    expect(envEn.stdout).toBe(en.stdout);
    expect(lcAllVi.stdout).toBe(vi.stdout);
    expect(flagBeatsEnv.stdout).toBe(vi.stdout);
    expect(one.stdout).toMatch(/^Usage: npm run -s cli -- officer invite/);
    expect(one.stdout).not.toMatch(/campaign/);
  });

  it('errors: an unknown command, a missing argument, an unknown option, a wrong --lang', { timeout: 60_000 }, async () => {
    const [unknownVi, unknownEn, missingVi, missingEn, evalVi, evalEn, optionVi, optionEn, badLang] = await Promise.all([
      cli(['frobnicate'], env),
      cli(['frobnicate', '--lang', 'en'], env),
      cli(['officer', 'invite'], env),
      cli(['officer', 'invite', '--lang', 'en'], env),
      cli(['eval'], env),
      cli(['eval'], { ...env, LANG: 'en_GB.UTF-8' }),
      cli(['review', '--frob'], env),
      cli(['review', '--frob', '--lang', 'en'], env),
      cli(['help', '--lang', 'fr'], env),
    ]);
    expect(unknownVi.code).toBe(2);
    expect(unknownVi.stderr).toMatch(/Không có lệnh "frobnicate"\.\n\nCách dùng:/);
    expect(unknownEn.code).toBe(2);
    expect(unknownEn.stderr).toMatch(/Unknown command "frobnicate"\.\n\nUsage:/);
    expect(missingVi.code).toBe(1);
    expect(missingVi.stderr).toMatch(/^Lỗi: officer invite cần --unit "TÊN ĐƠN VỊ"/m);
    expect(missingEn.stderr).toMatch(/^Error: officer invite needs --unit "NAME"/m);
    expect(evalVi.code).toBe(2);
    expect(evalVi.stderr).toMatch(/^eval cần một tệp FILE\.jsonl\n\nCách dùng:/);
    expect(evalEn.stderr).toMatch(/^eval needs a FILE\.jsonl\n\nUsage:/);
    expect(optionVi.code).toBe(2);
    expect(optionVi.stderr).toMatch(/^Lệnh này không có tùy chọn --frob\./);
    expect(optionEn.stderr).toMatch(/^This command has no option --frob\./);
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toMatch(/--lang chỉ nhận vi \(tiếng Việt\) hoặc en \(tiếng Anh\)/);
  });

  it('an importer error', { timeout: 60_000 }, async () => {
    const file = join(dataDir, 'short.txt');
    writeFileSync(file, 'KẾ HOẠCH\n');
    const [vi, en] = await Promise.all([cli(['import-plan', file], env), cli(['import-plan', file, '--lang', 'en'], env)]);
    expect(vi.code).toBe(1);
    expect(vi.stderr).toMatch(/^Lỗi: .*short\.txt: quá ngắn để là một kế hoạch \(8 ký tự\)/m);
    expect(en.stderr).toMatch(/^Error: .*short\.txt: too short to be a plan \(8 characters\)/m);
  });

  it('officer invite', { timeout: 60_000 }, async () => {
    const vi = await cli(['officer', 'invite', '--unit', 'Sở Y tế', '--locality', 'Đà Nẵng'], env);
    expect(vi.code, vi.stderr).toBe(0);
    expect(vi.stdout).toMatch(/^Mã mời cho Sở Y tế \(Đà Nẵng\), chỉ dùng một lần, có hiệu lực đến 2026-12-14 00:00 UTC:\n\n {2}\/officer [A-Z0-9]+\n\nTrao mã trực tiếp cho cán bộ/);
    const en = await cli(['--lang', 'en', 'officer', 'invite', '--unit', 'Sở Y tế', '--locality', 'Đà Nẵng'], env);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/^Invite for Sở Y tế \(Đà Nẵng\), single use, valid until 2026-12-14 00:00 UTC:\n\n {2}\/officer [A-Z0-9]+\n\nGive it to the officer/);
  });

  it('campaign create, and campaign stats --json the same in both', { timeout: 60_000 }, async () => {
    const settings = { ...env, PUBLIC_URL: 'https://hotro.example.gov.vn', TELEGRAM_BOT_USERNAME: '', TELEGRAM_BOT_TOKEN: '', ZALO_OA_LINK: '' };
    const vi = await cli(['campaign', 'create', '--name', 'Áp phích chợ Hàn', '--locality', 'Đà Nẵng'], settings);
    expect(vi.code, vi.stderr).toBe(0);
    expect(vi.stdout).toMatch(/^Đã tạo chiến dịch "Áp phích chợ Hàn", mã (\S+)\n/);
    expect(vi.stdout).toMatch(/Telegram: +\(đặt TELEGRAM_BOT_TOKEN hoặc TELEGRAM_BOT_USERNAME để có liên kết t\.me\)/);
    expect(vi.stdout).toMatch(/Trang web: https:\/\/hotro\.example\.gov\.vn\/\?c=/);
    expect(vi.stdout).toMatch(/Mã QR: npm run -s cli -- campaign qr \S+ --out \S+\.png/);
    const en = await cli(['campaign', 'create', '--name', 'Tờ rơi chợ Cồn', '--lang', 'en'], settings);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/^Campaign "Tờ rơi chợ Cồn" created, code (\S+)\n/);
    expect(en.stdout).toMatch(/Web chat: https:\/\/hotro\.example\.gov\.vn\/\?c=/);
    expect(en.stdout).toMatch(/QR code: npm run -s cli -- campaign qr/);
    const [statsVi, statsEn, textVi, textEn] = await Promise.all([
      cli(['campaign', 'stats', '--json'], settings),
      cli(['campaign', 'stats', '--json', '--lang', 'en'], settings),
      cli(['campaign', 'stats'], settings),
      cli(['campaign', 'stats', '--lang', 'en'], settings),
    ]);
    expect(statsVi.stdout).toBe(statsEn.stdout);
    expect(JSON.parse(statsVi.stdout).map((r: { name: string }) => r.name)).toContain('(no campaign)');
    expect(textVi.stdout).toMatch(/direct — \(không qua chiến dịch\): 0 người dùng mới, 0 câu hỏi/);
    expect(textEn.stdout).toMatch(/direct — \(no campaign\): 0 new users, 0 questions/);
  });

  it('eval: the figure lines stay in English, the rest follows the language', { timeout: 60_000 }, async () => {
    const [vi, en, json] = await Promise.all([
      cli(['eval', 'data/samples/dialogues-dev.jsonl'], env),
      cli(['eval', 'data/samples/dialogues-dev.jsonl', '--lang', 'en'], env),
      cli(['eval', '--json', 'data/samples/dialogues-dev.jsonl', '--lang', 'en'], env),
    ]);
    expect(vi.stdout).toMatch(/^Theo nhãn \(correct = đúng/m);
    expect(en.stdout).toMatch(/^By tag:/m);
    for (const out of [vi.stdout, en.stdout]) {
      expect(out).toMatch(/^All: correct \d+\.\d%, clarified \d+\.\d%, fallback \d+\.\d%, wrong \d+\.\d% \(n=4\)$/m);
      expect(out).toMatch(/^Accuracy: \d+\.\d% \(\d\/4\)$/m);
    }
    const vJson = await cli(['eval', '--json', 'data/samples/dialogues-dev.jsonl'], env);
    expect(vJson.stdout).toBe(json.stdout);
  });
});
