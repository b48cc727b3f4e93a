import { describe, expect, it } from 'vitest';
import { Crosswalk } from '../../src/nlu/gloss.js';
import { sharedKnowledge } from '../helpers/assistant.js';

const understand = (text: string) => sharedKnowledge().understander.understand(text);

/** The message is answered with `intent`, and would not be answered without its other reading. */
async function expectAnsweredOnlyThrough(reading: 'gloss' | 'question', text: string, intent: string): Promise<void> {
  const k = sharedKnowledge();
  const u = understand(text);
  expect(u[reading]).toBeDefined();
  expect((await k.topics.find({ ...u, [reading]: undefined }, {})).outcome).not.toBe('answer');
  const found = await k.topics.find(u, {});
  expect(found.outcome).toBe('answer');
  expect(found.intent).toBe(intent);
}

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
    await expectAnsweredOnlyThrough('gloss', 'activation code not received', 'vneid.activate');
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

describe("a long letter's question read on its own", () => {
  const letter =
    'Tôi năm nay 45 tuổi, làm nghề lái xe tải đường dài, thường xuyên vắng nhà nhiều tháng liền, vợ con ở quê chăm ruộng vườn và nuôi mấy con bò, cuộc sống cũng tạm ổn. ' +
    'Tháng trước tôi đi giao hàng ở cửa khẩu phía bắc thì đánh rơi ví ở bến xe, trong ví có tiền và nhiều giấy tờ. Xin hỏi tôi phải làm lại thẻ căn cước ở đâu?';

  it('takes the last sentence that asks, and only from a long message', () => {
    expect(understand(letter).question?.original).toBe('Xin hỏi tôi phải làm lại thẻ căn cước ở đâu?');
    expect(understand('Tôi mất thẻ căn cước. Làm lại ở đâu?').question).toBeUndefined();
  });

  it("answers a letter whose story hides its question, when the question confirms the letter's best guess", async () => {
    await expectAnsweredOnlyThrough('question', letter, 'cccd.chip');
  });
});
