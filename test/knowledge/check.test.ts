import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKnowledgeBase } from '../../src/cli/check.js';
import { cli } from '../helpers/cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const TODAY = '2026-11-23';

/** A copy of the knowledge base an editor may break, so the shipped one stays untouched. */
function copyOfKnowledgeBase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-'));
  for (const part of ['rules', 'locales', 'data']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (json: any) => void): void {
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  change(json);
  writeFileSync(path, JSON.stringify(json));
}

const errorsOf = (dir: string, today = TODAY) => checkKnowledgeBase(dir, today).findings.filter((f) => f.severity === 'error');

describe('the knowledge-base check (cli check)', () => {
  it('passes on the shipped knowledge base', () => {
    const { findings, checked } = checkKnowledgeBase(ROOT, TODAY);
    expect(findings).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(50);
  });

  it('fails, naming the intent, when an answer sends people to "Công an huyện" again', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'locales/vi.json', (l) => (l.answers['vneid.level2.how'].text += '\nHoặc đến Công an huyện.'));
    expect(errorsOf(dir)).toEqual([expect.objectContaining({ intent: 'vneid.level2.how', problem: expect.stringMatching(/cong an huyen/) })]);
  });

  it('fails when a facet names a "thị trấn"', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'locales/en.json', (l) => (l.answers['cccd.renew'].facets.place = 'Go to the police of your thị trấn.'));
    expect(errorsOf(dir).map((f) => f.intent)).toEqual(['cccd.renew']);
  });

  it('fails when an answer cites Decree 59/2022 as current, or a plan', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'data/answers.json', (a) => {
      a.answers['vneid.eligibility'].cites = ['decree_59_2022'];
      a.answers['fee'].cites.push('plan004');
    });
    const errors = errorsOf(dir);
    expect(errors).toContainEqual(expect.objectContaining({ intent: 'vneid.eligibility', problem: expect.stringMatching(/59\/2022.*replaced/) }));
    expect(errors).toContainEqual(expect.objectContaining({ intent: 'fee', problem: expect.stringMatching(/a plan/) }));
  });

  it('knows Decree 59/2022 was still current before 01/7/2024', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'data/answers.json', (a) => (a.answers['vneid.eligibility'].cites = ['decree_59_2022']));
    expect(errorsOf(dir, '2024-06-30').filter((f) => /59\/2022/.test(f.problem))).toEqual([]);
  });

  it('fails when an answer loses a fact it must state', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'locales/vi.json', (l) => (l.answers['vneid.level2.how'].text = l.answers['vneid.level2.how'].text.replaceAll('3 ngày làm việc', 'vài ngày')));
    expect(errorsOf(dir)).toEqual([expect.objectContaining({ intent: 'vneid.level2.how', problem: expect.stringMatching(/3 ngay lam viec/) })]);
  });

  it('fails on a phone number other than the hotline, and on a long answer', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'locales/vi.json', (l) => {
      l.answers['vneid.lost_phone'].text += ' Gọi 0912 345 678.';
      l.answers['fee'].text += ' x'.repeat(400);
    });
    const problems = errorsOf(dir).map((f) => `${f.intent}: ${f.problem}`);
    expect(problems).toContainEqual(expect.stringMatching(/vneid.lost_phone: .*0912345678/));
    expect(problems).toContainEqual(expect.stringMatching(/fee: .*characters/));
  });

  it('fails when one question is taught as an example of two topics (only one of them could be answered)', () => {
    const dir = copyOfKnowledgeBase();
    appendFileSync(join(dir, 'data/examples/fee.txt'), '\nĐăng ký mức 2 ở đâu vậy ad?\n');
    appendFileSync(join(dir, 'data/examples/vneid.level2.how.txt'), '\ndang ky muc 2 o dau vay ad\n');
    expect(errorsOf(dir)).toEqual([expect.objectContaining({ intent: 'vneid.level2.how', problem: expect.stringMatching(/also taught as fee/) })]);
  });

  it('lists answers not reviewed for more than six months, as warnings', () => {
    const { findings } = checkKnowledgeBase(ROOT, '2027-07-01');
    expect(findings.length).toBeGreaterThan(40);
    expect(findings.every((f) => f.severity === 'warning' && /not reviewed since 2026-\d\d-\d\d/.test(f.problem))).toBe(true);
  });

  it('runs from the command line with a readable report and exit code 1 on an error', async () => {
    const ok = await cli(['check'], { NOW: TODAY });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Đã kiểm tra \d+ chủ đề: 0 lỗi, 0 cảnh báo\./);
  });
});
