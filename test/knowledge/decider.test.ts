import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decider, loadDecisionSettings, type DecisionSettings } from '../../src/knowledge/decide.js';
import { ExampleIndex } from '../../src/knowledge/examples.js';
import { WordWeights } from '../../src/nlu/word-weights.js';
import type { Understanding } from '../../src/nlu/understand.js';

const ROOT = new URL('../../', import.meta.url).pathname;

// Two topics taught by example; the rules' winner is 'renew', whose rules account for the words below.
const examples = new Map([
  ['renew', ['doi the can cuoc khi du 40 tuoi', 'the can cuoc het han doi o dau']],
  ['confirm', ['so tiet kiem ghi so chung minh cu can giay xac nhan', 'ngan hang doi giay xac nhan so chung minh']],
]);
// (a rule of 'renew' that also fires on "giấy xác nhận")
const ruleWords = new Set(['doi', 'the', 'can', 'cuoc', 'giay', 'xac', 'nhan']);

function decider(overrides: Partial<DecisionSettings> = {}) {
  const weights = new WordWeights(new Set(), new Map());
  weights.learn(examples);
  const index = new ExampleIndex(weights);
  for (const [intent, lines] of examples) for (const line of lines) index.add(intent, line);
  // thresholds low enough for this two-topic index; the mechanism, not the shipped figures, is under test
  const settings = { ...loadDecisionSettings(join(ROOT, 'data/decision.json')), answer: 0.6, clarify: 0.5, ...overrides };
  return new Decider(settings, weights, index, (intent) => (intent === 'renew' ? ruleWords : new Set()));
}
const rulesChose = { intent: 'renew', rule: 'renew.card', alternatives: [], priorities: new Map([['renew', 60]]) };
const message = (text: string) => ({ text }) as Understanding;

describe('rules and examples that disagree', () => {
  const question = message('doi the can cuoc roi can giay xac nhan so chung minh khong');

  it('the rules alone would answer the question (the protection below is what stops them)', () => {
    const d = decider({ disagreement: 1 }).decide(question, rulesChose);
    expect(d.outcome).toBe('answer');
    expect(d.intent).toBe('renew');
  });

  it('asks "Ý bạn là…?" with both topics when the nearest example is clearly of another topic and the rules explain only part', () => {
    const d = decider().decide(question, rulesChose);
    expect(d.outcome).toBe('clarify');
    expect(d.candidates.map((c) => c.intent)).toEqual(['renew', 'confirm']);
  });

  it("answers the examples' topic instead when the two are declared siblings (their answers share their facts)", () => {
    expect(decider({ siblings: [] }).decide(question, rulesChose).outcome).toBe('clarify');
    const d = decider({ siblings: [['renew', 'confirm']] }).decide(question, rulesChose);
    expect(d.outcome).toBe('answer');
    expect(d.intent).toBe('confirm');
  });

  it('trusts the rules when they explain most of the question, whatever example is nearer', () => {
    const whole = message('can giay xac nhan doi the');
    const d = decider().decide(whole, rulesChose);
    const [renew, confirm] = ['renew', 'confirm'].map((i) => d.candidates.find((c) => c.intent === i)!);
    expect(confirm!.similarity - renew!.similarity).toBeGreaterThan(0.1);
    expect(d.outcome).toBe('answer');
    expect(d.intent).toBe('renew');
  });
});

describe('thresholds by language', () => {
  it('an English question is held to the English thresholds, a Vietnamese one to the others', () => {
    // impossible thresholds for Vietnamese, none for English: only the language decides the outcome
    const d = decider({ answer: 2, clarify: 2, answerAgreed: 2, answerEnglish: 0, clarifyEnglish: 0 });
    const asked = (language: 'vi' | 'en') => d.decide({ text: 'doi the can cuoc', language } as Understanding, rulesChose).outcome;
    expect(asked('en')).toBe('answer');
    expect(asked('vi')).toBe('fallback');
  });
});

describe('an example taught word for word', () => {
  function nearIndex() {
    const taught = new Map([['chip', ['can i apply for an identity card where i have temporary residence']], ['other', ['ngan hang mo tai khoan']]]);
    const weights = new WordWeights(new Set(['who', 'can', 'for', 'a', 'an', 'i', 'where', 'have']), new Map());
    weights.learn(taught);
    const index = new ExampleIndex(weights);
    for (const [intent, lines] of taught) for (const line of lines) index.add(intent, line);
    const settings = { ...loadDecisionSettings(join(ROOT, 'data/decision.json')), answer: 0.6, clarify: 0.5 };
    return new Decider(settings, weights, index, () => new Set());
  }

  it('is answered as taught when the question is that example', () => {
    const d = nearIndex().decide(message('can i apply for an identity card where i have temporary residence'), undefined);
    expect(d.outcome).toBe('answer');
    expect(d.intent).toBe('chip');
  });

  it("wins over the rules' choice when the question reads exactly as the example (an editor's correction holds)", () => {
    // every word is one the rules of 'renew' account for: without the example, the rules' choice stands
    const question = message('doi the can cuoc can giay xac nhan');
    const indexOf = (d: Decider) => (d as unknown as { examples: ExampleIndex }).examples;
    const untaught = decider({ exampleDecides: false });
    indexOf(untaught).add('renew', 'doi the can cuoc can giay xac nhan gi khong');
    indexOf(untaught).add('confirm', question.text);
    expect(untaught.decide(question, rulesChose).intent).toBe('renew');
    const taughtHere = decider({ exampleDecides: true });
    indexOf(taughtHere).add('renew', 'doi the can cuoc can giay xac nhan gi khong');
    expect(taughtHere.decide(question, rulesChose).intent).toBe('renew');
    indexOf(taughtHere).add('confirm', question.text);
    const d = taughtHere.decide(question, rulesChose);
    expect(d.outcome).toBe('answer');
    expect(d.intent).toBe('confirm');
    // a question taught as out of scope falls back, whatever the rules chose
    const bank = message('doi the can cuoc giay');
    expect(taughtHere.decide(bank, rulesChose).outcome).toBe('answer');
    indexOf(taughtHere).add('out_of_scope', bank.text);
    expect(taughtHere.decide(bank, rulesChose).outcome).toBe('fallback');
  });

  it('does not when the question only shares its words ("a temporary residence card" is another card)', () => {
    const d = nearIndex().decide(message('who can apply for a temporary residence card'), undefined);
    expect(d.candidates[0]!.similarity).toBeGreaterThan(0.9);
    expect(d.outcome).not.toBe('answer');
  });
});

