import { describe, expect, it } from 'vitest';
import { Crosswalk } from '../../src/nlu/gloss.js';
import { sharedKnowledge } from '../helpers/assistant.js';

const understand = (text: string) => sharedKnowledge().understander.understand(text);

describe('the crosswalk: an English question read as Vietnamese words', () => {
  it('replaces the longest known phrase at each place and keeps the words it does not know', () => {
    const table = new Crosswalk(new Map([['id card', 'the can cuoc'], ['card', 'the'], ['lost', 'bi mat']]));
    expect(table.gloss('i lost my id card and my bank card'.split(' ')).join(' ')).toBe('i bi mat my the can cuoc and my bank the');
  });

  it('glosses English questions only', () => {
    expect(understand('I lost my phone, what happens to my VNeID?').gloss?.text).toContain('bi mat my dien thoai');
    expect(understand('mất điện thoại thì làm sao').gloss).toBeUndefined();
  });

  it('answers an English question the Vietnamese examples vouch for through its gloss', async () => {
    const k = sharedKnowledge();
    const u = understand('My ID card has the wrong date of birth, what should I do?');
    const { gloss, ...asWritten } = u;
    expect(gloss).toBeDefined();
    expect((await k.topics.find(asWritten, {})).outcome).not.toBe('answer');
    const found = await k.topics.find(u, {});
    expect(found.outcome).toBe('answer');
    expect(found.intent).toBe('cccd.chip');
  });

  it('never lets the gloss bring a topic of its own: it only confirms the best guess of the question as written', async () => {
    const k = sharedKnowledge();
    const written = understand('What about my grandmother who has no smartphone and lives alone?');
    const airport = understand('đi máy bay nội địa chỉ cần ứng dụng VNeID mức 2 thay cho thẻ căn cước được không');
    expect((await k.topics.find(airport, {})).intent).toBe('vneid.airport');
    const found = await k.topics.find({ ...written, gloss: airport }, {});
    expect(found.intent).not.toBe('vneid.airport');
  });
});
