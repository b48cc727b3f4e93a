import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { IntentRule } from '../../src/knowledge/rule-file.js';
import { sharedKnowledge } from '../helpers/assistant.js';

function synthetic(n: number): IntentRule[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `synthetic ${i}`,
    priority: 50,
    conditions: { all: [{ fact: 'text', operator: 'mentionsAny', value: [`tu${i} khoa`, `chude${i}`] }] },
    event: { type: `synthetic.${i}` },
  }));
}

describe('rule index', () => {
  it('evaluates only the rules whose key phrases start with a word of the message', () => {
    const kb = new KnowledgeBase(synthetic(2000));
    expect(kb.candidateCount('chude7 xin chao')).toBe(1);
    expect(kb.candidateCount('tu7 khoa')).toBe(1);
    expect(kb.candidateCount('tu7 khong')).toBe(0);
    expect(kb.candidateCount('khong lien quan')).toBe(0);
  });

  it('keeps the candidate set of a real question small when 2,000 unrelated rules are added', () => {
    const real = sharedKnowledge().knowledge;
    const grown = new KnowledgeBase([...real.rules, ...synthetic(2000)]);
    const words = 'dang ky dinh danh muc 2 o dau';
    expect(grown.candidateCount(words)).toBe(real.candidateCount(words));
    expect(real.candidateCount(words)).toBeLessThan(real.rules.length / 2);
  });

  it('picks the highest priority, then the most specific rule', async () => {
    const kb = new KnowledgeBase([
      { name: 'general', priority: 10, conditions: { all: [{ fact: 'text', operator: 'mentionsAny', value: ['dang ky'] }] }, event: { type: 'a' } },
      { name: 'specific', priority: 10, conditions: { all: [{ fact: 'text', operator: 'mentionsAny', value: ['dang ky muc 2'] }] }, event: { type: 'b' } },
      { name: 'urgent', priority: 90, conditions: { all: [{ fact: 'text', operator: 'mentionsAny', value: ['phi'] }] }, event: { type: 'c' } },
    ]);
    const facts = (text: string) => ({ text, wordCount: 0, levels: [], levelCount: 0, age: undefined, service: undefined, taskCode: undefined, days: undefined, language: undefined, previousIntent: undefined, isOfficer: false });
    expect((await kb.classify(facts('dang ky muc 2')))?.intent).toBe('b');
    expect((await kb.classify(facts('dang ky co mat phi')))?.intent).toBe('c');
    expect(await kb.classify(facts('xin chao'))).toBeUndefined();
  });

  it('matches whole words only', async () => {
    const kb = new KnowledgeBase([{ name: 'fee', priority: 10, conditions: { all: [{ fact: 'text', operator: 'mentionsAny', value: ['phi'] }] }, event: { type: 'fee' } }]);
    const facts = { text: 'phien lam viec', wordCount: 3, levels: [], levelCount: 0, age: undefined, service: undefined, taskCode: undefined, days: undefined, language: undefined, previousIntent: undefined, isOfficer: false };
    expect(await kb.classify(facts)).toBeUndefined();
  });
});
