import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/nlu/fold.js';
import { ask, sharedKnowledge, testAssistant } from '../helpers/assistant.js';

interface IntentSpec {
  id: string;
  must_mention?: string[][];
}
const spec = JSON.parse(readFileSync(new URL('../../data/spec/intents.json', import.meta.url), 'utf8')) as {
  citizen: IntentSpec[];
  conversation: IntentSpec[];
};

describe('answers', () => {
  const { renderer, knowledge } = sharedKnowledge();

  it.each(spec.citizen.map((i) => [i.id, i] as const))('%s states its required facts and names a source', (id, intent) => {
    const reply = renderer.answer(id, 'vi');
    const folded = fold(reply.text);
    for (const options of intent.must_mention ?? []) {
      expect(options.some((o) => folded.includes(fold(o))), `${id} should mention one of ${options.join(' / ')}`).toBe(true);
    }
    expect(reply.source).toMatch(/^Nguồn: .+/);
    expect(reply.text.length).toBeLessThan(900 + reply.source.length);
  });

  it('has a rule for every citizen and conversation intent of the spec', () => {
    for (const intent of [...spec.citizen, ...spec.conversation]) {
      if (intent.id === 'fallback' || intent.id === 'clarify') continue;
      expect(knowledge.intents.has(intent.id), intent.id).toBe(true);
    }
  });

  it('offers two to four next questions with every answer, each under 64 bytes', () => {
    for (const intent of [...spec.citizen, ...spec.conversation]) {
      for (const language of ['vi', 'en'] as const) {
        const { buttons } = renderer.answer(intent.id, language);
        expect(buttons.length, intent.id).toBeGreaterThanOrEqual(2);
        expect(buttons.length, intent.id).toBeLessThanOrEqual(4);
        for (const b of buttons) expect(Buffer.byteLength(b.payload), b.payload).toBeLessThanOrEqual(64);
      }
    }
  });

  it('gives the current rule: Decree 69/2024 replaced Decree 59/2022', async () => {
    const reply = await ask(testAssistant(), 'nghị định 59/2022 còn hiệu lực không');
    expect(reply.intent).toBe('legal.basis');
    expect(reply.text).toContain('69/2024');
    expect(reply.text).toMatch(/thay thế/);
  });

  it('answers in English when asked in English', async () => {
    const reply = await ask(testAssistant(), 'how to get a level 2 electronic ID');
    expect(reply.intent).toBe('vneid.level2.how');
    expect(reply.language).toBe('en');
    expect(reply.text).toMatch(/police/);
    expect(reply.source).toMatch(/^Source: /);
  });

  it('splits the list of 25 services behind a "more" button', async () => {
    const assistant = testAssistant();
    const reply = await ask(assistant, 'danh sách 25 dịch vụ công thiết yếu');
    const more = reply.buttons.find((b) => b.payload.startsWith('more:'));
    expect(more).toBeDefined();
    const page2 = await assistant.handle({ channel: 'console', userId: 'u1', button: more!.payload });
    expect(page2.text).toContain('25 Đổi chủ hợp đồng điện');
  });

  it('names the service asked about', async () => {
    const reply = await ask(testAssistant(), 'đăng ký kết hôn online được không');
    expect(reply.intent).toBe('dvc.essential_services');
    expect(reply.text.startsWith('«Đăng ký kết hôn» là một trong 25 dịch vụ công thiết yếu')).toBe(true);
  });

  it('gives no phone number but the hotline, in any answer, facet or page', () => {
    for (const intent of [...spec.citizen, ...spec.conversation]) {
      for (const language of ['vi', 'en'] as const) {
        const a = sharedKnowledge().renderer;
        const texts = [a.answer(intent.id, language).text, a.more(intent.id, language).text];
        for (const text of texts) {
          const numbers = (text.match(/\+?\d[\d .-]{6,}\d/g) ?? []).map((n) => n.replace(/\D/g, '')).filter((n) => n.length >= 8);
          expect(numbers.filter((n) => n !== '19000368'), intent.id).toEqual([]);
        }
      }
    }
  });
});