describe('numbers in a question', () => {
  it('a level\'s number weighs ("mức 3" is not "mức 1"), another number does not', () => {
    const weights = new WordWeights(new Set(), new Map());
    const weightOf = (text: string, word: string) => weights.weigh(text).find((w) => w.word === word)!.weight;
    expect(weightOf('muc 3 co khong', '3')).toBeGreaterThan(0);
    expect(weightOf('nam 2024 lam the', '2024')).toBe(0);
  });
});

describe('place names in a question', () => {
  it('a province weighs nothing, the same word elsewhere keeps its weight', () => {
    const weights = new WordWeights(new Set(), new Map(), ['quang binh']);
    const weighed = weights.weigh('toi o quang binh binh thuong lam the');
    expect(weighed.filter((w) => w.weight === 0).map((w) => w.word)).toEqual(['quang', 'binh']);
    expect(weighed[4]).toEqual({ word: 'binh', weight: 1 });
  });
});

describe('rules and the nearest example agree', () => {
  // no plain answer is possible (answer: 2): only agreement can lower the bar
  const strict = () => decider({ answer: 2, answerAgreed: 0 });

  it('answers at the lower bar when the rules chose the topic of the nearest example', () => {
    const d = strict().decide(message('doi the can cuoc'), rulesChose);
    expect(d.outcome).toBe('answer');
    expect(d.intent).toBe('renew');
  });

  it('is no agreement when no example question shares a word (rules alone)', () => {
    const d = decider({ answer: 2, answerAgreed: 0, retrieval: false }).decide(message('doi the can cuoc'), rulesChose);
    expect(d.outcome).not.toBe('answer');
  });

  it('keeps the usual bar when the nearest example is of another topic', () => {
    // the rules chose 'renew', the nearest example is 'confirm' (the disagreement rule is off to isolate this one)
    const d = decider({ answer: 2, answerAgreed: 0, disagreement: 1 }).decide(message('doi the can cuoc roi can giay xac nhan so chung minh khong'), rulesChose);
    expect(d.candidates[0]!.intent).toBe('renew');
    expect(d.outcome).not.toBe('answer');
  });
});

describe("what an intent's examples explain together", () => {
  it("a long question's words spread over several examples of one intent all count as explained", () => {
    const weights = new WordWeights(new Set(), new Map());
    const taught = new Map([['renew', ['doi the khi du 40 tuoi', 'the het han phai nop phi bao nhieu']]]);
    weights.learn(taught);
    const index = new ExampleIndex(weights);
    for (const line of taught.get('renew')!) index.add('renew', line);
    const text = 'du 40 tuoi doi the nop phi bao nhieu';
    const alone = index.match(text, 1)[0]!;
    const together = index.match(text, 2)[0]!;
    expect(together.similarity).toBe(alone.similarity);
    expect([...alone.explained].sort()).toEqual([...alone.shared].sort());
    expect([...together.explained].sort()).toEqual(['bao', 'doi', 'du', 'nhieu', 'nop', 'phi', 'the', 'tuoi']);
    expect(index.matchIntent('renew', text, 2)!.explained.size).toBe(8);
  });
});

describe('the example index between messages', () => {
  const taught = new Map([
    ['renew', ['doi the khi du 40 tuoi', 'the het han doi o dau']],
    ['confirm', ['giay xac nhan so chung minh cu']],
  ]);
  const fresh = () => {
    const weights = new WordWeights(new Set(), new Map());
    weights.learn(taught);
    const index = new ExampleIndex(weights);
    for (const [intent, lines] of taught) for (const line of lines) index.add(intent, line);
    return index;
  };
  const summary = (index: ExampleIndex, text: string) => index.match(text, 2).map((m) => `${m.intent} ${m.similarity.toFixed(6)}`);

  it('scores a message the same whatever was asked before it', () => {
    const index = fresh();
    const first = summary(index, 'the het han doi o dau');
    summary(index, 'giay xac nhan so chung minh');
    expect(summary(index, 'the het han doi o dau')).toEqual(first);
    expect(summary(fresh(), 'giay xac nhan so chung minh')).toEqual(summary(index, 'giay xac nhan so chung minh'));
  });

  it('an example added between two messages counts at once, and leaves no score of the message before', () => {
    const index = fresh();
    expect(index.match('lam the cho con', 1).map((m) => m.intent)).not.toContain('child');
    index.add('child', 'lam the cho con duoi 14 tuoi');
    expect(index.match('lam the cho con', 1)[0]!.intent).toBe('child');
    expect(summary(index, 'giay xac nhan')).toEqual(summary(fresh(), 'giay xac nhan'));
  });
});
